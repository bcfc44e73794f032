// Versions, their lifecycle and trends across versions, over HTTP against the real server and
// MariaDB: what an administrator does to evolve a survey without breaking its trends.
#include <gtest/gtest.h>

#include "e2e_samples.hpp"
#include "server_fixture.hpp"
#include "support/version_samples.hpp"

namespace courtvoice::e2e {
namespace {

using surveys::testing::datedResponse;
using surveys::testing::importBodyOf;

const std::string kAdminSurvey = "/api/v1/admin/surveys/" + kSurveyId;

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("sample text lacks " + from);
  return text.replace(at, from.size(), to);
}

// "appeared" keeps its id but its answer "No" is recoded from 2 to 3: a change of meaning.
std::string recodedAppeared() {
  return replaced(kSurveyJson, R"({"code": 2, "label": {"kk": "Жоқ")", R"({"code": 3, "label": {"kk": "Жоқ")");
}

Poco::JSON::Object::Ptr withKey(const Poco::JSON::Array::Ptr& array, const std::string& key, const std::string& value) {
  for (std::size_t i = 0; i < array->size(); ++i) {
    auto object = array->getObject(static_cast<unsigned>(i));
    if (object->getValue<std::string>(key) == value) return object;
  }
  throw std::runtime_error("no entry with " + key + " = " + value);
}

std::vector<std::string> stringsOf(const Poco::JSON::Array::Ptr& array) {
  std::vector<std::string> values;
  for (std::size_t i = 0; i < array->size(); ++i) values.push_back(array->getElement<std::string>(static_cast<unsigned>(i)));
  return values;
}

class LifecycleE2E : public ::testing::Test {
 protected:
  HttpResult admin(const std::string& method, const std::string& path, const std::string& body = "") {
    return http(server_.port(), method, path, body, server_.adminHeaders());
  }
  std::string statusOf(int version) {
    const auto list = admin("GET", "/api/v1/admin/surveys").object()->getArray("surveys");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto entry = list->getObject(static_cast<unsigned>(i));
      if (entry->getValue<std::string>("survey_id") == kSurveyId && entry->getValue<int>("version") == version) {
        return entry->getValue<std::string>("status");
      }
    }
    return "";
  }
  std::string englishTitle(int version) {
    return admin("GET", kAdminSurvey + "/versions/" + std::to_string(version)).object()->getObject("title")->getValue<std::string>("en");
  }

  ServerProcess server_;
};

TEST_F(LifecycleE2E, DraftIsEditedThenPublishedAndThenFrozen) {
  ASSERT_EQ(admin("POST", "/api/v1/admin/courts", kCourtsJson).status, 200);
  ASSERT_EQ(admin("POST", "/api/v1/admin/surveys", kSurveyJson).status, 201);

  const auto edited = admin("PUT", kAdminSurvey + "/versions/1", replaced(kSurveyJson, R"("en": "Court survey")", R"("en": "Court visit survey")"));
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.object()->getValue<std::string>("survey_id"), kSurveyId);
  EXPECT_EQ(edited.object()->getValue<int>("version"), 1);
  EXPECT_EQ(edited.object()->getValue<std::string>("status"), "draft");
  EXPECT_EQ(englishTitle(1), "Court visit survey");

  const auto otherSurvey = admin("PUT", kAdminSurvey + "/versions/1", replaced(kSurveyJson, R"("id": "e2e_survey")", R"("id": "other")"));
  EXPECT_EQ(otherSurvey.status, 400);
  EXPECT_EQ(otherSurvey.errorField(), "id");
  EXPECT_EQ(admin("PUT", kAdminSurvey + "/versions/2", kSurveyJson).status, 404);
  EXPECT_EQ(admin("PUT", kAdminSurvey + "/versions/first", kSurveyJson).status, 404);
  EXPECT_EQ(http(server_.port(), "PUT", kAdminSurvey + "/versions/1", kSurveyJson).status, 401) << "admin only";

  ASSERT_EQ(admin("POST", kAdminSurvey + "/versions/1/publish").status, 200);
  const auto frozen = admin("PUT", kAdminSurvey + "/versions/1", kSurveyJson);
  EXPECT_EQ(frozen.status, 409) << frozen.body;
  EXPECT_EQ(frozen.errorCode(), "version_frozen");
  EXPECT_EQ(frozen.errorField(), "version");
  EXPECT_EQ(englishTitle(1), "Court visit survey") << "the published definition did not change";
  // Respondents see the edited draft's text, as published.
  EXPECT_EQ(http(server_.port(), "GET", "/api/v1/surveys/" + kSurveyId + "?lang=en").object()->getValue<std::string>("title"),
            "Court visit survey");
}

