#include "courtvoice/surveys/definition_validation.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "json_support.hpp"

namespace courtvoice::surveys {
namespace {

using detail::Problems;

bool matchesId(const std::string& id, bool allowHyphen) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [allowHyphen](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (allowHyphen && c == '-');
  });
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Smallest and largest sensible min_group_size: below 5 a published cell could identify a person.
constexpr int kLowestMinGroupSize = 5;
constexpr int kHighestMinGroupSize = 1000;
constexpr int kMaxTextItemLength = 4000;

class DefinitionChecker {
 public:
  DefinitionChecker(const SurveyDefinition& def, Problems& problems) : def_(def), problems_(problems) {}

  void check() {
    if (!matchesId(def_.id, true)) {
      problems_.add("invalid_id", "the survey id must be 1 to 64 of a-z, 0-9, _ and -", "id");
    }
    checkLanguages();
    if (def_.minGroupSize != 0 &&
        (def_.minGroupSize < kLowestMinGroupSize || def_.minGroupSize > kHighestMinGroupSize)) {
      problems_.add("out_of_range",
                    "min_group_size must be between " + std::to_string(kLowestMinGroupSize) + " and " +
                        std::to_string(kHighestMinGroupSize) + " (or absent for the default)",
                    "min_group_size");
    }
    checkText(def_.title, "title", true);
    checkText(def_.intro, "intro", false);
    checkText(def_.thanks, "thanks", false);
    if (def_.items.empty()) problems_.add("no_items", "a survey needs at least one item", "items");
    if (def_.items.size() > detail::kMaxItems) {
      problems_.add("too_many", "a survey may have at most " + std::to_string(detail::kMaxItems) + " items", "items");
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < def_.items.size(); ++i) {
      const Item& item = def_.items[i];
      const std::string path = detail::indexed("items", i);
      if (!matchesId(item.id, false)) {
        problems_.add("invalid_id", "an item id must be 1 to 64 of a-z, 0-9 and _", path + ".id");
      } else if (!seen.insert(item.id).second) {
        problems_.add("duplicate_id", "item id \"" + item.id + "\" is used twice", path + ".id");
      }
      checkItem(item, i, path);
    }
    checkIndices();
  }

 private:
  void checkLanguages() {
    if (def_.languages.empty()) {
      problems_.add("no_languages", "declare at least one of kk, ru, en", "languages");
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < def_.languages.size(); ++i) {
      const std::string& lang = def_.languages[i];
      const std::string field = detail::indexed("languages", i);
      if (!contains(kSupportedLanguages, lang)) {
        problems_.add("unsupported_language", "\"" + detail::keyForField(lang) + "\" is not one of kk, ru, en", field);
      } else if (!seen.insert(lang).second) {
        problems_.add("duplicate_language", "\"" + lang + "\" is declared twice", field);
      }
    }
  }

  // Every declared language needs a non-empty text; texts in undeclared languages are ignored,
  // and codes outside kk/ru/en are refused.
  void checkText(const LocalizedText& text, const std::string& path, bool required) {
    if (!required && text.empty()) return;
    for (const std::string& lang : def_.languages) {
      if (!contains(kSupportedLanguages, lang)) continue;  // reported once under "languages"
      auto it = text.find(lang);
      if (it == text.end() || it->second.empty()) {
        problems_.add("missing_translation", "no text in \"" + lang + "\"", path + "." + lang);
      }
    }
    for (const auto& [lang, value] : text) {
      if (!contains(kSupportedLanguages, lang)) {
        problems_.add("unsupported_language", "\"" + detail::keyForField(lang) + "\" is not one of kk, ru, en",
                      path + "." + detail::keyForField(lang));
      } else if (!detail::isValidUtf8(value)) {
        problems_.add("invalid_utf8", "the text is not valid UTF-8", path + "." + lang);
      } else if (detail::codePointCount(value) > detail::kMaxTextLength) {
        problems_.add("too_long", "a text may have at most " + std::to_string(detail::kMaxTextLength) + " characters",
                      path + "." + lang);
      }
    }
  }

