// The dashboard's trend view in a real headless Chromium: series drawn per period across two
// versions of the survey, a break where a question changed, gaps where a period is too small.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "browser_support.hpp"

namespace courtvoice::e2e::pages {
namespace {

class BrowserTrend : public BrowserTest {
 protected:
  /// Imports paper responses to `version` on `date`, one per (access_find, fair_listened) pair;
  /// every respondent came for a hearing and appeared before the judge.
  void importAnswers(int surveyVersion, const std::string& date, const std::vector<std::pair<int, int>>& answers) {
    std::string list;
    for (const auto& [access, fair] : answers) {
      if (!list.empty()) list += ",";
      list += R"({"submission_id": "trend-)" + randomHex(16) + R"(", "court": ")" + kCourtAlmaty.code +
              R"(", "channel": "paper", "language": "en", "date": ")" + date +
              R"(", "answers": {"visit_purpose": 1, "appeared": 1, "access_find": )" + std::to_string(access) +
              R"(, "fair_listened": )" + std::to_string(fair) + "}}";
    }
    const auto r = admin("POST", "/api/v1/admin/surveys/" + kSurveyId + "/responses/import",
                         R"({"version": )" + std::to_string(surveyVersion) + R"(, "responses": [)" + list + "]}");
    ASSERT_EQ(r.status, 200) << r.body;
  }

  /// Imports a quarter's answers two per month over its three months (starting with `firstMonth`,
  /// "YYYY-MM"), so that the quarter is complete, not partial.
  void importQuarter(int surveyVersion, int year, int firstMonth, const std::vector<std::pair<int, int>>& answers) {
    for (std::size_t m = 0; m < 3; ++m) {
      const std::vector<std::pair<int, int>> part(answers.begin() + static_cast<long>(2 * m),
                                                  answers.begin() + static_cast<long>(2 * m + 2));
      const int month = firstMonth + static_cast<int>(m);
      importAnswers(surveyVersion, std::to_string(year) + (month < 10 ? "-0" : "-") + std::to_string(month) + "-10", part);
    }
  }

  /// Version 1 in 2025-Q1 and Q2; version 2 (fair_listened reworded, series_break) in Q3 (two
  /// responses only: suppressed), Q4 and 2026-Q1. Each full quarter has responses in each month.
  /// Returns version 2's number.
  int importTwoVersions() {
    importQuarter(version(), 2025, 1, {{1, 4}, {2, 4}, {2, 5}, {3, 4}, {4, 4}, {1, 5}});
    importQuarter(version(), 2025, 4, {{5, 4}, {5, 5}, {4, 4}, {5, 4}, {4, 3}, {3, 4}});
    std::string second = testDefinition(" 2");
    const std::string fair = R"({"id": "fair_listened", )";
    second.replace(second.find(fair), fair.size(), fair + R"("series_break": true, )");
    const int v2 = createAndPublish(second);
    importAnswers(v2, "2025-08-10", {{4, 2}, {5, 2}});
    importQuarter(v2, 2025, 10, {{4, 2}, {4, 2}, {5, 3}, {3, 1}, {4, 2}, {5, 2}});
    importQuarter(v2, 2026, 1, {{4, 3}, {5, 2}, {4, 2}, {4, 3}, {5, 2}, {5, 2}});
    return v2;
  }

  void showTrend() {
    signInToDashboard(server().adminToken());
    ASSERT_TRUE(browser().waitVisible("#survey"));
    browser().click("#view option[value='trend']");
    ASSERT_TRUE(browser().waitVisible("#period"));
    EXPECT_FALSE(browser().displayed("#group")) << "the trend goes by period, not by group";
    browser().click("#show");
    ASSERT_TRUE(browser().waitVisible(".trend-series[data-id='fair_listened'] svg.trend-chart"));
  }

