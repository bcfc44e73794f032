#include "courtvoice/surveys/definition_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <sstream>

#include "courtvoice/surveys/errors.hpp"
#include "json_support.hpp"

namespace courtvoice::surveys {
namespace {

using detail::ObjectReader;
using detail::Problems;
using Poco::JSON::Array;
using Poco::JSON::Object;

using detail::kMaxItems;
using detail::kMaxOptions;
using detail::kMaxTextLength;
constexpr std::size_t kMaxIdLength = 64;
constexpr std::size_t kMaxSmallList = 100;    // languages, non_answers, any_of, indices, dimensions

class DefinitionReader {
 public:
  explicit DefinitionReader(Problems& problems) : problems_(problems) {}

  SurveyDefinition read(const Poco::Dynamic::Var& root) {
    SurveyDefinition def;
    if (detail::kindOf(root) != detail::JsonKind::Object) {
      problems_.add("wrong_type", "a survey definition must be a JSON object", "");
      return def;
    }
    const ObjectReader in(root.extract<Object::Ptr>(), "", problems_);
    in.refuseUnknownKeys({"id", "version", "status", "audience", "languages", "min_group_size", "title", "intro",
                          "thanks", "items", "indices", "report_by_court"});
    def.id = in.string("id", true, kMaxIdLength).value_or("");
    def.version = in.integer("version", false).value_or(0);
    // "status" is output only (the store owns it); accepted so that output reads back in.
    if (auto status = in.string("status", false, kMaxIdLength); status && !parseVersionStatus(*status)) {
      unknownName(in.field("status"), *status, "draft, published, closed, archived");
    }
    if (auto audience = in.string("audience", true, kMaxIdLength)) {
      if (auto parsed = parseAudience(*audience)) {
        def.audience = *parsed;
      } else {
        unknownName(in.field("audience"), *audience, "citizen, staff, judge");
      }
    }
    if (auto languages = in.array("languages", true, kMaxSmallList)) {
      for (std::size_t i = 0; i < languages->size(); ++i) {
        if (auto lang = detail::toString(detail::at(languages, i), detail::indexed(in.field("languages"), i), kMaxIdLength,
                                         problems_)) {
          def.languages.push_back(*lang);
        }
      }
    }
    def.minGroupSize = in.integer("min_group_size", false).value_or(0);
    def.reportByCourt = in.boolean("report_by_court", false).value_or(true);
    def.title = text(in, "title", true);
    def.intro = text(in, "intro", false);
    def.thanks = text(in, "thanks", false);
    if (auto items = in.array("items", true, kMaxItems)) {
      for (std::size_t i = 0; i < items->size(); ++i) {
        def.items.push_back(item(detail::at(items, i), detail::indexed("items", i)));
      }
    }
    if (auto indices = in.array("indices", false, kMaxSmallList)) {
      for (std::size_t i = 0; i < indices->size(); ++i) {
        def.indices.push_back(index(detail::at(indices, i), detail::indexed("indices", i)));
      }
    }
    return def;
  }

 private:
  void unknownName(const std::string& field, const std::string& name, const std::string& expected) {
    problems_.add("unknown_value", "\"" + detail::keyForField(name) + "\" is not one of " + expected, field);
  }

  ObjectReader objectAt(const Poco::Dynamic::Var& value, const std::string& path, bool& ok) {
    ok = detail::kindOf(value) == detail::JsonKind::Object;
    if (!ok) {
      problems_.add("wrong_type", "must be an object, not " + std::string(detail::describe(detail::kindOf(value))),
                    path);
      return ObjectReader(new Object, path, problems_);
    }
    return ObjectReader(value.extract<Object::Ptr>(), path, problems_);
  }

  // A text per language. Only the supported language codes may appear as keys.
  LocalizedText text(const ObjectReader& parent, const std::string& key, bool required) {
    LocalizedText out;
    auto object = parent.object(key, required);
    if (!object) return out;
    const ObjectReader in(object, parent.field(key), problems_);
    std::vector<std::string> names;
    object->getNames(names);
    for (const std::string& lang : names) {
      if (std::find(kSupportedLanguages.begin(), kSupportedLanguages.end(), lang) == kSupportedLanguages.end()) {
        problems_.add("unsupported_language", "\"" + detail::keyForField(lang) + "\" is not one of kk, ru, en",
                      in.field(lang));
        continue;
      }
      if (auto value = in.string(lang, true, kMaxTextLength)) out[lang] = *value;
    }
    return out;
  }

