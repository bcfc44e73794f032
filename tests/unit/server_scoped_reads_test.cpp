// Every results read keeps to the asking account's scope (access_scope.hpp), with the principal
// set directly as authentication would: summary (JSON and CSV), trend, league, reliability,
// drivers, crossed, comments, response export, codebook and KPIs. What a narrowed account gets
// is compared with what an administrator gets when asking for the same courts or regions
// explicitly, so the expected figures do not come from the code under test's narrowing.
#include <algorithm>
#include <sstream>

#include <gtest/gtest.h>

#include "../support/in_memory_kpi_store.hpp"
#include "courtvoice/server/comment_service.hpp"
#include "courtvoice/server/export_service.hpp"
#include "courtvoice/server/http_error.hpp"
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/server/kpi_service.hpp"
#include "courtvoice/server/league_service.hpp"
#include "courtvoice/server/request_context.hpp"
#include "courtvoice/server/why_service.hpp"
#include "server_fixtures.hpp"

namespace courtvoice::server::testing {
namespace {

using Codes = std::vector<std::string>;

Principal account(const std::string& role, Codes regions, Codes courts) {
  return Principal{"someone", role, "session", AccessScope{false, std::move(regions), std::move(courts)}};
}
const Principal kAdministrator{"admin", "administrator", "session", AccessScope{}};
const Principal kAlmatyAnalyst = account("analyst", {"almaty_city"}, {});
const Principal kManagerAlm01 = account("court_manager", {}, {"ALM-01"});

/// Sets the principal of "the request being handled" for the scope of a block.
struct AsPrincipal {
  explicit AsPrincipal(const Principal& who) { currentRequest().principal = who; }
  ~AsPrincipal() { resetCurrentRequest(); }
  AsPrincipal(const AsPrincipal&) = delete;
  AsPrincipal& operator=(const AsPrincipal&) = delete;
};

/// Runs `read` as `who`; returns the refusal's "status code field" or "" when it answered.
template <typename Read>
std::string refusal(const Principal& who, Read read) {
  AsPrincipal as(who);
  try {
    read();
  } catch (const surveys::DomainError& e) {
    return std::to_string(statusFor(e.kind())) + " " + e.code() + " " + e.field();
  }
  return "";
}

template <typename Read>
auto as(const Principal& who, Read read) {
  AsPrincipal scope(who);
  return read();
}

/// Comments of the courts asked for, one each, recording the query.
class FakeCommentStore final : public surveys::CommentStore {
 public:
  std::vector<surveys::StoredComment> find(const surveys::CommentQuery& query, std::size_t, std::size_t) override {
    courtsAsked = query.courts;
    std::vector<surveys::StoredComment> out;
    for (const auto& court : query.courts) out.push_back({"2025-01", court, "ru", "comment", "Все хорошо в " + court});
    return out;
  }
  std::size_t count(const surveys::CommentQuery& query) override { return query.courts.size(); }
  Codes courtsAsked;
};

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

/// Four courts in two regions (ALM-01, ALM-02 in almaty_city; AST-01, AST-02 in astana), ten
/// citizens' responses each in January 2025; a staff survey (minimum 10) and a judges' survey
/// (not reported by court).
struct ScopeFixture : ServiceFixture {
  ScopeFixture() {
    clock.set({2025, 4, 14});
    courts.upsert(makeCourt("ALM-02", "almaty_city"));
    courts.upsert(makeCourt("AST-02", "astana"));
    publishSurvey();
    for (const char* court : {"ALM-01", "ALM-02", "AST-01", "AST-02"}) add("unit_survey", court, 10);
    const std::string staff = replaced(replaced(kSurveyJson, R"("unit_survey", "audience": "citizen")",
                                                R"("staff_unit", "audience": "staff")"),
                                       R"("min_group_size": 5)", R"("min_group_size": 10)");
    admin.publish("staff_unit", admin.createVersion(staff).version);
    add("staff_unit", "ALM-01", 7);  // enough for citizens' figures (5), not for staff (10)
    for (const char* court : {"ALM-02", "AST-01", "AST-02"}) add("staff_unit", court, 12);
    const std::string judges = replaced(replaced(kSurveyJson, R"("unit_survey", "audience": "citizen")",
                                                 R"("judges_unit", "audience": "judge")"),
                                        R"("min_group_size": 5)", R"("min_group_size": 10, "report_by_court": false)");
    admin.publish("judges_unit", admin.createVersion(judges).version);
    for (const char* court : {"ALM-01", "ALM-02", "AST-01", "AST-02"}) add("judges_unit", court, 12);
  }

