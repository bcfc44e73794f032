// The scope rule of every results read (access_scope.hpp): a query without a court or region
// filter is narrowed to the account's scope; a filter, level or grouping that reaches outside it
// is refused with 403 out_of_scope naming the field; a country account's query is untouched.
#include <gtest/gtest.h>

#include "courtvoice/server/access_scope.hpp"
#include "courtvoice/server/http_error.hpp"
#include "server_fixtures.hpp"

namespace courtvoice::server::testing {
namespace {

using Codes = std::vector<std::string>;

surveys::Court court(const std::string& code, const std::string& region, const std::string& level = "district") {
  surveys::Court c = makeCourt(code, region);
  c.level = level;
  return c;
}

const std::vector<surveys::Court> kRegistry = {court("ALM-01", "almaty_city"), court("ALM-02", "almaty_city", "regional"),
                                               court("AST-01", "astana"), court("AST-02", "astana"),
                                               court("KAR-01", "karaganda")};

Principal principal(const std::string& role, Codes regions, Codes courts) {
  return Principal{"someone", role, "session", AccessScope{false, std::move(regions), std::move(courts)}};
}

ReportFilters filters(Codes courts = {}, Codes regions = {}, Codes levels = {}) {
  ReportFilters f;
  f.courts = std::move(courts);
  f.regions = std::move(regions);
  f.levels = std::move(levels);
  return f;
}

/// The refusal of narrowing `f` for `who`: its status, code and field (and that it names the scope).
struct Refusal {
  int status = 0;
  std::string code;
  std::string field;
  std::string message;
};

Refusal refusalOf(const Principal& who, ReportFilters f, const ScopeQuery& query = {}) {
  try {
    narrowToScope(who, kRegistry, f, query);
  } catch (const surveys::DomainError& e) {
    return {statusFor(e.kind()), e.code(), e.field(), e.what()};
  }
  ADD_FAILURE() << "not refused";
  return {};
}

TEST(AccessScope, LeavesACountryAccountsQueryAsItIs) {
  const Principal country{"admin", "administrator", "session", AccessScope{}};
  ReportFilters f = filters({"KAR-01"}, {"astana"}, {"supreme"});
  narrowToScope(country, kRegistry, f, ScopeQuery{false, true, "group"});
  EXPECT_EQ(f.courts, Codes{"KAR-01"});
  EXPECT_EQ(f.regions, Codes{"astana"});
  EXPECT_EQ(f.levels, Codes{"supreme"});
}

TEST(AccessScope, NarrowsAQueryWithoutFiltersToTheRegionsOfARegionalAccount) {
  ReportFilters f = filters();
  narrowToScope(principal("analyst", {"almaty_city", "astana"}, {}), kRegistry, f);
  EXPECT_EQ(f.regions, (Codes{"almaty_city", "astana"}));
  EXPECT_TRUE(f.courts.empty());
}

TEST(AccessScope, NarrowsToTheCourtsOfACourtAccountAndOfAMixedOne) {
  ReportFilters f = filters();
  narrowToScope(principal("court_manager", {}, {"AST-02", "ALM-01"}), kRegistry, f);
  EXPECT_EQ(f.courts, (Codes{"ALM-01", "AST-02"}));
  EXPECT_TRUE(f.regions.empty());

  // Regions and courts: one list of courts (filters of different kinds are combined with AND).
  ReportFilters mixed = filters();
  narrowToScope(principal("analyst", {"astana"}, {"KAR-01"}), kRegistry, mixed);
  EXPECT_EQ(mixed.courts, (Codes{"AST-01", "AST-02", "KAR-01"}));
  EXPECT_TRUE(mixed.regions.empty());
}

TEST(AccessScope, KeepsFiltersInsideTheScope) {
  ReportFilters f = filters({"ALM-02"}, {}, {"regional"});
  narrowToScope(principal("analyst", {"almaty_city"}, {}), kRegistry, f);
  EXPECT_EQ(f.courts, Codes{"ALM-02"});
  EXPECT_TRUE(f.regions.empty());

  ReportFilters region = filters({}, {"astana"});
  narrowToScope(principal("analyst", {"astana"}, {"KAR-01"}), kRegistry, region);
  EXPECT_EQ(region.regions, Codes{"astana"});
  EXPECT_TRUE(region.courts.empty());
}

TEST(AccessScope, RefusesACourtOrRegionOutsideTheScopeNamingTheField) {
  const Principal almaty = principal("analyst", {"almaty_city"}, {});
  const Refusal court = refusalOf(almaty, filters({"ALM-01", "AST-01"}));
  EXPECT_EQ(court.status, 403);
  EXPECT_EQ(court.code, "out_of_scope");
  EXPECT_EQ(court.field, "court");
  EXPECT_NE(court.message.find("AST-01"), std::string::npos) << court.message;
  EXPECT_NE(court.message.find("almaty_city"), std::string::npos) << court.message;  // what it may see

  const Refusal region = refusalOf(almaty, filters({}, {"astana"}));
  EXPECT_EQ(region.status, 403);
  EXPECT_EQ(region.code, "out_of_scope");
  EXPECT_EQ(region.field, "region");

  EXPECT_EQ(refusalOf(almaty, filters({"NOPE"})).field, "court");  // not in the registry: not in the scope
}

TEST(AccessScope, RefusesTheRegionOfAnAccountThatHasOnlySomeOfItsCourts) {
  const Refusal refusal = refusalOf(principal("court_manager", {}, {"ALM-01"}), filters({}, {"almaty_city"}));
  EXPECT_EQ(refusal.code, "out_of_scope");
  EXPECT_EQ(refusal.field, "region");
  EXPECT_NE(refusal.message.find("only some courts"), std::string::npos) << refusal.message;
}

TEST(AccessScope, RefusesALevelNoCourtOfTheScopeHas) {
  const Principal almaty = principal("analyst", {"almaty_city"}, {});
  ReportFilters regional = filters({}, {}, {"regional"});
  narrowToScope(almaty, kRegistry, regional);  // ALM-02 is regional
  EXPECT_EQ(regional.levels, Codes{"regional"});
  EXPECT_EQ(refusalOf(almaty, filters({}, {}, {"supreme"})).field, "level");
  EXPECT_EQ(refusalOf(almaty, filters({"ALM-01"}, {}, {"regional"})).field, "level");  // ALM-01 is a district court
}

TEST(AccessScope, RegionGroupsOnlyForAnAccountOfWholeRegions) {
  const ScopeQuery byRegion{true, true, "group"};
  ReportFilters regional = filters();
  narrowToScope(principal("analyst", {"almaty_city"}, {}), kRegistry, regional, byRegion);
  EXPECT_EQ(regional.regions, Codes{"almaty_city"});

  const Refusal courts = refusalOf(principal("court_manager", {}, {"ALM-01"}), filters(), byRegion);
  EXPECT_EQ(courts.code, "out_of_scope");
  EXPECT_EQ(courts.field, "group");
  EXPECT_EQ(refusalOf(principal("analyst", {"astana"}, {"KAR-01"}), filters(), ScopeQuery{true, true, "by"}).field, "by");
}

TEST(AccessScope, ASurveyNotReportedByCourtIsNarrowedToRegionsOnly) {
  const ScopeQuery judges{false, false, "group"};
  ReportFilters regional = filters();
  narrowToScope(principal("analyst", {"astana"}, {}), kRegistry, regional, judges);
  EXPECT_EQ(regional.regions, Codes{"astana"});
  EXPECT_TRUE(regional.courts.empty());

  EXPECT_EQ(refusalOf(principal("analyst", {}, {"AST-01"}), filters(), judges).field, "court");
  // Court managers never read it, even of a whole region or with a region filter of their scope.
  const Refusal manager = refusalOf(principal("court_manager", {"astana"}, {}), filters({}, {"astana"}), judges);
  EXPECT_EQ(manager.status, 403);
  EXPECT_EQ(manager.code, "out_of_scope");
  EXPECT_EQ(manager.field, "court");
}

TEST(AccessScope, KpisInsideTheScope) {
  const Principal almaty = principal("analyst", {"almaty_city"}, {"AST-01"});
  using Kind = surveys::KpiScopeKind;
  EXPECT_FALSE(kpiInScope(almaty, {Kind::Country, ""}, kRegistry));
  EXPECT_FALSE(kpiInScope(almaty, {Kind::Level, "district"}, kRegistry));
  EXPECT_TRUE(kpiInScope(almaty, {Kind::Region, "almaty_city"}, kRegistry));
  EXPECT_FALSE(kpiInScope(almaty, {Kind::Region, "astana"}, kRegistry));  // one court of it only
  EXPECT_TRUE(kpiInScope(almaty, {Kind::Court, "ALM-02"}, kRegistry));
  EXPECT_TRUE(kpiInScope(almaty, {Kind::Court, "AST-01"}, kRegistry));
  EXPECT_FALSE(kpiInScope(almaty, {Kind::Court, "AST-02"}, kRegistry));
  EXPECT_TRUE(kpiInScope(Principal{}, {Kind::Country, ""}, kRegistry));  // country scope
  EXPECT_FALSE(kpiInScope(principal("court_manager", {}, {"ALM-01"}), {Kind::Court, "ALM-01"}, kRegistry, false));
}

TEST(AccessScope, DescribesTheScopeInARefusal) {
  EXPECT_EQ(describeScope(AccessScope{}), "the whole country");
  EXPECT_EQ(describeScope(AccessScope{false, {"astana"}, {"ALM-01", "ALM-02"}}),
            "the region astana and the courts ALM-01, ALM-02");
  AccessScope many{false, {}, {}};
  for (int i = 0; i < 25; ++i) many.courts.push_back("C" + std::to_string(i));
  EXPECT_NE(describeScope(many).find("and 5 more"), std::string::npos) << describeScope(many);
}

}  // namespace
}  // namespace courtvoice::server::testing