  /// A number the page computes from the chart of `id` (a script body using `chart`).
  double chartNumber(const std::string& id, const std::string& body) {
    return browser().evalNumber("const chart = document.querySelector(\".trend-series[data-id='" + id +
                                "'] svg.trend-chart\");\n" + body);
  }
  /// The x of the point of `id` in `period` (segment `segment`).
  double pointX(const std::string& id, const std::string& period, int segment = 0) {
    return chartNumber(id, "return Number(chart.querySelector(\"circle.point[data-period='" + period +
                               "'][data-segment='" + std::to_string(segment) + "']\").getAttribute('cx'));");
  }
  /// How many of `id`'s lines pass over the x coordinate `x` (from their first to last vertex).
  double linesOver(const std::string& id, double x) {
    return chartNumber(id, "return Array.from(chart.querySelectorAll('path.series-line')).filter(p => { const b = p.getBBox(); "
                           "return b.x < " + std::to_string(x) + " && b.x + b.width > " + std::to_string(x) + "; }).length;");
  }
  std::string row(const std::string& id, const std::string& period, int segment, int column) {
    return browser().text(".trend-series[data-id='" + id + "'] tr[data-period='" + period + "'][data-segment='" +
                          std::to_string(segment) + "'] > :nth-child(" + std::to_string(column) + ")");
  }
};

TEST_F(BrowserTrend, DrawsEachSeriesWithItsBreakAndGaps) {
  importTwoVersions();
  showTrend();  // the browser is en-US: English
  screenshot("trend");

  EXPECT_EQ(browser().text("#report-title"), "Court user survey 2") << "the newest published version's title";
  EXPECT_EQ(browser().text("#trend-periods td[data-period='2025-Q3']"), "n < 5");
  EXPECT_EQ(browser().text("#trend-periods td[data-period='2025-Q2']"), "6");

  // fair_listened changed meaning in version 2: a dashed line labelled v2 between Q2 (the last
  // version-1 period) and Q4 (the first shown version-2 point), and no line across it.
  const std::string fair = ".trend-series[data-id='fair_listened'] ";
  ASSERT_EQ(browser().findAll(fair + "line.break-line[data-version='2']").size(), 1U);
  EXPECT_EQ(browser().text(fair + "text.break-label"), "v2");
  EXPECT_EQ(browser().evalString("return document.querySelector(\"" + fair +
                                 "line.break-line\").getAttribute('stroke-dasharray');"),
            "5 4");
  const double breakX = chartNumber("fair_listened", "return Number(chart.querySelector('line.break-line').getAttribute('x1'));");
  EXPECT_GT(breakX, pointX("fair_listened", "2025-Q2", 0));
  EXPECT_LT(breakX, pointX("fair_listened", "2025-Q4", 1));
  EXPECT_EQ(browser().findAll(fair + "path.series-line[data-segment='0']").size(), 1U) << "Q1-Q2 of version 1";
  EXPECT_EQ(browser().findAll(fair + "path.series-line[data-segment='1']").size(), 1U) << "Q4-2026Q1 of version 2";
  EXPECT_EQ(linesOver("fair_listened", breakX), 0.0) << "no line joins the two meanings";
  EXPECT_EQ(browser().text(fair + "tr.break-row"), "Series break: version 2, from Q3 2025 (the question changed)");
  EXPECT_EQ(row("fair_listened", "2025-Q4", 1, 6), "") << "no change computed across the break";

  // access_find kept its meaning: one series (segment 0 only) over both versions, broken only
  // where Q3 is too small, which shows as a gap labelled "n < 5".
  const std::string access = ".trend-series[data-id='access_find'] ";
  EXPECT_TRUE(browser().findAll(access + "line.break-line").empty());
  EXPECT_TRUE(browser().findAll(access + "path.series-line[data-segment='1']").empty());
  EXPECT_EQ(browser().findAll(access + "path.series-line").size(), 2U) << "Q1-Q2 and Q4-2026Q1";
  EXPECT_EQ(browser().text(access + "text.gap-label[data-period='2025-Q3']"), "n < 5");
  const double gapX = chartNumber("access_find", "return Number(chart.querySelector('text.gap-label').getAttribute('x'));");
  EXPECT_EQ(linesOver("access_find", gapX), 0.0) << "no line over the suppressed period";
  EXPECT_EQ(row("access_find", "2025-Q3", 0, 3), "Fewer than 5 responses — not shown");

  // Q1 -> Q2 of access_find: favourable 1 of 6 -> 5 of 6, difference 0.6667. Newcombe's hybrid
  // score interval (scipy, tests/fixtures/trend_statistics.py): 0.1055 .. 0.8599, excluding 0:
  // significant (p = 0.0163); "+67 pp (11 … 86)". One test in the family, so Holm keeps it.
  // Wilson 95% for 5 of 6: 0.436 .. 0.970.
  EXPECT_EQ(row("access_find", "2025-Q2", 0, 3), "6");
  EXPECT_EQ(row("access_find", "2025-Q2", 0, 4), "83% (44–97)");
  EXPECT_EQ(row("access_find", "2025-Q2", 0, 6),
            "+67 pp (11 … 86)\n▲ statistically significant\nsignificant after the multiple-testing correction (Holm)");
  EXPECT_EQ(browser().findAll(access + "circle.point.sig[data-period='2025-Q2']").size(), 1U) << "marked on the chart";
  EXPECT_TRUE(browser().findAll(access + "circle.point.sig[data-period='2025-Q4']").empty())
      << "Q4 follows a suppressed period: nothing to compare with";

  // The access index has its own chart; choice and text questions are listed, not charted.
  EXPECT_TRUE(browser().displayed(".trend-series[data-kind='index'][data-id='access_index'] svg.trend-chart"));
  EXPECT_TRUE(browser().findAll(".trend-series[data-id='visit_purpose']").empty());
  EXPECT_NE(browser().text("#not-trended").find("Why did you come to the court today?"), std::string::npos);

  browser().execute("document.querySelector(\".trend-series[data-id='access_find']\").scrollIntoView();");
  screenshot("trend-kept");
  browser().execute("document.querySelector(\".trend-series[data-id='fair_listened']\").scrollIntoView();");
  screenshot("trend-break");
}

// A second edition like the shipped ones: staff_courtesy dropped, a new scale5 question with its
// own point labels (trust_level), fair_listened reworded (series_break). Version 1 answers in
// 2025-Q1 and Q2, version 2 in Q4 and 2026-Q1.
TEST_F(BrowserTrend, MarksWhereSeriesStartStopOrBreakAndSaysWhyInEachLanguage) {
  const auto import = [&](int surveyVersion, const std::string& date, const std::vector<std::string>& answers) {
    std::string list;
    for (const auto& answer : answers) {
      list += std::string(list.empty() ? "" : ",") + R"({"submission_id": "ends-)" + randomHex(16) + R"(", "court": ")" +
              kCourtAlmaty.code + R"(", "channel": "paper", "language": "ru", "date": ")" + date +
              R"(", "answers": {"visit_purpose": 1, "appeared": 1, )" + answer + "}}";
    }
    const auto r = admin("POST", "/api/v1/admin/surveys/" + kSurveyId + "/responses/import",
                         R"({"version": )" + std::to_string(surveyVersion) + R"(, "responses": [)" + list + "]}");
    ASSERT_EQ(r.status, 200) << r.body;
  };
  const std::vector<std::string> first(6, R"("access_find": 4, "staff_courtesy": 4, "fair_listened": 4)");
  import(version(), "2025-02-10", first);
  import(version(), "2025-05-10", first);

  std::string second = testDefinition(" 2");
  const auto dropFrom = second.find(R"({"id": "staff_courtesy")");
  second.erase(dropFrom, second.find(R"({"id": "appeared")") - dropFrom);
  std::string labels;
  for (const auto& [v, en] : std::vector<std::pair<int, std::string>>{{1, "not at all"}, {2, "a little"}, {3, "somewhat"}, {4, "a lot"}, {5, "completely"}}) {
    labels += std::string(labels.empty() ? "" : ", ") + R"({"value": )" + std::to_string(v) + R"(, "label": {"kk": ")" + en +
              R"x( (kk)", "ru": ")x" + en + R"x( (ru)", "en": ")x" + en + R"("}})";
  }
  second.insert(second.find(R"({"id": "appeared")"),
                R"({"id": "trust_level", "type": "scale5", "dimension": "trust", "scale_labels": [)" + labels + R"(],
     "text": {"kk": "Соттарға қаншалықты сенесіз?", "ru": "Насколько вы доверяете судам?", "en": "How much do you trust the courts?"}},
    )");
  const std::string fair = R"({"id": "fair_listened", )";
  second.replace(second.find(fair), fair.size(), fair + R"("series_break": true, )");
  const int v2 = createAndPublish(second);
  // trust_level in Q4: 4 of 6 favourable (4-5).
  import(v2, "2025-11-10", {R"("access_find": 4, "fair_listened": 2, "trust_level": 4)", R"("access_find": 4, "fair_listened": 2, "trust_level": 5)",
                            R"("access_find": 4, "fair_listened": 2, "trust_level": 4)", R"("access_find": 4, "fair_listened": 2, "trust_level": 4)",
                            R"("access_find": 4, "fair_listened": 2, "trust_level": 2)", R"("access_find": 4, "fair_listened": 2, "trust_level": 1)"});
  import(v2, "2026-02-10", std::vector<std::string>(6, R"("access_find": 5, "fair_listened": 3, "trust_level": 5)"));

  showTrend();  // en-US
  ASSERT_TRUE(browser().waitVisible(".trend-series[data-id='trust_level'] svg.trend-chart"));

  // The dropped question: a dotted line after its last period (Q2 2025), labelled v2, and why.
  const std::string dropped = ".trend-series[data-id='staff_courtesy'] ";
  ASSERT_EQ(browser().findAll(dropped + "line.end-line.series-stop[data-version='2']").size(), 1U);
  EXPECT_EQ(browser().text(dropped + "text.end-label.series-stop"), "v2");
  const double stopX = chartNumber("staff_courtesy", "return Number(chart.querySelector('line.series-stop').getAttribute('x1'));");
  EXPECT_GT(stopX, pointX("staff_courtesy", "2025-Q2"));
  EXPECT_EQ(browser().text(dropped + "tr.end-row.series-stop"), "Series ends: the question was dropped in version 2; last period Q2 2025");
  EXPECT_TRUE(browser().findAll(dropped + ".series-start").empty());

  // The new question: a dotted line before its first period (Q4 2025), labelled v2, and why; a
  // scale5 question is charted as % favourable like the other 5-point scales.
  const std::string added = ".trend-series[data-id='trust_level'] ";
  ASSERT_EQ(browser().findAll(added + "line.end-line.series-start[data-version='2']").size(), 1U);
  EXPECT_EQ(browser().text(added + "text.end-label.series-start"), "v2");
  const double startX = chartNumber("trust_level", "return Number(chart.querySelector('line.series-start').getAttribute('x1'));");
  EXPECT_LT(startX, pointX("trust_level", "2025-Q4"));
  EXPECT_EQ(browser().text(added + "tr.end-row.series-start"),
            "Series starts: a new question in version 2, from Q4 2025; there is nothing earlier to compare with");
  EXPECT_TRUE(browser().findAll(added + ".series-stop").empty());
  // Wilson 95% for 4 of 6 (checked with python3): 0.300 .. 0.903.
  EXPECT_EQ(row("trust_level", "2025-Q4", 0, 4), "67% (30–90)");

  // The reworded question: the break as before; the kept one has none of these marks.
  EXPECT_EQ(browser().text(".trend-series[data-id='fair_listened'] tr.break-row"),
            "Series break: version 2, from Q4 2025 (the question changed)");
  const std::string kept = ".trend-series[data-id='access_find'] ";
  EXPECT_TRUE(browser().findAll(kept + ".end-line").empty());
  EXPECT_TRUE(browser().findAll(kept + ".end-row").empty());
  EXPECT_TRUE(browser().findAll(kept + ".break-line").empty());
  browser().execute("document.querySelector(\".trend-series[data-id='trust_level']\").scrollIntoView();");
  screenshot("trend-new-question");

  // The same reasons in Russian and Kazakh.
  // (The report is drawn again in the new language; until then the row may be missing.)
  const auto stopRowStarts = [&](const std::string& prefix) {
    return browser().evalString("const e = document.querySelector(\"" + dropped + "tr.end-row\"); return e ? e.textContent : '';")
               .rfind(prefix, 0) == 0;
  };
  browser().click("#lang-switch button[data-lang='ru']");
  ASSERT_TRUE(browser().waitUntil([&] { return stopRowStarts("Ряд"); }));
  EXPECT_EQ(browser().text(dropped + "tr.end-row"), "Ряд заканчивается: вопрос исключён в версии 2; последний период 2 кв. 2025");
  EXPECT_EQ(browser().text(added + "tr.end-row"),
            "Ряд начинается: новый вопрос в версии 2, с периода 4 кв. 2025; сравнивать с более ранними периодами нельзя");
  browser().click("#lang-switch button[data-lang='kk']");
  ASSERT_TRUE(browser().waitUntil([&] { return stopRowStarts("Қатар"); }));
  EXPECT_EQ(browser().text(dropped + "tr.end-row"), "Қатар аяқталады: сұрақ 2-нұсқада алынып тасталды; соңғы кезең 2025, 2-тоқсан");
  EXPECT_EQ(browser().text(added + "tr.end-row"),
            "Қатар басталады: 2-нұсқадағы жаңа сұрақ, 2025, 4-тоқсан бастап; бұрынғы кезеңдермен салыстыруға болмайды");
}