  Item item(const Poco::Dynamic::Var& value, const std::string& path) {
    Item item;
    bool ok = false;
    const ObjectReader in = objectAt(value, path, ok);
    if (!ok) return item;
    in.refuseUnknownKeys({"id", "type", "dimension", "required", "non_answers", "text", "options", "show_if", "min",
                          "max", "max_length", "series_break", "scale_labels", "reviewed"});
    item.id = in.string("id", true, kMaxIdLength).value_or("");
    std::optional<ItemType> type;
    if (auto name = in.string("type", true, kMaxIdLength)) {
      type = parseItemType(*name);
      if (type) {
        item.type = *type;
      } else {
        unknownName(in.field("type"), *name,
                    "agreement5, satisfaction5, scale5, scale0to10, single_choice, multiple_choice, number, text");
      }
    }
    item.dimension = in.string("dimension", true, kMaxIdLength).value_or("");
    item.required = in.boolean("required", false).value_or(false);
    item.seriesBreak = in.boolean("series_break", false).value_or(false);
    item.text = text(in, "text", true);
    if (auto list = in.array("non_answers", false, kMaxSmallList)) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string field = detail::indexed(in.field("non_answers"), i);
        if (auto name = detail::toString(detail::at(list, i), field, kMaxIdLength, problems_)) {
          if (auto nonAnswer = parseNonAnswer(*name)) {
            item.allowedNonAnswers.insert(*nonAnswer);
          } else {
            unknownName(field, *name, "not_applicable, dont_know, no_opinion");
          }
        }
      }
    }
    if (auto options = in.array("options", false, kMaxOptions)) {
      for (std::size_t i = 0; i < options->size(); ++i) {
        item.options.push_back(option(detail::at(options, i), detail::indexed(in.field("options"), i)));
      }
    }
    if (auto labels = in.array("scale_labels", false, kMaxOptions)) {
      for (std::size_t i = 0; i < labels->size(); ++i) {
        item.scaleLabels.push_back(option(detail::at(labels, i), detail::indexed(in.field("scale_labels"), i), "value"));
      }
    }
    if (auto list = in.array("reviewed", false, kMaxSmallList)) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        if (auto lang = detail::toString(detail::at(list, i), detail::indexed(in.field("reviewed"), i), kMaxIdLength,
                                         problems_)) {
          item.reviewed.push_back(*lang);
        }
      }
    }
    if (auto showIf = in.object("show_if", false)) {
      const ObjectReader condition(showIf, in.field("show_if"), problems_);
      condition.refuseUnknownKeys({"item", "any_of"});
      Condition parsed;
      parsed.itemId = condition.string("item", true, kMaxIdLength).value_or("");
      if (auto anyOf = condition.array("any_of", true, kMaxSmallList)) {
        for (std::size_t i = 0; i < anyOf->size(); ++i) {
          if (auto code = detail::toInt(detail::at(anyOf, i), detail::indexed(condition.field("any_of"), i), problems_)) {
            parsed.anyOf.push_back(*code);
          }
        }
      }
      item.showIf = parsed;
    }
    // The type decides which of min, max, max_length belong; a stray one is most likely a mistake.
    const bool isNumber = type == ItemType::Number;
    const bool isText = type == ItemType::Text;
    for (const char* key : {"min", "max"}) {
      if (type && !isNumber && in.has(key)) notAllowed(in, key, "number");
    }
    if (type && !isText && in.has("max_length")) notAllowed(in, "max_length", "text");
    item.min = in.number("min", isNumber).value_or(0);
    item.max = in.number("max", isNumber).value_or(0);
    item.maxLength = in.integer("max_length", false).value_or(item.maxLength);
    return item;
  }

  void notAllowed(const ObjectReader& in, const std::string& key, const std::string& type) {
    problems_.add("not_allowed", "\"" + key + "\" is only allowed on " + type + " items", in.field(key));
  }

  // An option {"code", "label"}, or a scale label {"value", "label"}.
  Option option(const Poco::Dynamic::Var& value, const std::string& path, const std::string& codeKey = "code") {
    Option option;
    bool ok = false;
    const ObjectReader in = objectAt(value, path, ok);
    if (!ok) return option;
    in.refuseUnknownKeys({codeKey, "label"});
    option.code = in.integer(codeKey, true).value_or(0);
    option.label = text(in, "label", true);
    return option;
  }

  IndexDefinition index(const Poco::Dynamic::Var& value, const std::string& path) {
    IndexDefinition index;
    bool ok = false;
    const ObjectReader in = objectAt(value, path, ok);
    if (!ok) return index;
    in.refuseUnknownKeys({"id", "name", "dimensions"});
    index.id = in.string("id", true, kMaxIdLength).value_or("");
    index.name = text(in, "name", true);
    if (auto dimensions = in.array("dimensions", true, kMaxSmallList)) {
      for (std::size_t i = 0; i < dimensions->size(); ++i) {
        if (auto dimension = detail::toString(detail::at(dimensions, i), detail::indexed(in.field("dimensions"), i),
                                              kMaxIdLength, problems_)) {
          index.dimensions.push_back(*dimension);
        }
      }
    }
    return index;
  }

  Problems& problems_;
};

