#pragma once
// Writes compact JSON straight into a string. For the large replies (a summary by court is a few
// MB): building them as Poco::JSON objects first took 75 ms for 200 courts, this takes a few.
// Output matches toJson(): UTF-8 kept as is, numbers in their shortest exact form.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtvoice::server {

class JsonWriter {
 public:
  JsonWriter& beginObject();
  JsonWriter& endObject();
  JsonWriter& beginArray();
  JsonWriter& endArray();
  /// The key of the next value in the current object.
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(bool flag);
  /// A number, or null when absent or not finite (JSON has no NaN).
  JsonWriter& value(std::optional<double> number);
  JsonWriter& null();
  /// JSON text made elsewhere (e.g. by toJson), inserted as one value.
  JsonWriter& raw(std::string_view json);

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void separate();

  std::string out_;
  std::vector<bool> first_;  // per open object or array: nothing written in it yet
  bool afterKey_ = false;
};

/// {"low": .., "high": ..}, or null when there is no interval.
template <typename IntervalLike>
void writeInterval(JsonWriter& out, const std::optional<IntervalLike>& interval) {
  if (!interval) {
    out.null();
    return;
  }
  out.beginObject().key("low").value(std::optional<double>(interval->low));
  out.key("high").value(std::optional<double>(interval->high)).endObject();
}

}  // namespace courtvoice::server
