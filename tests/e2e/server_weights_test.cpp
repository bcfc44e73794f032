// Post-stratification weights on the real server: population counts loaded as CSV (PUT), shown
// (GET) and cleared (DELETE) through the API and the admin tool; summary?weights=on puts
// weighted figures (value, interval on Kish's n, n_eff) beside every shown share and index,
// against values computed independently with numpy from the respondents
// (tests/fixtures/weights_e2e.py -> weights_e2e.json): a cell with a count of 0 is dropped, cells
// without a count (or without a case-type answer) are listed as unmatched, suppressed groups
// show no weighted figure; the summary CSV gets the weighted columns.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>
#include <string>

#include "server_fixture.hpp"
#include "temp_file.hpp"

namespace courtvoice::e2e {
namespace {

const std::string kId = "weights_e2e";
const std::string kWeights = "/api/v1/admin/surveys/" + kId + "/weights";
const std::string kSummary = "/api/v1/admin/surveys/" + kId + "/summary";

const std::string kSurvey = R"({
  "id": "weights_e2e", "audience": "citizen", "languages": ["kk", "ru", "en"], "min_group_size": 5,
  "title": {"kk": "Салмақ", "ru": "Веса", "en": "Weights"},
  "items": [
    {"id": "case_type", "type": "single_choice", "dimension": "background",
     "options": [{"code": 1, "label": {"kk": "Азаматтық", "ru": "Гражданское", "en": "Civil"}},
                 {"code": 2, "label": {"kk": "Қылмыстық", "ru": "Уголовное", "en": "Criminal"}},
                 {"code": 3, "label": {"kk": "Әкімшілік", "ru": "Административное", "en": "Administrative"}}],
     "text": {"kk": "Іс санаты", "ru": "Категория дела", "en": "Case type"}},
    {"id": "access_a", "type": "agreement5", "dimension": "access",
     "text": {"kk": "А", "ru": "А", "en": "A"}},
    {"id": "access_b", "type": "agreement5", "dimension": "access",
     "text": {"kk": "Б", "ru": "Б", "en": "B"}},
    {"id": "recommend", "type": "scale0to10", "dimension": "overall",
     "text": {"kk": "Ұсыну", "ru": "Рекомендация", "en": "Recommend"}}
  ],
  "indices": [{"id": "access_index", "name": {"kk": "Қолжетімділік", "ru": "Доступность", "en": "Access"},
               "dimensions": ["access"]}]
})";

const std::string kCourts = R"([
  {"code": "ALM-01", "name": {"kk": "Алматы", "ru": "Алматы", "en": "Almaty"}, "region": "almaty_city", "level": "district", "active": true},
  {"code": "AST-01", "name": {"kk": "Астана", "ru": "Астана", "en": "Astana"}, "region": "astana", "level": "district", "active": true},
  {"code": "KAR-01", "name": {"kk": "Қарағанды", "ru": "Караганда", "en": "Karaganda"}, "region": "karaganda", "level": "district", "active": true}
])";

Poco::JSON::Object::Ptr fixture() {
  std::ifstream in(std::string(COURTVOICE_SOURCE_DIR) + "/tests/fixtures/weights_e2e.json");
  std::stringstream text;
  text << in.rdbuf();
  Poco::JSON::Parser parser;
  return parser.parse(text.str()).extract<Poco::JSON::Object::Ptr>();
}

