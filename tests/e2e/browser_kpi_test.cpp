// The KPI page (/dashboard/kpi) in a real headless Chromium, on the demo: the three strategy KPIs,
// each with its value and interval or "not enough data", the milestone due, a status badge that
// says its status in words as well as colour, and a trend line; a KPI defined through the form,
// with a mistake named at its field first.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "browser_support.hpp"

namespace courtvoice::e2e::pages {
namespace {

class BrowserKpi : public BrowserTest {
 protected:
  void loadDemoAndOpen() {
    const auto demo = runAdmin({"demo", "--responses=150"}, server().schema().environment());
    ASSERT_EQ(demo.exitCode, 0) << demo.output;
    browser().navigate(url("/dashboard/kpi"));
    ASSERT_TRUE(browser().waitVisible("#token"));
    browser().sendKeys("#token", server().adminToken());
    browser().click("#sign-in");
    ASSERT_TRUE(browser().waitVisible("#kpi-cards .kpi-card[data-kpi='staff_engagement'] svg.kpi-chart"));
  }

  std::string cardText(const std::string& id, const std::string& css) {
    return browser().text(".kpi-card[data-kpi='" + id + "'] " + css);
  }
};

TEST_F(BrowserKpi, ShowsTheThreeDemoKpisWithValueStatusAndTrend) {
  loadDemoAndOpen();  // the browser is en-US: English
  screenshot("kpi-page");
  EXPECT_EQ(browser().evalNumber("return document.querySelectorAll('.kpi-card').length;"), 3);
  const std::set<std::string> words = {"On track", "At risk", "Off track", "Not enough data"};
  for (const std::string id : {"citizen_satisfaction", "fairness_index", "staff_engagement"}) {
    SCOPED_TRACE(id);
    const std::string status = browser().evalString(
        "return document.querySelector(\".kpi-card[data-kpi='" + id + "']\").dataset.status;");
    const std::string badge = cardText(id, ".kpi-status");
    EXPECT_TRUE(words.contains(badge)) << badge;
    EXPECT_TRUE(browser().evalBool("return document.querySelector(\".kpi-card[data-kpi='" + id +
                                   "'] .kpi-status\").classList.contains('kpi-status-" + status + "');"));
    EXPECT_EQ(cardText(id, ".kpi-scope"), "Whole country");
    EXPECT_NE(cardText(id, ".kpi-due").find("Milestone due on "), std::string::npos);
    // A value with its interval and n (the demo's country-wide figures are large enough).
    const std::string value = cardText(id, ".kpi-value");
    EXPECT_NE(value.find("n = "), std::string::npos) << value;
    EXPECT_NE(value.find("–"), std::string::npos) << value;
    // The trend line: a dashed plan to 2029 with its milestones and target, and the actual points.
    EXPECT_EQ(browser().evalNumber("return document.querySelectorAll(\".kpi-card[data-kpi='" + id +
                                   "'] svg.kpi-chart circle.milestone\").length;"), 3);
    EXPECT_GE(browser().evalNumber("return document.querySelectorAll(\".kpi-card[data-kpi='" + id +
                                   "'] svg.kpi-chart circle.point\").length;"), 1);
  }
  EXPECT_EQ(cardText("citizen_satisfaction", "h2"), "Citizens' overall satisfaction");
  EXPECT_NE(cardText("citizen_satisfaction", ".kpi-value").find("%"), std::string::npos);

  // The same page in Russian.
  browser().click("#lang-switch button[data-lang='ru']");
  ASSERT_TRUE(browser().waitUntil([&] { return cardText("fairness_index", "h2") == "Индекс справедливости"; }));
  EXPECT_EQ(cardText("fairness_index", ".kpi-scope"), "Вся страна");
  const std::set<std::string> russian = {"По плану", "Под угрозой", "Отстаёт от плана", "Недостаточно данных"};
  EXPECT_TRUE(russian.contains(cardText("fairness_index", ".kpi-status")));
}

TEST_F(BrowserKpi, DefinesAKpiThroughTheFormAfterAMistakeIsNamed) {
  loadDemoAndOpen();
  browser().click("#kpi-add");
  ASSERT_TRUE(browser().waitVisible("#kpi-form"));
  browser().sendKeys("#kpi-id", "almaty_fairness");
  browser().sendKeys("#kpi-name-kk", "Алматы: әділдік");
  browser().sendKeys("#kpi-name-ru", "Алматы: справедливость");
  browser().sendKeys("#kpi-name-en", "Almaty: fairness");
  browser().click("#kpi-survey option[value='court_user']");
  browser().click("#kpi-kind option[value='index']");
  ASSERT_TRUE(browser().waitVisible("#kpi-target option[value='fairness_index']"));
  browser().click("#kpi-target option[value='fairness_index']");
  browser().click("#kpi-scope-kind option[value='region']");
  ASSERT_TRUE(browser().waitVisible("#kpi-scope-region"));
  browser().click("#kpi-scope-region option[value='almaty_city']");
  browser().click("#kpi-period option[value='year']");
  browser().sendKeys("#kpi-baseline-period", "2025");
  browser().sendKeys("#kpi-baseline-value", "60,5");
  browser().sendKeys("#kpi-milestones", "2026: 62, 2027: 64");
  browser().sendKeys("#kpi-target-year", "2029");
  browser().sendKeys("#kpi-target-value", "120");
  browser().sendKeys("#kpi-changed-by", "Aigerim");
  browser().click("#kpi-save");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#kpi-form-errors").find("target.value") != std::string::npos; }));
  EXPECT_TRUE(browser().evalBool("return document.getElementById('kpi-target-value').classList.contains('invalid');"));

  browser().clear(browser().find("#kpi-target-value"));
  browser().sendKeys("#kpi-target-value", "70");
  browser().click("#kpi-save");
  ASSERT_TRUE(browser().waitVisible(".kpi-card[data-kpi='almaty_fairness']"));
  EXPECT_EQ(cardText("almaty_fairness", ".kpi-scope"), "Region: Almaty");
  const auto stored = admin("GET", "/api/v1/admin/kpis/almaty_fairness");
  ASSERT_EQ(stored.status, 200) << stored.body;
  const auto kpi = stored.object();
  EXPECT_EQ(kpi->getValue<std::string>("changed_by"), "Aigerim");
  EXPECT_EQ(kpi->getObject("baseline")->getValue<double>("value"), 60.5);
  EXPECT_EQ(kpi->getArray("milestones")->size(), 2U);
  EXPECT_EQ(kpi->getObject("scope")->getValue<std::string>("region"), "almaty_city");
}

}  // namespace
}  // namespace courtvoice::e2e::pages