TEST_F(LifecycleE2E, ClosedSurveyRefusesResponsesAndOnlyThenIsArchived) {
  setUpPublishedSurvey(server_);
  const std::string responses = "/api/v1/surveys/" + kSurveyId + "/responses";
  ASSERT_EQ(http(server_.port(), "POST", responses, responseJson("before-close-01", R"({"access_find": 4})")).status, 201);

  const auto published = admin("POST", kAdminSurvey + "/versions/1/archive");
  EXPECT_EQ(published.status, 409);
  EXPECT_EQ(published.errorCode(), "not_closed");
  EXPECT_EQ(statusOf(1), "published");

  ASSERT_EQ(admin("POST", kAdminSurvey + "/close").status, 200);
  const auto refused = http(server_.port(), "POST", responses, responseJson("after-close-01", R"({"access_find": 4})"));
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.errorCode(), "survey_not_accepting");
  EXPECT_EQ(server_.count("SELECT COUNT(*) FROM responses"), 1);

  const auto archived = admin("POST", kAdminSurvey + "/versions/1/archive");
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_EQ(archived.object()->getValue<std::string>("status"), "archived");
  EXPECT_EQ(archived.object()->getValue<int>("version"), 1);
  EXPECT_EQ(statusOf(1), "archived");
  EXPECT_EQ(admin("POST", kAdminSurvey + "/versions/1/archive").status, 409) << "archived once only";
  EXPECT_EQ(admin("POST", kAdminSurvey + "/versions/5/archive").status, 404);
  EXPECT_EQ(http(server_.port(), "POST", responses, responseJson("after-archive-1", R"({"access_find": 4})")).status, 409);
  // Archived, the version's responses are still read: the one response is counted (under the
  // minimum, so as a suppressed group, but the summary answers).
  EXPECT_EQ(admin("GET", kAdminSurvey + "/summary").status, 200);
  EXPECT_EQ(admin("GET", kAdminSurvey + "/trend").status, 200);
}

TEST_F(LifecycleE2E, NewVersionMayNotChangeWhatAKeptItemMeans) {
  setUpPublishedSurvey(server_);

  const auto refused = admin("POST", "/api/v1/admin/surveys", recodedAppeared());
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.errorCode(), "incompatible_item");
  EXPECT_EQ(refused.errorField(), "items[1].id");
  EXPECT_EQ(statusOf(2), "") << "nothing was stored";

  // Declared as a break in the series, the same change is a valid new version.
  const auto declared = admin("POST", "/api/v1/admin/surveys",
                              replaced(recodedAppeared(), R"("id": "appeared",)", R"("id": "appeared", "series_break": true,)"));
  EXPECT_EQ(declared.status, 201) << declared.body;
  EXPECT_EQ(statusOf(2), "draft");

  // A draft edit is held to the same rule: version 2 without the flag is refused again.
  const auto edit = admin("PUT", kAdminSurvey + "/versions/2", recodedAppeared());
  EXPECT_EQ(edit.status, 400);
  EXPECT_EQ(edit.errorField(), "items[1].id");
}

TEST_F(LifecycleE2E, DiffNamesAddedRemovedKeptAndBrokenItems) {
  setUpPublishedSurvey(server_);
  ASSERT_EQ(admin("POST", "/api/v1/admin/surveys", surveys::testing::secondVersionJson(kSurveyId)).status, 201);

  const auto diff = admin("GET", kAdminSurvey + "/versions/2/diff");
  ASSERT_EQ(diff.status, 200) << diff.body;
  const auto body = diff.object();
  EXPECT_EQ(body->getValue<int>("previous_version"), 1);
  EXPECT_EQ(stringsOf(body->getArray("added")), std::vector<std::string>{"wait_time"});
  EXPECT_EQ(stringsOf(body->getArray("removed")), std::vector<std::string>{"comment"});
  EXPECT_EQ(stringsOf(body->getArray("kept")), (std::vector<std::string>{"access_find", "appeared"}));
  EXPECT_EQ(stringsOf(body->getArray("broken")), std::vector<std::string>{"fair_listened"});

  const auto first = admin("GET", kAdminSurvey + "/versions/1/diff").object();
  EXPECT_TRUE(first->isNull("previous_version"));
  EXPECT_EQ(stringsOf(first->getArray("added")).size(), 4U);
  EXPECT_EQ(admin("GET", kAdminSurvey + "/versions/3/diff").status, 404);
}

