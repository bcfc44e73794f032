#include "json_support.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/UTF8Encoding.h>

#include <cmath>
#include <limits>
#include <sstream>

#include "courtvoice/surveys/json_text.hpp"

namespace courtvoice::surveys::detail {
namespace {

// Length of the sequence a lead byte starts, 0 when no valid sequence starts with it.
int sequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// Nesting deeper than any valid document needs; keeps the recursive parser's stack small.
constexpr std::size_t kMaxJsonDepth = 16;

}  // namespace

bool isValidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const int length = sequenceLength(bytes[pos]);
    if (length == 0 || pos + static_cast<std::size_t>(length) > text.size()) return false;
    // Poco checks continuation bytes, overlong forms, surrogates and the U+10FFFF ceiling.
    if (length > 1 && !Poco::UTF8Encoding::isLegal(bytes + pos, length)) return false;
    pos += static_cast<std::size_t>(length);
  }
  return true;
}

std::size_t codePointCount(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;  // not a continuation byte
  }
  return count;
}

std::string keyForField(const std::string& key) {
  if (!isValidUtf8(key)) return "?";
  if (key.size() <= 64) return key;
  std::size_t end = 64;
  while (end > 0 && (static_cast<unsigned char>(key[end]) & 0xC0) == 0x80) --end;
  return key.substr(0, end) + "...";
}

std::string formatNumber(double value) {
  std::ostringstream out;
  out << value;  // default precision (6 significant digits) is enough for a message
  return out.str();
}

std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? keyForField(key) : path + "." + keyForField(key);
}

