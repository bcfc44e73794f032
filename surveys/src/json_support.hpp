#pragma once
// Internal helpers shared by the JSON readers and the validators (not installed, not public):
// UTF-8 checks, an error collector, and typed access to Poco JSON values.
#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::surveys::detail {

// Explicit limits on a definition (docs/survey-format.md), applied when parsing and validating.
constexpr std::size_t kMaxItems = 200;
constexpr std::size_t kMaxOptions = 100;
constexpr std::size_t kMaxTextLength = 2000;  ///< code points, any text or label

/// Well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(std::string_view text);
/// Number of code points in valid UTF-8 (each lead byte counts once).
std::size_t codePointCount(std::string_view text);
/// A JSON key made safe to put into an error's field: valid UTF-8, at most 64 bytes.
std::string keyForField(const std::string& key);

/// A number as a person would write it (no trailing zeros).
std::string formatNumber(double value);

std::string join(const std::string& path, const std::string& key);
std::string indexed(const std::string& path, std::size_t index);

/// Collects every problem found, in document order.
class Problems {
 public:
  void add(std::string code, std::string message, std::string field) {
    list_.push_back({std::move(code), std::move(message), std::move(field)});
  }
  bool empty() const { return list_.empty(); }
  std::size_t size() const { return list_.size(); }
  std::vector<ValidationError> take() { return std::move(list_); }

 private:
  std::vector<ValidationError> list_;
};

/// Element `index` of an array (Poco indexes with unsigned int; our arrays are small).
inline Poco::Dynamic::Var at(const Poco::JSON::Array::Ptr& array, std::size_t index) {
  return array->get(static_cast<unsigned int>(index));
}

enum class JsonKind { Null, Bool, Integer, Fraction, String, Object, Array };
JsonKind kindOf(const Poco::Dynamic::Var& value);
const char* describe(JsonKind kind);

/// Parses a JSON document; on failure records "invalid_utf8" or "malformed_json" and returns nothing.
std::optional<Poco::Dynamic::Var> parseJson(const std::string& json, Problems& problems);

/// Reads typed fields of one JSON object, recording "missing_field", "wrong_type",
/// "out_of_range", "invalid_utf8" and "too_long" against `path.key`.
class ObjectReader {
 public:
  ObjectReader(Poco::JSON::Object::Ptr object, std::string path, Problems& problems)
      : object_(std::move(object)), path_(std::move(path)), problems_(problems) {}

  /// Records "unknown_field" for every key not in `allowed`.
  void refuseUnknownKeys(std::initializer_list<std::string_view> allowed) const;

  bool has(const std::string& key) const { return object_->has(key); }
  std::string field(const std::string& key) const { return join(path_, key); }
  Poco::Dynamic::Var get(const std::string& key) const { return object_->get(key); }
  Problems& problems() const { return problems_; }

  std::optional<std::string> string(const std::string& key, bool required, std::size_t maxCodePoints) const;
  std::optional<int> integer(const std::string& key, bool required) const;
  std::optional<double> number(const std::string& key, bool required) const;
  std::optional<bool> boolean(const std::string& key, bool required) const;
  /// The member as an object or array; records "wrong_type" or "missing_field" otherwise.
  Poco::JSON::Object::Ptr object(const std::string& key, bool required) const;
  Poco::JSON::Array::Ptr array(const std::string& key, bool required, std::size_t maxSize) const;

 private:
  bool present(const std::string& key, bool required) const;
  void wrongType(const std::string& key, const char* expected) const;

  Poco::JSON::Object::Ptr object_;
  std::string path_;
  Problems& problems_;
};

/// An integer value (a JSON integer, or a number with no fractional part) that fits in int.
/// Records "wrong_type" or "out_of_range" against `field` otherwise.
std::optional<int> toInt(const Poco::Dynamic::Var& value, const std::string& field, Problems& problems);
/// A string value that is valid UTF-8 and at most `maxCodePoints` long.
std::optional<std::string> toString(const Poco::Dynamic::Var& value, const std::string& field,
                                    std::size_t maxCodePoints, Problems& problems);

}  // namespace courtvoice::surveys::detail
