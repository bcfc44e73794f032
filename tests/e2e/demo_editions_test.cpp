// The demo on an empty database, seen through the trend API: each shipped survey has its first
// edition (version 1) and its second (version 2), both answered, and the trend breaks exactly
// where the two template files say a series breaks, whatever the second editions hold.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "courtvoice/surveys/definition_json.hpp"
#include "courtvoice/surveys/version_compatibility.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {
namespace {

surveys::SurveyDefinition shipped(const std::string& path) {
  return surveys::parseDefinition(readFile(std::string(COURTVOICE_SOURCE_DIR) + "/surveys/templates/" + path));
}

std::set<std::string> strings(const Poco::JSON::Array::Ptr& array, const std::string& key) {
  std::set<std::string> values;
  for (std::size_t i = 0; i < array->size(); ++i) values.insert(array->getObject(static_cast<unsigned>(i))->getValue<std::string>(key));
  return values;
}

// Responses in a trend report (the sum over its periods; a suppressed period counts as none).
long long responsesIn(const Poco::JSON::Object::Ptr& trend) {
  long long total = 0;
  const auto periods = trend->getArray("periods");
  for (std::size_t i = 0; i < periods->size(); ++i) {
    const auto period = periods->getObject(static_cast<unsigned>(i));
    if (period->has("responses")) total += period->getValue<long long>("responses");
  }
  return total;
}

TEST(DemoEditions, EachSurveyHasBothEditionsAnsweredAndBreaksWhereTheTemplatesSay) {
  ServerProcess server;
  const auto first = runAdmin({"demo", "--responses=150"}, server.schema().environment());
  ASSERT_EQ(first.exitCode, 0) << first.output;
  const long long responses = server.count("SELECT COUNT(*) FROM responses");

  for (const std::string id : {"court_user", "court_staff", "judges"}) {
    SCOPED_TRACE(id);
    const auto v1 = shipped("v1/" + id + ".json");
    const auto v2 = shipped(id + ".json");
    const auto diff = surveys::diffVersions(v1, v2);
    const std::string path = "/api/v1/admin/surveys/" + id + "/trend?period=quarter&lang=en";

    const auto trend = http(server.port(), "GET", path, "", server.adminHeaders());
    ASSERT_EQ(trend.status, 200) << trend.body;
    const auto report = trend.object();
    const auto versions = report->getArray("versions");
    ASSERT_EQ(versions->size(), 2U) << trend.body;
    EXPECT_EQ(versions->getElement<int>(0), 1);
    EXPECT_EQ(versions->getElement<int>(1), 2);
    for (const int version : {1, 2}) {
      const auto one = http(server.port(), "GET", path + "&version=" + std::to_string(version), "", server.adminHeaders());
      ASSERT_EQ(one.status, 200) << one.body;
      EXPECT_GT(responsesIn(one.object()), 0) << "version " << version;
    }

    // Breaks: exactly the kept items that set series_break in the second edition, at version 2,
    // in a period that has responses.
    const auto breaks = report->getArray("breaks");
    EXPECT_EQ(strings(breaks, "item"), std::set<std::string>(diff.broken.begin(), diff.broken.end())) << trend.body;
    for (std::size_t i = 0; i < breaks->size(); ++i) {
      const auto b = breaks->getObject(static_cast<unsigned>(i));
      EXPECT_EQ(b->getValue<int>("version"), 2);
      EXPECT_EQ(b->getValue<std::string>("reason"), "series_break");
      EXPECT_FALSE(b->isNull("period"));
    }
    // New items start at version 2, dropped ones end at version 1.
    const auto items = report->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
      const auto item = items->getObject(static_cast<unsigned>(i));
      const auto itemId = item->getValue<std::string>("id");
      const auto segments = item->getArray("segments");
      ASSERT_GT(segments->size(), 0U) << itemId;
      const auto firstSegment = segments->getObject(0);
      const auto lastSegment = segments->getObject(static_cast<unsigned>(segments->size() - 1));
      const bool added = std::find(diff.added.begin(), diff.added.end(), itemId) != diff.added.end();
      const bool removed = std::find(diff.removed.begin(), diff.removed.end(), itemId) != diff.removed.end();
      EXPECT_EQ(firstSegment->getValue<int>("from_version"), added ? 2 : 1) << itemId;
      EXPECT_EQ(lastSegment->getValue<int>("to_version"), removed ? 1 : 2) << itemId;
    }
  }
  // Staff and judges answered too (paper forms, no invitation codes).
  EXPECT_EQ(server.sql("SELECT DISTINCT survey_id FROM responses ORDER BY survey_id"), "court_staff\ncourt_user\njudges\n");
  EXPECT_EQ(server.sql("SELECT DISTINCT channel FROM responses WHERE survey_id <> 'court_user'"), "paper\n");

  const auto second = runAdmin({"demo", "--responses=150"}, server.schema().environment());
  ASSERT_EQ(second.exitCode, 0) << second.output;
  EXPECT_NE(second.output.find("demo ready: 0 responses added"), std::string::npos) << second.output;
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses"), responses);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM survey_versions"), 6);
}

}  // namespace
}  // namespace courtvoice::e2e