class ServerWeights : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(call("POST", "/api/v1/admin/courts", kCourts).status, 200);
    const auto created = call("POST", "/api/v1/admin/surveys", kSurvey);
    ASSERT_EQ(created.status, 201) << created.body;
    const int version = created.object()->getValue<int>("version");
    ASSERT_EQ(call("POST", "/api/v1/admin/surveys/" + kId + "/versions/" + std::to_string(version) + "/publish").status, 200);
    // The respondents of the fixture, as paper forms of one day.
    const auto respondents = fixture_->getArray("respondents");
    std::string list;
    const char* columns[] = {"case_type", "access_a", "access_b", "recommend"};
    for (std::size_t i = 0; i < respondents->size(); ++i) {
      const auto r = respondents->getArray(static_cast<unsigned>(i));
      std::string answers;
      for (unsigned c = 1; c <= 4; ++c) {
        if (r->isNull(c)) continue;
        answers += std::string(answers.empty() ? "" : ", ") + "\"" + columns[c - 1] + "\": " +
                   std::to_string(r->getElement<int>(c));
      }
      list += std::string(list.empty() ? "" : ",") + R"({"submission_id": "weights-)" + std::to_string(1000 + i) +
              R"(", "court": ")" + r->getElement<std::string>(0) +
              R"(", "channel": "paper", "language": "ru", "date": "2025-03-10", "answers": {)" + answers + "}}";
    }
    const auto imported = call("POST", "/api/v1/admin/surveys/" + kId + "/responses/import",
                               R"({"version": )" + std::to_string(version) + R"(, "responses": [)" + list + "]}");
    ASSERT_EQ(imported.status, 200) << imported.body;
  }

  HttpResult call(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::string& contentType = "application/json") {
    Env headers = server_.adminHeaders();
    headers["X-CourtVoice-User"] = "Айгерім";
    return http(server_.port(), method, path, body, headers, contentType);
  }

  /// The fixture's population counts as the CSV an analyst would save (semicolons, BOM).
  std::string populationCsv() const {
    std::string csv = "\xEF\xBB\xBF" "court;case_type;population\r\n";
    const auto population = fixture_->getArray("population");
    for (std::size_t i = 0; i < population->size(); ++i) {
      const auto p = population->getArray(static_cast<unsigned>(i));
      csv += p->getElement<std::string>(0) + ";" + std::to_string(p->getElement<int>(1)) + ";" +
             std::to_string(p->getElement<int>(2)) + "\r\n";
    }
    return csv;
  }

  void loadPopulation() {
    const auto loaded = call("PUT", kWeights, populationCsv(), "text/csv; charset=utf-8");
    ASSERT_EQ(loaded.status, 200) << loaded.body;
  }

  Poco::JSON::Object::Ptr fixture_ = fixture();
  ServerProcess server_;
};

/// Compares a reply's "weighted" object with the fixture's figures.
void expectWeighted(const Poco::JSON::Object::Ptr& weighted, const Poco::JSON::Object::Ptr& expected,
                    double scale, const std::string& what) {
  ASSERT_TRUE(weighted) << what;
  EXPECT_NEAR(weighted->getValue<double>("value"), scale * expected->getValue<double>("value"), 1e-9 * scale) << what;
  const auto ci = expected->getArray("ci");
  // The t quantile above 30 degrees of freedom is an approximation; the numbers here are small.
  EXPECT_NEAR(weighted->getObject("ci")->getValue<double>("low"), scale * ci->getElement<double>(0), 1e-6 * scale) << what;
  EXPECT_NEAR(weighted->getObject("ci")->getValue<double>("high"), scale * ci->getElement<double>(1), 1e-6 * scale) << what;
  EXPECT_NEAR(weighted->getValue<double>("n_eff"), expected->getValue<double>("n_eff"), 1e-9) << what;
  EXPECT_EQ(weighted->getValue<int>("n"), expected->getValue<int>("n")) << what;
}

/// Every item and index of `group` against the fixture's group `key`.
void expectGroup(const Poco::JSON::Object::Ptr& group, const Poco::JSON::Object::Ptr& expected) {
  const std::string key = group->getValue<std::string>("key");
  const auto weights = group->getObject("weights");
  ASSERT_TRUE(weights) << key;
  EXPECT_EQ(weights->getValue<int>("weighted_responses"), expected->getValue<int>("weighted_responses")) << key;
  EXPECT_EQ(weights->getValue<int>("unmatched_responses"), expected->getValue<int>("unmatched_responses")) << key;
  EXPECT_NEAR(weights->getValue<double>("n_eff"), expected->getValue<double>("n_eff"), 1e-9) << key;
  const auto items = group->getArray("items");
  int compared = 0;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto item = items->getObject(static_cast<unsigned>(i));
    const std::string id = item->getValue<std::string>("item_id");
    if (!expected->getObject("items")->has(id)) {
      EXPECT_FALSE(item->has("weighted")) << key << " " << id << ": only scale items are weighted";
      continue;
    }
    expectWeighted(item->getObject("weighted"), expected->getObject("items")->getObject(id), 1, key + " " + id);
    ++compared;
  }
  EXPECT_EQ(compared, 3) << key;
  const auto index = group->getArray("indices")->getObject(0);
  expectWeighted(index->getObject("weighted"), expected->getObject("access_index"), 1, key + " access_index");
}