  /// `count` responses to `survey` in `court` on days of January 2025: access_find 1..5 in turn,
  /// "appeared" yes for every other one (who then answer fair_listened), and a comment.
  void add(const std::string& survey, const std::string& court, int count) {
    std::vector<surveys::Response> list;
    for (int i = 0; i < count; ++i) {
      surveys::Response r;
      r.submissionId = survey + "-" + court + "-" + std::to_string(i) + "-aaaaaaaa";
      r.surveyId = survey;
      r.version = 1;
      r.courtCode = court;
      r.channel = surveys::Channel::Paper;
      r.language = "ru";
      r.givenOn = {2025, 1, 1 + i % 28};
      const int value = 1 + (i + static_cast<int>(court.back())) % 5;
      r.answers.push_back({"access_find", std::nullopt, value, {}, 0, ""});
      r.answers.push_back({"appeared", std::nullopt, i % 2 == 0 ? 1 : 2, {}, 0, ""});
      if (i % 2 == 0) r.answers.push_back({"fair_listened", std::nullopt, 1 + (value + i) % 5, {}, 0, ""});
      surveys::Answer comment;
      comment.itemId = "comment";
      comment.text = "Комментарий";
      r.answers.push_back(comment);
      list.push_back(r);
    }
    admin.importResponses(*surveys.findPublished(survey), list);
  }

  SummaryRequest summaryOf(Codes courtFilter, Codes regionFilter, analytics::GroupBy group) {
    SummaryRequest request;
    request.courts = std::move(courtFilter);
    request.regions = std::move(regionFilter);
    request.groupBy = group;
    return request;
  }

  std::vector<std::string> groupKeys(const std::string& json) {
    Codes keys;
    const auto groups = parseJsonObject(json)->getArray("groups");
    for (std::size_t i = 0; i < groups->size(); ++i) keys.push_back(groups->getObject(static_cast<unsigned>(i))->getValue<std::string>("key"));
    return keys;
  }