class TrendE2E : public LifecycleE2E {
 protected:
  // Version 1 with ten responses in 2025-Q1; version 2 (access_find kept, fair_listened broken,
  // wait_time new) with ten in Q2 and two in Q3. tests/support/version_samples.hpp has the data.
  void importTwoVersions() {
    setUpPublishedSurvey(server_);
    const auto v1 = admin("POST", kAdminSurvey + "/responses/import", importBodyOf(1, surveys::testing::trendResponsesV1()));
    ASSERT_EQ(v1.status, 200) << v1.body;
    ASSERT_EQ(admin("POST", "/api/v1/admin/surveys", surveys::testing::secondVersionJson(kSurveyId)).status, 201);
    ASSERT_EQ(admin("POST", kAdminSurvey + "/versions/2/publish").status, 200);
    const auto v2 = admin("POST", kAdminSurvey + "/responses/import", importBodyOf(2, surveys::testing::trendResponsesV2()));
    ASSERT_EQ(v2.status, 200) << v2.body;
  }
};

TEST_F(TrendE2E, KeptItemIsOneSeriesAndTheChangedItemBreaks) {
  importTwoVersions();

  const auto response = admin("GET", kAdminSurvey + "/trend?period=quarter&lang=en");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto trend = response.object();
  EXPECT_EQ(trend->getValue<std::string>("title"), "Survey 2");

  // access_find: one segment over both versions, a point per quarter.
  const auto access = withKey(trend->getArray("items"), "id", "access_find")->getArray("segments");
  ASSERT_EQ(access->size(), 1U);
  const auto points = access->getObject(0)->getArray("points");
  ASSERT_EQ(points->size(), 3U);
  // Q1 2 of 10 favourable (answers 4-5 in 1,2,2,3,3,4,4,2,1,3), Q2 9 of 10 (5,4,5,4,4,5,3,4,5,4).
  // Difference 0.7; Newcombe's hybrid score interval (scipy, tests/fixtures/trend_statistics.py)
  // 0.265827 .. 0.865180 excludes 0: significant, p = 0.001034.
  const auto q2 = points->getObject(1);
  EXPECT_EQ(q2->getValue<std::string>("period"), "2025-Q2");
  EXPECT_EQ(q2->getValue<int>("n"), 10);
  const auto change = q2->getObject("favourable_change");
  EXPECT_NEAR(change->getValue<double>("difference"), 0.7, 1e-9);
  EXPECT_NEAR(change->getValue<double>("low"), 0.2658266097008861, 1e-9);
  EXPECT_NEAR(change->getValue<double>("high"), 0.865179666083185, 1e-9);
  EXPECT_NEAR(change->getValue<double>("p_value"), 0.0010340954317166733, 1e-9);
  EXPECT_TRUE(change->getValue<bool>("significant"));
  EXPECT_TRUE(change->getValue<bool>("significant_adjusted"));
  EXPECT_FALSE(q2->getValue<bool>("partial"));
  EXPECT_EQ(access->getObject(0)->getValue<std::string>("baseline"), "2025-Q1");
  // The access index: value 37.5 in Q1 with its t interval on the respondents' means.
  const auto index = withKey(trend->getArray("indices"), "id", "access_index");
  const auto indexQ1 = index->getArray("segments")->getObject(0)->getArray("points")->getObject(0);
  EXPECT_NEAR(indexQ1->getObject("ci")->getValue<double>("low"), 18.183155773775173, 1e-6);
  // Q3: two responses, under the minimum of 5: no number at all.
  const auto q3 = points->getObject(2);
  EXPECT_TRUE(q3->getValue<bool>("suppressed"));
  EXPECT_FALSE(q3->has("n"));
  EXPECT_FALSE(q3->has("favourable"));
  const auto q3Period = trend->getArray("periods")->getObject(2);
  EXPECT_EQ(q3Period->getValue<std::string>("period"), "2025-Q3");
  EXPECT_TRUE(q3Period->getValue<bool>("suppressed"));
  EXPECT_FALSE(q3Period->has("responses"));

  // fair_listened: the series breaks at Q2 (version 2), and nothing compares across the break.
  const auto fair = withKey(trend->getArray("items"), "id", "fair_listened")->getArray("segments");
  ASSERT_EQ(fair->size(), 2U);
  EXPECT_EQ(fair->getObject(0)->getArray("points")->size(), 1U);
  const auto afterBreak = fair->getObject(1)->getArray("points")->getObject(0);
  EXPECT_EQ(afterBreak->getValue<std::string>("period"), "2025-Q2");
  EXPECT_TRUE(afterBreak->isNull("favourable_change"));
  EXPECT_TRUE(afterBreak->isNull("mean_change"));
  const auto seriesBreak = withKey(trend->getArray("breaks"), "item", "fair_listened");
  EXPECT_EQ(seriesBreak->getValue<int>("version"), 2);
  EXPECT_EQ(seriesBreak->getValue<std::string>("period"), "2025-Q2");
  EXPECT_EQ(seriesBreak->getValue<std::string>("reason"), "series_break");
  EXPECT_EQ(trend->getArray("breaks")->size(), 1U);
}