TEST_F(BrowserTrend, PartialPeriodIsMarkedAndLeftOutAndTheTrendCsvDownloads) {
  const int v2 = importTwoVersions();
  // 2026-Q2 has responses in April only: a partial quarter ("months_missing").
  importAnswers(v2, "2026-04-10", {{2, 2}, {2, 3}, {1, 2}, {2, 2}, {3, 2}, {2, 1}});
  showTrend();
  const std::string access = ".trend-series[data-id='access_find'] ";
  ASSERT_TRUE(browser().waitVisible(access + "circle.point[data-period='2026-Q2']"));
  EXPECT_EQ(browser().findAll(access + "circle.point.partial[data-period='2026-Q2']").size(), 1U) << "a hollow point";
  EXPECT_EQ(browser().evalString("return document.querySelector(\"" + access +
                                 "circle.point[data-period='2026-Q2']\").getAttribute('fill');"),
            "#ffffff");
  EXPECT_TRUE(browser().findAll(access + "circle.point.partial[data-period='2026-Q1']").empty());
  EXPECT_EQ(browser().findAll("#trend-periods th.partial[data-period='2026-Q2']").size(), 1U);
  EXPECT_NE(browser().text("#partial-legend").find("hollow point is a partial period"), std::string::npos);
  EXPECT_NE(row("access_find", "2026-Q2", 0, 1).find("partial period: some months of the period have no responses"),
            std::string::npos);
  EXPECT_EQ(row("access_find", "2026-Q2", 0, 6), "") << "a partial period is not compared";
  EXPECT_EQ(row("access_find", "2026-Q2", 0, 8), "") << "nor with a year before";
  // 2026-Q1 against 2025-Q1: favourable 1 of 6 -> 6 of 6 a year later.
  EXPECT_NE(row("access_find", "2026-Q1", 0, 8), "");
  EXPECT_NE(browser().text(access + ".chance-marks").find("chance alone would mark about"), std::string::npos);
  screenshot("trend-partial");

  browser().click("#trend-csv");
  std::filesystem::path file;
  ASSERT_TRUE(browser().waitUntil([&] {
    for (const auto& entry : std::filesystem::directory_iterator(browser().downloadDir())) {
      if (entry.path().extension() == ".csv") {
        file = entry.path();
        return true;
      }
    }
    return false;
  })) << "no CSV in " << browser().downloadDir();
  const std::string csv = readFile(file.string());
  ASSERT_GE(csv.size(), 3U);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF") << "spreadsheets need the BOM to read UTF-8";
  EXPECT_EQ(csv.find("survey_id,series,id,text,"), 3U) << "English: commas";
  EXPECT_NE(csv.find(",2026-Q2,false,true,months_missing,6,"), std::string::npos);
}

