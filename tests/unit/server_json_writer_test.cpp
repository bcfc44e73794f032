// JsonWriter writes what toJson writes for the same values (so the summary, written directly
// for speed, reads exactly as the replies built from Poco objects).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "courtvoice/server/json_io.hpp"
#include "courtvoice/server/json_writer.hpp"

namespace courtvoice::server {
namespace {

TEST(JsonWriter, WritesWhatPocoWritesForTheSameValues) {
  const std::string awkward = "Суд \"№1\"\\ Астана\n\ttab\x01 end/";
  const std::vector<double> numbers = {0.0, 4.0, 3.8412345678, 0.1 + 0.2, 1e-7, 71.25, 123456789.125, 2.5e-16, -3.75e-20, 1.5e20, 999999999999999.9, 1.2345678901234567e-15};

  auto expected = makeObject();
  expected->set("text", awkward);
  expected->set("count", static_cast<std::int64_t>(-42));
  expected->set("flag", true);
  expected->set("none", Poco::Dynamic::Var());
  auto array = makeArray();
  for (double n : numbers) array->add(n);
  expected->set("numbers", array);
  auto nested = makeObject();
  nested->set("empty", makeArray());
  nested->set("inner", makeObject());
  expected->set("nested", nested);

  JsonWriter out;
  out.beginObject();
  out.key("text").value(awkward);
  out.key("count").value(std::int64_t{-42});
  out.key("flag").value(true);
  out.key("none").null();
  out.key("numbers").beginArray();
  for (double n : numbers) out.value(std::optional<double>(n));
  out.endArray();
  out.key("nested").beginObject().key("empty").beginArray().endArray().key("inner").beginObject().endObject().endObject();
  out.endObject();

  EXPECT_EQ(out.text(), toJson(expected));
}

TEST(JsonWriter, AbsentAndNonFiniteNumbersAreNullAndRawJsonIsOneValue) {
  JsonWriter out;
  out.beginArray();
  out.value(std::optional<double>());
  out.value(std::optional<double>(std::numeric_limits<double>::quiet_NaN()));
  out.value(std::optional<double>(std::numeric_limits<double>::infinity()));
  out.raw(R"({"a":[1,2]})");
  out.value("x");
  out.endArray();
  EXPECT_EQ(out.text(), R"([null,null,null,{"a":[1,2]},"x"])");
  EXPECT_NO_THROW(parseJson(out.text()));
}

}  // namespace
}  // namespace courtvoice::server