  void checkItem(const Item& item, std::size_t position, const std::string& path) {
    if (!matchesId(item.dimension, false)) {
      problems_.add("invalid_dimension", "a dimension must be 1 to 64 of a-z, 0-9 and _", path + ".dimension");
    }
    checkText(item.text, path + ".text", true);
    const bool choice = item.type == ItemType::SingleChoice || item.type == ItemType::MultipleChoice;
    if (!choice && !item.options.empty()) {
      problems_.add("options_not_allowed", "only choice items have options", path + ".options");
    }
    if (choice && item.options.size() < 2) {
      problems_.add("too_few_options", "a choice item needs at least two options", path + ".options");
    }
    if (item.options.size() > detail::kMaxOptions) {
      problems_.add("too_many", "an item may have at most " + std::to_string(detail::kMaxOptions) + " options",
                    path + ".options");
    }
    std::set<int> codes;
    for (std::size_t j = 0; j < item.options.size(); ++j) {
      const std::string optionPath = detail::indexed(path + ".options", j);
      if (!codes.insert(item.options[j].code).second) {
        problems_.add("duplicate_code", "option code " + std::to_string(item.options[j].code) + " is used twice",
                      optionPath + ".code");
      }
      checkText(item.options[j].label, optionPath + ".label", true);
    }
    checkScaleLabels(item, path);
    checkReviewed(item, path);
    if (item.type == ItemType::Text && !item.allowedNonAnswers.empty()) {
      problems_.add("non_answers_not_allowed", "a text item cannot offer non-answers; leave it empty instead",
                    path + ".non_answers");
    }
    if (item.type == ItemType::Number && item.min > item.max) {
      problems_.add("min_above_max", "min must not be greater than max", path + ".min");
    }
    if (item.type == ItemType::Text && (item.maxLength < 1 || item.maxLength > kMaxTextItemLength)) {
      problems_.add("out_of_range", "max_length must be between 1 and " + std::to_string(kMaxTextItemLength),
                    path + ".max_length");
    }
    if (item.showIf) checkCondition(item, *item.showIf, position, path + ".show_if");
  }

  // A scale5 item names every point itself; a 0-10 item may name its points, and then at least
  // both ends, so the page never shows one end labelled and the other not.
  void checkScaleLabels(const Item& item, const std::string& path) {
    const std::string field = path + ".scale_labels";
    const bool labelled = item.type == ItemType::Scale5 || item.type == ItemType::Scale0to10;
    if (!labelled) {
      if (!item.scaleLabels.empty()) {
        problems_.add("not_allowed", "only scale5 and scale0to10 items have scale_labels", field);
      }
      return;
    }
    std::set<int> values;
    for (std::size_t j = 0; j < item.scaleLabels.size(); ++j) {
      const Option& label = item.scaleLabels[j];
      const std::string labelPath = detail::indexed(field, j);
      if (label.code < scaleMin(item.type) || label.code > scaleMax(item.type)) {
        problems_.add("out_of_range",
                      "a scale label's value must be between " + std::to_string(scaleMin(item.type)) + " and " +
                          std::to_string(scaleMax(item.type)),
                      labelPath + ".value");
      } else if (!values.insert(label.code).second) {
        problems_.add("duplicate_code", "scale value " + std::to_string(label.code) + " is labelled twice",
                      labelPath + ".value");
      }
      checkText(label.label, labelPath + ".label", true);
    }
    std::vector<int> needed;
    if (item.type == ItemType::Scale5) {
      needed = {1, 2, 3, 4, 5};
    } else if (!item.scaleLabels.empty()) {
      needed = {0, 10};
    }
    for (const int value : needed) {
      if (values.count(value) == 0) {
        problems_.add("missing_scale_label",
                      item.type == ItemType::Scale5 ? "a scale5 item needs a label for each value 1 to 5"
                                                    : "labels of a 0-10 item must include both ends, 0 and 10",
                      field);
        break;
      }
    }
  }