TEST_F(BrowserTrend, ViewAndPeriodAreKeptInTheAddressAndPrinted) {
  importTwoVersions();
  showTrend();
  browser().click("#period option[value='year']");
  browser().click("#show");
  ASSERT_TRUE(browser().waitUntil([&] { return !browser().findAll("#trend-periods td[data-period='2026']").empty(); }));
  EXPECT_EQ(browser().text("#trend-periods td[data-period='2025']"), "20");
  EXPECT_NE(browser().currentUrl().find("view=trend"), std::string::npos) << browser().currentUrl();
  EXPECT_NE(browser().currentUrl().find("period=year"), std::string::npos);

  browser().refresh();
  ASSERT_TRUE(browser().waitVisible("#trend-periods td[data-period='2026']"));
  EXPECT_EQ(browser().property(browser().find("#view"), "value"), "trend");

  browser().emulateMedia("print");
  EXPECT_FALSE(browser().displayed("#filters"));
  EXPECT_TRUE(browser().displayed(".trend-series[data-id='access_find'] svg.trend-chart"));
  EXPECT_TRUE(browser().displayed(".trend-series[data-id='access_find'] table.trend-table"));
  screenshot("print");
  browser().emulateMedia("");
}

}  // namespace
}  // namespace courtvoice::e2e::pages