  WhyService why{surveys, engine, courts};
  LeagueService league{surveys, engine, courts, clock};
  FakeCommentStore commentStore;
  CommentService comments{surveys, engine, courts, commentStore};
  ExportService exports{surveys, responses, courts};
  surveys::testing::InMemoryKpiStore kpiStore;
  KpiService kpis{surveys, courts, kpiStore, engine, clock, [] { return std::string("2025-04-14 09:00:00"); }};
};

TEST(ScopedReads, SummaryOfARegionalAnalystShowsTheirRegionOnly) {
  ScopeFixture f;
  const auto byCourt = analytics::GroupBy::Court;
  const std::string narrowed = as(kAlmatyAnalyst, [&] { return f.summary.summaryJson("unit_survey", f.summaryOf({}, {}, byCourt)); });
  EXPECT_EQ(f.groupKeys(narrowed), (Codes{"ALM-01", "ALM-02"}));
  EXPECT_EQ(parseJsonObject(narrowed)->getValue<int>("total_responses"), 20);
  const std::string explicitly = as(kAdministrator, [&] {
    return f.summary.summaryJson("unit_survey", f.summaryOf({}, {"almaty_city"}, byCourt));
  });
  EXPECT_EQ(narrowed, explicitly);  // the filters echoed show the narrowing
  const std::string whole = as(kAdministrator, [&] { return f.summary.summaryJson("unit_survey", f.summaryOf({}, {}, byCourt)); });
  EXPECT_EQ(f.groupKeys(whole), (Codes{"ALM-01", "ALM-02", "AST-01", "AST-02"}));

  EXPECT_EQ(refusal(kAlmatyAnalyst, [&] { f.summary.summaryJson("unit_survey", f.summaryOf({}, {"astana"}, byCourt)); }),
            "403 out_of_scope region");
  EXPECT_EQ(refusal(kAlmatyAnalyst, [&] { f.summary.summaryJson("unit_survey", f.summaryOf({"ALM-01", "AST-01"}, {}, byCourt)); }),
            "403 out_of_scope court");
  // Region groups: their own region, whole.
  const std::string regions = as(kAlmatyAnalyst, [&] {
    return f.summary.summaryJson("unit_survey", f.summaryOf({}, {}, analytics::GroupBy::Region));
  });
  EXPECT_EQ(f.groupKeys(regions), Codes{"almaty_city"});
}

TEST(ScopedReads, SummaryOfACourtManagerShowsTheirCourtAndNoRegionGroup) {
  ScopeFixture f;
  const std::string narrowed = as(kManagerAlm01, [&] { return f.summary.summaryJson("unit_survey", f.summaryOf({}, {}, {})); });
  const std::string explicitly = as(kAdministrator, [&] { return f.summary.summaryJson("unit_survey", f.summaryOf({"ALM-01"}, {}, {})); });
  EXPECT_EQ(narrowed, explicitly);
  EXPECT_EQ(parseJsonObject(narrowed)->getValue<int>("total_responses"), 10);
  EXPECT_EQ(refusal(kManagerAlm01, [&] { f.summary.summaryJson("unit_survey", f.summaryOf({}, {}, analytics::GroupBy::Region)); }),
            "403 out_of_scope group");
  EXPECT_EQ(refusal(kManagerAlm01, [&] { f.summary.summaryJson("unit_survey", f.summaryOf({}, {"almaty_city"}, {})); }),
            "403 out_of_scope region");
}

TEST(ScopedReads, SummaryCsvIsNarrowedAndRefusedAlike) {
  ScopeFixture f;
  const CsvStyle style = csvStyleFor("comma", "en");
  const std::string narrowed = as(kAlmatyAnalyst, [&] {
    return summaryCsv(f.summary, "unit_survey", f.summaryOf({}, {}, analytics::GroupBy::Court), style);
  });
  const std::string explicitly = as(kAdministrator, [&] {
    return summaryCsv(f.summary, "unit_survey", f.summaryOf({}, {"almaty_city"}, analytics::GroupBy::Court), style);
  });
  EXPECT_EQ(narrowed, explicitly);
  EXPECT_NE(narrowed.find("ALM-02"), std::string::npos);
  EXPECT_EQ(narrowed.find("AST-0"), std::string::npos);
  EXPECT_EQ(refusal(kAlmatyAnalyst, [&] { summaryCsv(f.summary, "unit_survey", f.summaryOf({"AST-01"}, {}, {}), style); }),
            "403 out_of_scope court");
}

TEST(ScopedReads, TrendIsNarrowedAndRefusedAlike) {
  ScopeFixture f;
  TrendRequest request;
  request.period = analytics::Period::Month;
  const std::string narrowed = as(kAlmatyAnalyst, [&] { return f.summary.trendJson("unit_survey", request); });
  TrendRequest almaty = request;
  almaty.regions = {"almaty_city"};
  EXPECT_EQ(narrowed, as(kAdministrator, [&] { return f.summary.trendJson("unit_survey", almaty); }));
  EXPECT_NE(narrowed, as(kAdministrator, [&] { return f.summary.trendJson("unit_survey", request); }));
  EXPECT_EQ(as(kAlmatyAnalyst, [&] { return f.summary.trendCsv("unit_survey", request, CsvStyle{}); }),
            as(kAdministrator, [&] { return f.summary.trendCsv("unit_survey", almaty, CsvStyle{}); }));
  TrendRequest astana = request;
  astana.regions = {"astana"};
  EXPECT_EQ(refusal(kAlmatyAnalyst, [&] { f.summary.trendJson("unit_survey", astana); }), "403 out_of_scope region");
}

TEST(ScopedReads, LeagueRowsAreTheScopesCourtsBesideTheNationalFigure) {
  ScopeFixture f;
  const LeagueRequest request = makeLeagueRequest(ReportFilters{}, std::string("2025-Q1"), std::nullopt);
  const auto narrowed = parseJsonObject(as(kAlmatyAnalyst, [&] { return f.league.leagueJson("unit_survey", request); }));
  const auto rows = narrowed->getArray("rows");
  ASSERT_EQ(rows->size(), 2U);
  EXPECT_EQ(rows->getObject(0)->getValue<std::string>("code"), "ALM-01");
  EXPECT_EQ(rows->getObject(1)->getValue<std::string>("code"), "ALM-02");
  // The national comparison stays the whole country's (40 responses), as an administrator sees it.
  const auto whole = parseJsonObject(as(kAdministrator, [&] { return f.league.leagueJson("unit_survey", request); }));
  EXPECT_EQ(whole->getArray("rows")->size(), 4U);
  EXPECT_EQ(toJson(narrowed->getObject("national")), toJson(whole->getObject("national")));

  LeagueRequest astana = request;
  astana.courts = {"AST-01"};
  EXPECT_EQ(refusal(kAlmatyAnalyst, [&] { f.league.leagueJson("unit_survey", astana); }), "403 out_of_scope court");
}

TEST(ScopedReads, ReliabilityDriversAndCrossedAreNarrowedAndRefusedAlike) {
  ScopeFixture f;
  ReportFilters almaty;
  almaty.regions = {"almaty_city"};
  EXPECT_EQ(as(kAlmatyAnalyst, [&] { return f.why.reliabilityJson("unit_survey", ReportFilters{}); }),
            as(kAdministrator, [&] { return f.why.reliabilityJson("unit_survey", almaty); }));

  DriversRequest drivers;
  drivers.outcome = "access_find";
  DriversRequest driversAlmaty = drivers;
  driversAlmaty.regions = {"almaty_city"};
  EXPECT_EQ(as(kAlmatyAnalyst, [&] { return f.why.drivers("unit_survey", drivers, std::nullopt); }),
            as(kAdministrator, [&] { return f.why.drivers("unit_survey", driversAlmaty, std::nullopt); }));

  CrossedRequest crossed;
  crossed.group = "court";
  crossed.by = "item:appeared";
  CrossedRequest crossedAlmaty = crossed;
  crossedAlmaty.regions = {"almaty_city"};
  const std::string narrowed = as(kAlmatyAnalyst, [&] { return f.why.crossed("unit_survey", crossed, std::nullopt); });
  EXPECT_EQ(narrowed, as(kAdministrator, [&] { return f.why.crossed("unit_survey", crossedAlmaty, std::nullopt); }));
  EXPECT_EQ(narrowed.find("AST-0"), std::string::npos);

  ReportFilters astana;
  astana.regions = {"astana"};
  EXPECT_EQ(refusal(kAlmatyAnalyst, [&] { f.why.reliabilityJson("unit_survey", astana); }), "403 out_of_scope region");
  CrossedRequest byRegion;
  byRegion.group = "item:appeared";
  byRegion.by = "region";
  EXPECT_EQ(refusal(kManagerAlm01, [&] { f.why.crossed("unit_survey", byRegion, std::nullopt); }), "403 out_of_scope by");
}

TEST(ScopedReads, CommentsAreReadOfTheScopesCourtsOnly) {
  ScopeFixture f;
  const auto reply = parseJsonObject(as(kAlmatyAnalyst, [&] { return f.comments.commentsJson("unit_survey", CommentsRequest{}); }));
  EXPECT_EQ(f.commentStore.courtsAsked, (Codes{"ALM-01", "ALM-02"}));
  EXPECT_EQ(reply->getObject("filters")->getArray("regions")->getElement<std::string>(0), "almaty_city");
  CommentsRequest astana;
  astana.regions = {"astana"};
  EXPECT_EQ(refusal(kAlmatyAnalyst, [&] { f.comments.commentsJson("unit_survey", astana); }), "403 out_of_scope region");
}

TEST(ScopedReads, ResponseExportHoldsTheScopesCourtsOnly) {
  ScopeFixture f;
  ResponseExportOptions options;
  options.query.surveyId = "unit_survey";
  std::ostringstream out;
  const ResponseExport result = as(kAlmatyAnalyst, [&] { return f.exports.responses(options, [&]() -> std::ostream& { return out; }); });
  EXPECT_EQ(result.responses, 20U);
  EXPECT_NE(out.str().find("ALM-02"), std::string::npos);
  EXPECT_EQ(out.str().find("AST-0"), std::string::npos);

  ResponseExportOptions astana = options;
  astana.query.courts = {"AST-01"};
  bool opened = false;
  EXPECT_EQ(refusal(kAlmatyAnalyst, [&] {
              f.exports.responses(astana, [&]() -> std::ostream& {
                opened = true;
                return out;
              });
            }),
            "403 out_of_scope court");
  EXPECT_FALSE(opened);  // refused before the download began
}

TEST(ScopedReads, TheCodebookNeedsNoScope) {
  ScopeFixture f;
  EXPECT_EQ(as(kManagerAlm01, [&] { return f.exports.codebook("unit_survey", ExportFormat::Json, CsvStyle{}); }),
            as(kAdministrator, [&] { return f.exports.codebook("unit_survey", ExportFormat::Json, CsvStyle{}); }));
}

TEST(ScopedReads, KpisOutsideTheScopeAreNotListedAndRefusedWhenAskedFor) {
  ScopeFixture f;
  const auto kpi = [](const std::string& id, const std::string& scope) {
    return R"({"id": ")" + id + R"(", "name": {"kk": "К", "ru": "П", "en": "I"}, "survey_id": "unit_survey", )"
           R"("metric": {"kind": "favourable", "item": "access_find"}, "scope": )" + scope +
           R"(, "period": "quarter", "baseline": {"period": "2025-Q1"}, "target": {"year": 2029, "value": 80}})";
  };
  {
    AsPrincipal admin(kAdministrator);
    f.kpis.create(kpi("nation", R"({"kind": "country"})"), "tester");
    f.kpis.create(kpi("almaty", R"({"kind": "region", "region": "almaty_city"})"), "tester");
    f.kpis.create(kpi("astana", R"({"kind": "region", "region": "astana"})"), "tester");
    f.kpis.create(kpi("alm01", R"({"kind": "court", "court": "ALM-01"})"), "tester");
  }
  const auto ids = [](const std::vector<surveys::KpiRecord>& records) {
    Codes out;
    for (const auto& r : records) out.push_back(r.definition.id);
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(ids(as(kAlmatyAnalyst, [&] { return f.kpis.list(false); })), (Codes{"alm01", "almaty"}));
  EXPECT_EQ(ids(as(kManagerAlm01, [&] { return f.kpis.list(false); })), Codes{"alm01"});
  EXPECT_EQ(ids(as(kAdministrator, [&] { return f.kpis.list(false); })), (Codes{"alm01", "almaty", "astana", "nation"}));
  const auto values = as(kAlmatyAnalyst, [&] { return f.kpis.evaluateAll(); });
  ASSERT_EQ(values.size(), 2U);
  for (const auto& value : values) EXPECT_NE(value.record.definition.id, "nation");

  EXPECT_EQ(refusal(kAlmatyAnalyst, [&] { f.kpis.get("nation"); }), "403 out_of_scope id");
  EXPECT_EQ(refusal(kAlmatyAnalyst, [&] { f.kpis.history("astana"); }), "403 out_of_scope id");
  EXPECT_EQ(refusal(kAlmatyAnalyst, [&] { f.kpis.get("almaty"); }), "");
  EXPECT_EQ(refusal(kAlmatyAnalyst, [&] { f.kpis.create(kpi("mine", R"({"kind": "region", "region": "almaty_city"})"), "x"); }),
            "403 out_of_scope scope");
}

TEST(ScopedReads, ACourtManagerNeverReadsTheJudgesSurvey) {
  ScopeFixture f;
  // A large court (12 judges' responses, over the survey's minimum of 10): still refused.
  EXPECT_EQ(refusal(kManagerAlm01, [&] { f.summary.summaryJson("judges_unit", f.summaryOf({}, {}, {})); }),
            "403 out_of_scope court");
  EXPECT_EQ(refusal(kManagerAlm01, [&] { f.summary.summaryJson("judges_unit", f.summaryOf({}, {}, analytics::GroupBy::Level)); }),
            "403 out_of_scope court");
  EXPECT_EQ(refusal(kManagerAlm01, [&] { f.summary.trendJson("judges_unit", TrendRequest{}); }), "403 out_of_scope court");
  // A regional analyst reads it for their region (two courts), never by court.
  const auto regional = parseJsonObject(as(kAlmatyAnalyst, [&] { return f.summary.summaryJson("judges_unit", f.summaryOf({}, {}, {})); }));
  EXPECT_EQ(regional->getValue<int>("total_responses"), 24);
}

TEST(ScopedReads, ACourtManagerGetsNoStaffFigureUnderTheStaffMinimum) {
  ScopeFixture f;
  // ALM-01: 10 citizens (shown, minimum 5) and 7 staff (minimum 10: nothing shown).
  const auto citizens = parseJsonObject(as(kManagerAlm01, [&] { return f.summary.summaryJson("unit_survey", f.summaryOf({}, {}, {})); }));
  EXPECT_EQ(citizens->getValue<int>("total_responses"), 10);
  const auto staff = parseJsonObject(as(kManagerAlm01, [&] { return f.summary.summaryJson("staff_unit", f.summaryOf({}, {}, {})); }));
  EXPECT_EQ(staff->getValue<int>("total_responses"), 0);
  const auto groups = staff->getArray("groups");
  ASSERT_EQ(groups->size(), 1U);
  for (std::size_t i = 0; i < groups->size(); ++i) {
    const auto group = groups->getObject(static_cast<unsigned>(i));
    EXPECT_TRUE(group->getValue<bool>("suppressed"));
    EXPECT_FALSE(group->has("items"));
  }
  // The trend: no month shows the 7 (its periods are suppressed), and a range of that month alone
  // is refused by the disclosure rule with the staff minimum.
  TrendRequest trend;
  trend.period = analytics::Period::Month;
  const auto periods = parseJsonObject(as(kManagerAlm01, [&] { return f.summary.trendJson("staff_unit", trend); }))->getArray("periods");
  ASSERT_GT(periods->size(), 0U);
  for (std::size_t i = 0; i < periods->size(); ++i) {
    const auto period = periods->getObject(static_cast<unsigned>(i));
    EXPECT_TRUE(period->getValue<bool>("suppressed") || period->getValue<int>("responses") == 0) << toJson(period);
  }
  trend.from = surveys::Date{2025, 1, 1};
  trend.to = surveys::Date{2025, 1, 31};
  EXPECT_EQ(refusal(kManagerAlm01, [&] { f.summary.trendJson("staff_unit", trend); }), "400 slice_too_small from");
}

}  // namespace
}  // namespace courtvoice::server::testing