TEST_F(TrendE2E, TrendCsvHasEverySeriesWithItsChangesInTheLocalesStyle) {
  importTwoVersions();

  const auto response = admin("GET", kAdminSurvey + "/trend?period=quarter&lang=ru&format=csv");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(response.header("Content-Disposition"), "attachment; filename=\"trend-" + kSurveyId + "-quarter.csv\"");
  ASSERT_EQ(response.body.rfind("\xEF\xBB\xBF", 0), 0U) << "starts with the UTF-8 byte order mark";
  std::vector<std::string> lines;
  std::size_t from = 3;
  for (std::size_t end; (end = response.body.find("\r\n", from)) != std::string::npos; from = end + 2) {
    lines.push_back(response.body.substr(from, end - from));
  }
  EXPECT_EQ(from, response.body.size()) << "every line ends with CRLF";
  ASSERT_GE(lines.size(), 2U);
  // Russian: semicolons between fields, decimal commas.
  EXPECT_EQ(lines[0].rfind("survey_id;series;id;text;from_version;to_version;period;suppressed;partial;partial_reason;n;mean;"
                           "favourable;favourable_ci_low;favourable_ci_high;index_value;index_ci_low;index_ci_high;baseline;"
                           "change_measure;previous_difference;previous_low;previous_high;previous_p_value;"
                           "previous_significant;previous_significant_adjusted;baseline_difference",
                           0),
            0U)
      << lines[0];
  bool sawItemQ2 = false;
  bool sawIndexQ1 = false;
  for (const std::string& line : lines) {
    if (line.rfind(kSurveyId + ";item;access_find;", 0) == 0 && line.find(";2025-Q2;") != std::string::npos) {
      sawItemQ2 = true;
      // n 10, favourable 0,9000, the change 0,7000 (0,2658 .. 0,8652), p 0,001034, significant.
      EXPECT_NE(line.find(";false;false;;10;4,3000;0,9000;"), std::string::npos) << line;
      EXPECT_NE(line.find(";2025-Q1;favourable;0,7000;0,2658;0,8652;0,001034;true;true;"), std::string::npos) << line;
    }
    if (line.rfind(kSurveyId + ";index;access_index;", 0) == 0 && line.find(";1;2;2025-Q1;") != std::string::npos) {
      sawIndexQ1 = true;
      EXPECT_NE(line.find(";10;;;;;37,50;18,18;56,82;2025-Q1;index;"), std::string::npos) << line;
    }
  }
  EXPECT_TRUE(sawItemQ2);
  EXPECT_TRUE(sawIndexQ1);

  const auto english = admin("GET", kAdminSurvey + "/trend?period=quarter&lang=en&format=csv");
  ASSERT_EQ(english.status, 200);
  EXPECT_NE(english.body.find(",2025-Q2,false,false,,10,4.3000,0.9000,"), std::string::npos);
  EXPECT_EQ(admin("GET", kAdminSurvey + "/trend?format=xml").status, 400);
  const auto badBaseline = admin("GET", kAdminSurvey + "/trend?period=quarter&baseline=2025-03");
  EXPECT_EQ(badBaseline.status, 400);
  EXPECT_EQ(badBaseline.errorCode(), "invalid_baseline");
  EXPECT_EQ(badBaseline.errorField(), "baseline");
  // A chosen baseline: the access item's Q2 is compared with Q1 as its baseline.
  const auto chosen = admin("GET", kAdminSurvey + "/trend?period=quarter&baseline=2025-Q1&lang=en").object();
  EXPECT_EQ(chosen->getValue<std::string>("baseline"), "2025-Q1");
}
TEST_F(TrendE2E, SmallPeriodWithAFilterIsSuppressedEverywhere) {
  importTwoVersions();

  // Only July to September (the two August responses, under the minimum) is refused since issue 9:
  // a date range whose months hold fewer than the minimum would give them away against a wider range.
  const auto range = admin("GET", kAdminSurvey + "/trend?period=month&from=2025-07-01&to=2025-09-30&court=ALM-01");
  EXPECT_EQ(range.status, 400) << range.body;
  EXPECT_EQ(range.errorCode(), "slice_too_small");
  EXPECT_EQ(range.errorField(), "from");
  // Without the range, August is a suppressed period and point.
  const auto response = admin("GET", kAdminSurvey + "/trend?period=month&court=ALM-01");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto trend = response.object();
  const auto august = withKey(trend->getArray("periods"), "period", "2025-08");
  ASSERT_TRUE(august);
  EXPECT_TRUE(august->getValue<bool>("suppressed"));
  const auto access = withKey(trend->getArray("items"), "id", "access_find")->getArray("segments");
  const auto point = withKey(access->getObject(static_cast<unsigned>(access->size() - 1))->getArray("points"), "period", "2025-08");
  ASSERT_TRUE(point);
  EXPECT_TRUE(point->getValue<bool>("suppressed"));
  EXPECT_EQ(point->size(), 2U) << "only period and suppressed: " << response.body;
  const auto index = withKey(trend->getArray("indices"), "id", "access_index")->getArray("segments");
  const auto indexPoint = withKey(index->getObject(static_cast<unsigned>(index->size() - 1))->getArray("points"), "period", "2025-08");
  ASSERT_TRUE(indexPoint);
  EXPECT_EQ(indexPoint->size(), 2U);
}