  void checkReviewed(const Item& item, const std::string& path) {
    std::set<std::string> seen;
    for (std::size_t j = 0; j < item.reviewed.size(); ++j) {
      const std::string& lang = item.reviewed[j];
      const std::string field = detail::indexed(path + ".reviewed", j);
      if (!contains(def_.languages, lang)) {
        problems_.add("unsupported_language", "\"" + detail::keyForField(lang) + "\" is not a language of this survey",
                      field);
      } else if (!seen.insert(lang).second) {
        problems_.add("duplicate_language", "\"" + lang + "\" is listed twice", field);
      }
    }
  }

  void checkCondition(const Item& item, const Condition& condition, std::size_t position, const std::string& path) {
    if (condition.itemId == item.id) {
      problems_.add("condition_on_self", "an item cannot depend on itself", path + ".item");
      return;
    }
    const auto found = std::find_if(def_.items.begin(), def_.items.end(),
                                    [&](const Item& other) { return other.id == condition.itemId; });
    if (found == def_.items.end()) {
      problems_.add("unknown_condition_item", "no item \"" + detail::keyForField(condition.itemId) + "\"",
                    path + ".item");
      return;
    }
    if (static_cast<std::size_t>(found - def_.items.begin()) > position) {
      problems_.add("condition_on_later_item", "an item can depend only on an earlier item", path + ".item");
      return;
    }
    const Item& target = *found;
    if (target.type == ItemType::Number || target.type == ItemType::Text) {
      problems_.add("invalid_condition_item", "a condition needs a scale or choice item", path + ".item");
      return;
    }
    if (condition.anyOf.empty()) {
      problems_.add("empty_condition", "any_of needs at least one code", path + ".any_of");
    }
    for (std::size_t k = 0; k < condition.anyOf.size(); ++k) {
      const int code = condition.anyOf[k];
      const bool possible =
          isScale(target.type)
              ? code >= scaleMin(target.type) && code <= scaleMax(target.type)
              : std::any_of(target.options.begin(), target.options.end(),
                            [code](const Option& option) { return option.code == code; });
      if (!possible) {
        problems_.add("invalid_condition_code",
                      "item \"" + target.id + "\" cannot be answered with " + std::to_string(code),
                      detail::indexed(path + ".any_of", k));
      }
    }
  }

  void checkIndices() {
    // Indices average 5-point items, so a dimension counts only if such an item carries it.
    std::set<std::string> fivePointDimensions;
    for (const Item& item : def_.items) {
      if (isFivePoint(item.type)) {
        fivePointDimensions.insert(item.dimension);
      }
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < def_.indices.size(); ++i) {
      const IndexDefinition& index = def_.indices[i];
      const std::string path = detail::indexed("indices", i);
      if (!matchesId(index.id, false)) {
        problems_.add("invalid_id", "an index id must be 1 to 64 of a-z, 0-9 and _", path + ".id");
      } else if (!seen.insert(index.id).second) {
        problems_.add("duplicate_id", "index id \"" + index.id + "\" is used twice", path + ".id");
      }
      checkText(index.name, path + ".name", true);
      if (index.dimensions.empty()) {
        problems_.add("no_dimensions", "an index needs at least one dimension", path + ".dimensions");
      }
      for (std::size_t j = 0; j < index.dimensions.size(); ++j) {
        if (fivePointDimensions.count(index.dimensions[j]) == 0) {
          problems_.add("unknown_dimension",
                        "no 5-point item has dimension \"" + detail::keyForField(index.dimensions[j]) + "\"",
                        detail::indexed(path + ".dimensions", j));
        }
      }
    }
  }

  const SurveyDefinition& def_;
  Problems& problems_;
};

}  // namespace

std::vector<ValidationError> validateDefinition(const SurveyDefinition& def) {
  Problems problems;
  DefinitionChecker(def, problems).check();
  return problems.take();
}

}  // namespace courtvoice::surveys