TEST_F(ServerWeights, LoadsShowsAndClearsPopulationCounts) {
  const auto loaded = call("PUT", kWeights, populationCsv(), "text/csv");
  ASSERT_EQ(loaded.status, 200) << loaded.body;
  const auto set = loaded.object();
  EXPECT_EQ(set->getValue<std::string>("survey_id"), kId);
  EXPECT_EQ(set->getValue<std::string>("loaded_by"), "Айгерім");
  EXPECT_EQ(set->getValue<std::string>("loaded_on").size(), 19U) << "YYYY-MM-DD HH:MM:SS";
  EXPECT_EQ(set->getValue<std::string>("cells"), "court_case_type");
  EXPECT_EQ(set->getValue<int>("cell_count"), 6);
  EXPECT_EQ(set->getValue<int>("population_total"), 11500);
  const auto first = set->getArray("counts")->getObject(0);
  EXPECT_EQ(first->getValue<std::string>("court"), "ALM-01");
  EXPECT_EQ(first->getValue<int>("case_type"), 1);
  EXPECT_EQ(first->getValue<int>("population"), 5000);

  const auto shown = call("GET", kWeights);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(shown.body, loaded.body);

  // A new set replaces the old one whole: whole courts now.
  const auto replaced = call("PUT", kWeights, "court,population\nALM-01,10\nAST-01,20\n", "text/csv");
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(call("GET", kWeights).object()->getValue<std::string>("cells"), "court");
  EXPECT_EQ(call("GET", kWeights).object()->getValue<int>("cell_count"), 2);

  const auto cleared = call("DELETE", kWeights);
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(cleared.object()->getValue<bool>("cleared"));
  EXPECT_FALSE(call("DELETE", kWeights).object()->getValue<bool>("cleared"));
  const auto none = call("GET", kWeights);
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(none.errorCode(), "no_weights");
  const auto summary = call("GET", kSummary + "?weights=on");
  EXPECT_EQ(summary.status, 400);
  EXPECT_EQ(summary.errorCode(), "no_weights");
  EXPECT_EQ(summary.object()->getObject("error")->getValue<std::string>("field"), "weights");
}

TEST_F(ServerWeights, RefusesABadFileNamingLineAndColumnAndKeepsTheOldSet) {
  loadPopulation();
  const auto bad = call("PUT", kWeights, "court,case_type,population\nALM-01,1,5\nNOPE,1,5\nAST-01,9,5\nAST-01,1,-3\nALM-01,1,7\n",
                        "text/csv");
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.errorCode(), "unknown_court");
  EXPECT_EQ(bad.object()->getObject("error")->getValue<std::string>("field"), "line 3: court");
  EXPECT_NE(bad.body.find("line 4: case_type"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("line 5: population"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("duplicate_cell"), std::string::npos) << bad.body;
  EXPECT_EQ(call("GET", kWeights).object()->getValue<int>("cell_count"), 6) << "the old set stays";

  EXPECT_EQ(call("PUT", kWeights, "court,population\nALM-01,5\n").status, 415) << "JSON content type";
  EXPECT_EQ(call("PUT", "/api/v1/admin/surveys/nope/weights", "court,population\nALM-01,5\n", "text/csv").status, 404);
  const auto flag = call("GET", kSummary + "?weights=yes");
  EXPECT_EQ(flag.status, 400);
  EXPECT_EQ(flag.errorCode(), "invalid_weights");
  EXPECT_EQ(http(server_.port(), "GET", kWeights).status, 401) << "admin only";
}

TEST_F(ServerWeights, SummaryPutsWeightedFiguresBesideTheUnweightedOnesAsNumpyComputesThem) {
  loadPopulation();
  const auto groups = fixture_->getObject("groups");

  const auto all = call("GET", kSummary + "?weights=on&lang=en");
  ASSERT_EQ(all.status, 200) << all.body;
  const auto reply = all.object();
  const auto group = reply->getArray("groups")->getObject(0);
  expectGroup(group, groups->getObject(""));
  // The unweighted figures stay as they were: access_a: 9 of 18 answerers favourable.
  EXPECT_NEAR(group->getArray("items")->getObject(1)->getValue<double>("favourable"), 9.0 / 18, 1e-12);

  // The head: when, by whom, and which cells had respondents but no count.
  const auto head = reply->getObject("weights");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->getValue<std::string>("loaded_by"), "Айгерім");
  EXPECT_EQ(head->getValue<std::string>("cells"), "court_case_type");
  EXPECT_EQ(head->getValue<int>("unmatched_cells"), 3);
  const auto unmatched = head->getArray("unmatched");
  ASSERT_EQ(unmatched->size(), 3U) << all.body;
  EXPECT_EQ(unmatched->getObject(0)->getValue<std::string>("court"), "AST-01");
  EXPECT_TRUE(unmatched->getObject(0)->isNull("case_type"));
  EXPECT_EQ(unmatched->getObject(0)->getValue<std::string>("reason"), "no_case_type_answer");
  EXPECT_EQ(unmatched->getObject(1)->getValue<std::string>("court"), "KAR-01");
  EXPECT_EQ(unmatched->getObject(1)->getValue<int>("case_type"), 1);
  EXPECT_EQ(unmatched->getObject(1)->getValue<std::string>("reason"), "no_count");
  EXPECT_EQ(unmatched->getObject(2)->getValue<int>("case_type"), 2);

  // Without weights=on the reply has no weighted figure at all.
  const auto plain = call("GET", kSummary + "?lang=en");
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.body.find("weighted"), std::string::npos);
  EXPECT_FALSE(plain.object()->has("weights"));
}