std::string indexed(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

JsonKind kindOf(const Poco::Dynamic::Var& value) {
  if (value.isEmpty()) return JsonKind::Null;
  const std::type_info& type = value.type();
  if (type == typeid(bool)) return JsonKind::Bool;
  if (type == typeid(std::string)) return JsonKind::String;
  if (type == typeid(Poco::JSON::Object::Ptr)) return JsonKind::Object;
  if (type == typeid(Poco::JSON::Array::Ptr)) return JsonKind::Array;
  if (type == typeid(double) || type == typeid(float)) return JsonKind::Fraction;
  if (value.isInteger()) return JsonKind::Integer;
  return JsonKind::Null;  // nothing else comes out of the parser
}

const char* describe(JsonKind kind) {
  switch (kind) {
    case JsonKind::Null: return "null";
    case JsonKind::Bool: return "a boolean";
    case JsonKind::Integer: return "an integer";
    case JsonKind::Fraction: return "a number";
    case JsonKind::String: return "a string";
    case JsonKind::Object: return "an object";
    case JsonKind::Array: return "an array";
  }
  return "a value";
}

std::optional<Poco::Dynamic::Var> parseJson(const std::string& json, Problems& problems) {
  // The strict check first: repeated keys, invalid UTF-8 (with its field), depth and syntax,
  // with messages that never quote a raw byte.
  const JsonTextCheck check = checkJsonText(json, kMaxJsonDepth);
  if (check.problem) {
    problems.add(check.problem->code, check.problem->message, check.problem->field);
    return std::nullopt;
  }
  try {
    Poco::JSON::Parser parser;
    parser.setDepth(kMaxJsonDepth + 1);  // a backstop only: the check above counts depth
    // Poco 1.11 refuses a top-level scalar; read it as the element of an array so that the
    // readers can answer wrong_type, as for any other value of the wrong kind.
    if (check.topLevel == JsonTopLevel::Scalar) {
      return std::optional<Poco::Dynamic::Var>(std::in_place,
                                               at(parser.parse("[" + json + "]").extract<Poco::JSON::Array::Ptr>(), 0));
    }
    return std::optional<Poco::Dynamic::Var>(std::in_place, parser.parse(json));
  } catch (const Poco::Exception& e) {
    // Numbers out of Poco's range (1e999, 30 digits) are still refused here.
    problems.add("malformed_json", "malformed JSON: " + printableText(e.message()), "");
  }
  return std::nullopt;
}

void ObjectReader::refuseUnknownKeys(std::initializer_list<std::string_view> allowed) const {
  std::vector<std::string> names;
  object_->getNames(names);
  for (const std::string& name : names) {
    bool known = false;
    for (std::string_view candidate : allowed) known = known || candidate == name;
    if (!known) problems_.add("unknown_field", "unknown field \"" + keyForField(name) + "\"", field(name));
  }
}

bool ObjectReader::present(const std::string& key, bool required) const {
  if (object_->has(key)) return true;
  if (required) problems_.add("missing_field", "\"" + key + "\" is required", field(key));
  return false;
}

void ObjectReader::wrongType(const std::string& key, const char* expected) const {
  problems_.add("wrong_type",
                "\"" + key + "\" must be " + expected + ", not " + describe(kindOf(object_->get(key))), field(key));
}

std::optional<std::string> ObjectReader::string(const std::string& key, bool required, std::size_t maxCodePoints) const {
  if (!present(key, required)) return std::nullopt;
  return toString(object_->get(key), field(key), maxCodePoints, problems_);
}

std::optional<int> ObjectReader::integer(const std::string& key, bool required) const {
  if (!present(key, required)) return std::nullopt;
  return toInt(object_->get(key), field(key), problems_);
}

std::optional<double> ObjectReader::number(const std::string& key, bool required) const {
  if (!present(key, required)) return std::nullopt;
  const Poco::Dynamic::Var value = object_->get(key);
  const JsonKind kind = kindOf(value);
  if (kind != JsonKind::Integer && kind != JsonKind::Fraction) {
    wrongType(key, "a number");
    return std::nullopt;
  }
  const double number = value.convert<double>();
  if (!std::isfinite(number)) {
    problems_.add("out_of_range", "\"" + key + "\" is not a finite number", field(key));
    return std::nullopt;
  }
  return number;
}

std::optional<bool> ObjectReader::boolean(const std::string& key, bool required) const {
  if (!present(key, required)) return std::nullopt;
  const Poco::Dynamic::Var value = object_->get(key);
  if (kindOf(value) != JsonKind::Bool) {
    wrongType(key, "true or false");
    return std::nullopt;
  }
  return value.extract<bool>();
}

Poco::JSON::Object::Ptr ObjectReader::object(const std::string& key, bool required) const {
  if (!present(key, required)) return {};
  const Poco::Dynamic::Var value = object_->get(key);
  if (kindOf(value) != JsonKind::Object) {
    wrongType(key, "an object");
    return {};
  }
  return value.extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr ObjectReader::array(const std::string& key, bool required, std::size_t maxSize) const {
  if (!present(key, required)) return {};
  const Poco::Dynamic::Var value = object_->get(key);
  if (kindOf(value) != JsonKind::Array) {
    wrongType(key, "an array");
    return {};
  }
  auto array = value.extract<Poco::JSON::Array::Ptr>();
  if (array->size() > maxSize) {
    problems_.add("too_many", "\"" + key + "\" has " + std::to_string(array->size()) + " entries, at most " +
                                  std::to_string(maxSize) + " are allowed",
                  field(key));
    return {};
  }
  return array;
}

std::optional<int> toInt(const Poco::Dynamic::Var& value, const std::string& field, Problems& problems) {
  const JsonKind kind = kindOf(value);
  double number = 0;
  if (kind == JsonKind::Integer) {
    // UInt64 values above INT64_MAX would not convert; they are out of range anyway.
    if (value.type() == typeid(Poco::UInt64) && value.extract<Poco::UInt64>() > 0x7FFFFFFFu) {
      problems.add("out_of_range", "the integer is too large", field);
      return std::nullopt;
    }
    const auto wide = value.convert<Poco::Int64>();
    if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
      problems.add("out_of_range", "the integer is too large", field);
      return std::nullopt;
    }
    return static_cast<int>(wide);
  }
  if (kind == JsonKind::Fraction) {
    number = value.convert<double>();
    // 4.0 is the integer 4 written differently; 4.5 is not an integer.
    if (std::isfinite(number) && std::trunc(number) == number) {
      if (number < std::numeric_limits<int>::min() || number > std::numeric_limits<int>::max()) {
        problems.add("out_of_range", "the integer is too large", field);
        return std::nullopt;
      }
      return static_cast<int>(number);
    }
  }
  problems.add("wrong_type", "must be an integer, not " + std::string(describe(kind)) +
                                 (kind == JsonKind::Fraction ? " with a fractional part" : ""),
               field);
  return std::nullopt;
}

std::optional<std::string> toString(const Poco::Dynamic::Var& value, const std::string& field,
                                    std::size_t maxCodePoints, Problems& problems) {
  const JsonKind kind = kindOf(value);
  if (kind != JsonKind::String) {
    problems.add("wrong_type", "must be a string, not " + std::string(describe(kind)), field);
    return std::nullopt;
  }
  std::string text = value.extract<std::string>();
  // The parser decodes \u escapes itself; a lone surrogate escape must not slip through.
  if (!isValidUtf8(text)) {
    problems.add("invalid_utf8", "the text is not valid UTF-8", field);
    return std::nullopt;
  }
  const std::size_t length = codePointCount(text);
  if (length > maxCodePoints) {
    problems.add("too_long",
                 "the text has " + std::to_string(length) + " characters, at most " + std::to_string(maxCodePoints) +
                     " are allowed",
                 field);
    return std::nullopt;
  }
  return text;
}

}  // namespace courtvoice::surveys::detail