// Writes a LocalizedText in full, or reduced to one language as a plain string.
void putText(Object& out, const std::string& key, const LocalizedText& text, const std::optional<std::string>& lang) {
  if (lang) {
    out.set(key, pick(text, *lang));
    return;
  }
  Object::Ptr object = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& [code, value] : text) object->set(code, value);
  out.set(key, object);
}

Array::Ptr intArray(const std::vector<int>& values) {
  Array::Ptr array = new Array;
  for (const int value : values) array->add(value);
  return array;
}

Array::Ptr labelledCodes(const std::vector<Option>& options, const std::string& codeKey,
                         const std::optional<std::string>& lang) {
  Array::Ptr out = new Array;
  for (const Option& option : options) {
    Object::Ptr entry = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    entry->set(codeKey, option.code);
    putText(*entry, "label", option.label, lang);
    out->add(entry);
  }
  return out;
}

Object::Ptr itemToJson(const Item& item, const std::optional<std::string>& lang) {
  Object::Ptr out = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("id", item.id);
  out->set("type", toString(item.type));
  out->set("dimension", item.dimension);
  out->set("required", item.required);
  if (!item.allowedNonAnswers.empty()) {
    Array::Ptr nonAnswers = new Array;
    for (const NonAnswer nonAnswer : item.allowedNonAnswers) nonAnswers->add(toString(nonAnswer));
    out->set("non_answers", nonAnswers);
  }
  putText(*out, "text", item.text, lang);
  if (!item.options.empty()) out->set("options", labelledCodes(item.options, "code", lang));
  if (!item.scaleLabels.empty()) out->set("scale_labels", labelledCodes(item.scaleLabels, "value", lang));
  if (item.showIf) {
    Object::Ptr condition = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    condition->set("item", item.showIf->itemId);
    condition->set("any_of", intArray(item.showIf->anyOf));
    out->set("show_if", condition);
  }
  if (item.type == ItemType::Number) {
    out->set("min", item.min);
    out->set("max", item.max);
  }
  if (item.type == ItemType::Text) out->set("max_length", item.maxLength);
  if (item.seriesBreak) out->set("series_break", true);
  if (!item.reviewed.empty()) {
    Array::Ptr reviewed = new Array;
    for (const std::string& language : item.reviewed) reviewed->add(language);
    out->set("reviewed", reviewed);
  }
  return out;
}

}  // namespace

SurveyDefinition parseDefinition(const std::string& json) {
  Problems problems;
  SurveyDefinition def;
  if (auto root = detail::parseJson(json, problems)) def = DefinitionReader(problems).read(*root);
  if (!problems.empty()) throw DomainError(problems.take());
  return def;
}

std::string definitionToJson(const SurveyDefinition& def, const std::optional<std::string>& lang) {
  Object out(Poco::JSON_PRESERVE_KEY_ORDER);
  out.set("id", def.id);
  out.set("version", def.version);
  out.set("audience", toString(def.audience));
  Array::Ptr languages = new Array;
  for (const std::string& language : def.languages) languages->add(language);
  out.set("languages", languages);
  if (def.minGroupSize > 0) out.set("min_group_size", def.minGroupSize);
  if (!def.reportByCourt) out.set("report_by_court", false);
  putText(out, "title", def.title, lang);
  if (!def.intro.empty()) putText(out, "intro", def.intro, lang);
  if (!def.thanks.empty()) putText(out, "thanks", def.thanks, lang);
  Array::Ptr items = new Array;
  for (const Item& item : def.items) items->add(itemToJson(item, lang));
  out.set("items", items);
  if (!def.indices.empty()) {
    Array::Ptr indices = new Array;
    for (const IndexDefinition& index : def.indices) {
      Object::Ptr entry = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
      entry->set("id", index.id);
      putText(*entry, "name", index.name, lang);
      Array::Ptr dimensions = new Array;
      for (const std::string& dimension : index.dimensions) dimensions->add(dimension);
      entry->set("dimensions", dimensions);
      indices->add(entry);
    }
    out.set("indices", indices);
  }
  std::ostringstream stream;
  out.stringify(stream);
  return stream.str();
}

}  // namespace courtvoice::surveys