TEST_F(ServerWeights, EachCourtIsWeightedToItsOwnCaseMixAndSuppressedCourtsShowNothing) {
  loadPopulation();
  const auto groups = fixture_->getObject("groups");
  const auto byCourt = call("GET", kSummary + "?weights=on&group=court");
  ASSERT_EQ(byCourt.status, 200) << byCourt.body;
  const auto list = byCourt.object()->getArray("groups");
  bool almatyShown = false;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto group = list->getObject(static_cast<unsigned>(i));
    const std::string key = group->getValue<std::string>("key");
    if (group->getValue<bool>("suppressed")) {
      EXPECT_FALSE(group->has("weights")) << key;
      EXPECT_FALSE(group->has("items")) << key;
      continue;
    }
    ASSERT_TRUE(groups->has(key)) << key << " shown: " << byCourt.body;
    expectGroup(group, groups->getObject(key));
    almatyShown = almatyShown || key == "ALM-01";
  }
  EXPECT_TRUE(almatyShown);
  // KAR-01 (4 responses) is under the minimum: neither it nor its cells may be named.
  EXPECT_EQ(byCourt.body.find("KAR-01\",\"case_type\""), std::string::npos) << byCourt.body;
}

TEST_F(ServerWeights, SummaryCsvGetsWeightedColumns) {
  loadPopulation();
  const auto csv = call("GET", kSummary + "?weights=on&format=csv&sep=comma&lang=en");
  ASSERT_EQ(csv.status, 200) << csv.body;
  const std::string header = csv.body.substr(0, csv.body.find('\n'));
  EXPECT_NE(header.find(",suppressed,weighted_value,weighted_ci_low,weighted_ci_high,n_eff,weighted_n"), std::string::npos)
      << header;
  // access_a's row ends with its weighted share, interval, n_eff and n (numpy: 0.6746..., n 12).
  const auto row = csv.body.find(",item,access_a,");
  ASSERT_NE(row, std::string::npos) << csv.body;
  const std::string line = csv.body.substr(row, csv.body.find('\n', row) - row);
  EXPECT_NE(line.find(",0.674603174603"), std::string::npos) << line;
  EXPECT_NE(line.find(",12"), std::string::npos) << line;
  const auto plain = call("GET", kSummary + "?format=csv&sep=comma&lang=en");
  EXPECT_EQ(plain.body.find("weighted_value"), std::string::npos);
}

TEST_F(ServerWeights, AdminToolLoadsShowsAndClears) {
  const auto env = server_.schema().environment();
  TempFile file(".csv", populationCsv());
  const auto load = runAdmin({"weights", "load", kId, file.path(), "--by=Saule"}, env);
  ASSERT_EQ(load.exitCode, 0) << load.output;
  EXPECT_NE(load.output.find("loaded 6 population counts for weights_e2e (per court and case type, total 11500)"),
            std::string::npos) << load.output;
  const auto show = runAdmin({"weights", "show", kId}, env);
  ASSERT_EQ(show.exitCode, 0) << show.output;
  EXPECT_NE(show.output.find("by Saule"), std::string::npos) << show.output;
  EXPECT_NE(show.output.find("court,case_type,population\nALM-01,1,5000\nALM-01,2,1000\nALM-01,3,0\n"), std::string::npos)
      << show.output;

  TempFile bad(".csv", "court,case_type,population\nALM-01,1,x\n");
  const auto refused = runAdmin({"weights", "load", kId, bad.path()}, env);
  EXPECT_EQ(refused.exitCode, 65) << refused.output;
  EXPECT_NE(refused.output.find("line 2: population"), std::string::npos) << refused.output;
  EXPECT_EQ(runAdmin({"weights", "load", kId, "/nonexistent.csv"}, env).exitCode, 66);
  EXPECT_EQ(runAdmin({"weights", "weigh", kId}, env).exitCode, 64);

  const auto clear = runAdmin({"weights", "clear", kId}, env);
  ASSERT_EQ(clear.exitCode, 0) << clear.output;
  EXPECT_NE(clear.output.find("cleared the population counts of weights_e2e"), std::string::npos) << clear.output;
  EXPECT_EQ(runAdmin({"weights", "show", kId}, env).exitCode, 65) << "no counts: not found";
}

}  // namespace
}  // namespace courtvoice::e2e