TEST_F(TrendE2E, BadPeriodOrTooLongASpanIsRefusedNamingThePeriod) {
  setUpPublishedSurvey(server_);
  // 1970-01 .. 2025-06 by month: 666 periods, over the limit of 600. Five responses each, so that a
  // range cutting one off is allowed (issue 9: no month and no cut-off part under the minimum).
  std::vector<std::string> responses;
  for (int i = 0; i < 5; ++i) {
    responses.push_back(datedResponse("very-old-000" + std::to_string(i), "1970-01-15", R"({"access_find": 3})"));
    responses.push_back(datedResponse("recent-0000" + std::to_string(i), "2025-06-15", R"({"access_find": 3})"));
  }
  const auto imported = admin("POST", kAdminSurvey + "/responses/import", importBodyOf(1, responses));
  ASSERT_EQ(imported.status, 200) << imported.body;

  const auto week = admin("GET", kAdminSurvey + "/trend?period=week");
  EXPECT_EQ(week.status, 400);
  EXPECT_EQ(week.errorCode(), "invalid_period");
  EXPECT_EQ(week.errorField(), "period");
  const auto months = admin("GET", kAdminSurvey + "/trend?period=month");
  EXPECT_EQ(months.status, 400);
  EXPECT_EQ(months.errorCode(), "too_many_periods");
  EXPECT_EQ(months.errorField(), "period");
  EXPECT_EQ(admin("GET", kAdminSurvey + "/trend?period=year").status, 200);
  EXPECT_EQ(admin("GET", kAdminSurvey + "/trend?period=month&from=2025-01-01").status, 200) << "a date range helps";
  EXPECT_EQ(admin("GET", kAdminSurvey + "/trend?lang=de").errorField(), "lang");
  EXPECT_EQ(admin("GET", "/api/v1/admin/surveys/nope/trend").status, 404);
  EXPECT_EQ(http(server_.port(), "GET", kAdminSurvey + "/trend").status, 401);
}

}  // namespace
}  // namespace courtvoice::e2e
