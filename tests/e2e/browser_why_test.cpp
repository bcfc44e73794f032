// The dashboard's "drivers" and "crossed" views in a real headless Chromium (English: the
// browser is en-US). The data and what they must show come from tests/fixtures/why_statistics.py.
#include <gtest/gtest.h>

#include <string>

#include "browser_support.hpp"
#include "why_samples.hpp"

namespace courtvoice::e2e::pages {
namespace {

class BrowserWhy : public BrowserTest {
 protected:
  void showView(const std::string& view, const std::string& visible) {
    setUpWhySurvey(server());
    signInToDashboard(server().adminToken());
    ASSERT_TRUE(browser().waitVisible("#survey option[value='" + kWhySurveyId + "']"));
    browser().click("#survey option[value='" + kWhySurveyId + "']");
    browser().click("#view option[value='" + view + "']");
    browser().click("#show");
    ASSERT_TRUE(browser().waitVisible(visible)) << "the " << view << " view did not appear";
  }
};

TEST_F(BrowserWhy, QuadrantChartNamesTheHighImportanceLowPerformanceItemsFirst) {
  showView("drivers", "svg.drivers-chart");
  const auto fixture = whyFixture();
  const auto order = fixture->getArray("order");
  ASSERT_EQ(order->getElement<std::string>(0), "acc_signs");  // the fixture's priority item
  // The chart's points, in document order: the priority item first, numbered 1 and labelled.
  const auto points = browser().findAll("svg.drivers-chart g.drivers-point");
  ASSERT_EQ(points.size(), 4U);
  EXPECT_EQ(browser().evalString("return document.querySelector('svg.drivers-chart g.drivers-point').getAttribute('data-item');"),
            "acc_signs");
  EXPECT_EQ(browser().evalString(
                "return document.querySelector('svg.drivers-chart g.drivers-point .drivers-label').textContent;"),
            "1. Signs are clear");
  EXPECT_EQ(browser().evalString(
                "return document.querySelector('svg.drivers-chart g.drivers-point').getAttribute('data-quadrant');"),
            "priority");
  EXPECT_EQ(browser().text(".drivers-priority"), "Improve first (important, performing poorly): Signs are clear");
  // Both median lines are drawn, and the priority point is above the importance median and left
  // of the performance median.
  EXPECT_EQ(browser().findAll("svg.drivers-chart line.drivers-median").size(), 2U);
  EXPECT_TRUE(browser().evalBool(
      "const c = document.querySelector(\"g.drivers-point[data-item='acc_signs'] circle\");"
      "const [h, v] = document.querySelectorAll('svg.drivers-chart line.drivers-median');"
      "return Number(c.getAttribute('cy')) < Number(h.getAttribute('y1')) && Number(c.getAttribute('cx')) < Number(v.getAttribute('x1'));"));
  // The table lists the items in the same order with r, rho, n and % favourable.
  EXPECT_EQ(browser().text(".drivers-table tbody tr:nth-child(1) th"), "Signs are clear");
  EXPECT_EQ(browser().text(".drivers-table tbody tr:nth-child(1) td:nth-child(2)"), "Priority");
  EXPECT_EQ(browser().text(".drivers-table tbody tr:nth-child(1) td:nth-child(3)"), "0.82 (0.73 … 0.88)");
  EXPECT_EQ(browser().text(".drivers-table tbody tr:nth-child(1) td:nth-child(5)"), "80");
  EXPECT_EQ(browser().text(".drivers-table tbody tr:nth-child(1) td:nth-child(6)"), "15.0");
  ASSERT_TRUE(browser().waitVisible(".drivers-alpha table"));
  char alpha[16];
  std::snprintf(alpha, sizeof alpha, "%.2f", fixture->getValue<double>("alpha"));
  EXPECT_EQ(browser().text(".drivers-alpha tr[data-scale='access_index'] td.alpha"), alpha);
  screenshot("drivers");
}

TEST_F(BrowserWhy, CrossedTableMarksHiddenCells) {
  showView("crossed", "table.crossed-table");
  EXPECT_EQ(browser().property(browser().find("#crossed-group"), "value"), "region");
  browser().click("#crossed-group option[value='item:role']");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().findAll(".crossed-table tbody tr[data-key='3']").size() == 1; }));
  browser().click("#crossed-by option[value='month']");
  ASSERT_TRUE(browser().waitUntil([&] {
    return browser().findAll(".crossed-table thead th[data-key='2025-06']").size() == 1 &&
           browser().findAll(".crossed-table tbody tr[data-key='3']").size() == 1;
  }));
  // The 3 lawyers' cells are under the minimum: marked hidden, no figure.
  for (const auto& cell : browser().findAll(".crossed-table tbody tr[data-key='3'] td[data-suppressed]")) {
    EXPECT_EQ(browser().text(cell), "hidden");
  }
  EXPECT_GE(browser().findAll(".crossed-table td.cell-suppressed").size(), 1U);
  EXPECT_GE(browser().findAll(".crossed-table td[data-suppressed='false']").size(), 1U);
  EXPECT_EQ(browser().text(".crossed-table tbody tr[data-key='1'] th"), "Party");
  screenshot("crossed");
}

}  // namespace
}  // namespace courtvoice::e2e::pages
