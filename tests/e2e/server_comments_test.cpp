// The comments endpoint over HTTP against the real server and MariaDB: masking, newest first
// with the month only, search (Cyrillic, case-insensitive, on the masked text), the score
// filter, suppression of small cells and courts, paging and bad input.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "e2e_samples.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {
namespace {

const std::string kComments = "/api/v1/admin/surveys/" + kSurveyId + "/comments";

struct Imported {
  std::string court;
  std::string date;
  std::string language;
  int fairness;
  std::string comment;
};

// ALM-01: seven responses, oldest first (imported in this order, so stored in this order);
// five unhappy with fairness (1 or 2), two happy. AST-01: three, under the minimum of 5.
const std::vector<Imported> kResponses = {
    {"ALM-01", "2025-01-15", "ru", 1, "Долгая очередь, звоните +7 (701) 123-45-67"},
    {"ALM-01", "2025-02-03", "kk", 2, "Кезек ұзақ болды"},
    {"ALM-01", "2025-03-20", "ru", 5, "Всё отлично, спасибо"},
    {"ALM-01", "2025-04-11", "en", 1, "Write to me: aigerim.k@mail.kz, IIN 900101300126"},
    {"ALM-01", "2025-05-30", "ru", 2, "ОЧЕРЕДЬ на 2 часа, дело № 2-1234/2025"},
    {"ALM-01", "2025-06-02", "ru", 4, "Скидка 100% на пошлину? Нет, 1000 тенге"},
    {"ALM-01", "2025-07-09", "ru", 1, "Карта 4000 0000 0000 0002 не принята, очередь"},
    {"AST-01", "2025-07-10", "ru", 1, "Астана: очередь"},
    {"AST-01", "2025-07-11", "ru", 2, "Астана: плохо"},
    {"AST-01", "2025-07-12", "ru", 1, "Астана: тел 87011234567"},
};

std::string importBody() {
  std::string body = R"({"version": 1, "responses": [)";
  for (std::size_t i = 0; i < kResponses.size(); ++i) {
    const Imported& r = kResponses[i];
    if (i > 0) body += ",";
    body += R"({"submission_id": "comments-)" + std::to_string(i) + R"(", "court": ")" + r.court +
            R"(", "channel": "paper", "language": ")" + r.language + R"(", "date": ")" + r.date +
            R"(", "answers": {"access_find": 4, "appeared": 1, "fair_listened": )" + std::to_string(r.fairness) +
            R"(, "comment": ")" + r.comment + R"("}})";
  }
  return body + "]}";
}

class CommentsE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    setUpPublishedSurvey(server);
    const auto imported = http(server.port(), "POST", "/api/v1/admin/surveys/" + kSurveyId + "/responses/import",
                               importBody(), server.adminHeaders());
    ASSERT_EQ(imported.status, 200) << imported.body;
  }
  HttpResult get(const std::string& query) { return http(server.port(), "GET", kComments + query, "", server.adminHeaders()); }
  static std::vector<std::string> texts(const HttpResult& r) {
    std::vector<std::string> out;
    const auto list = r.object()->getArray("comments");
    for (std::size_t i = 0; i < list->size(); ++i) out.push_back(list->getObject(static_cast<unsigned>(i))->getValue<std::string>("text"));
    return out;
  }
  ServerProcess server;
};

TEST_F(CommentsE2E, MaskedNewestFirstWithMonthOnlyAndSmallCourtLeftOut) {
  const auto r = get("?lang=en");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.object();
  EXPECT_FALSE(body->getValue<bool>("suppressed"));
  EXPECT_EQ(body->getValue<int>("total"), 7);
  EXPECT_EQ(body->getValue<int>("withheld_courts"), 1);  // AST-01: 3 responses, under 5
  EXPECT_EQ(texts(r), (std::vector<std::string>{
                          "Карта [card] не принята, очередь",
                          "Скидка 100% на пошлину? Нет, 1000 тенге",
                          "ОЧЕРЕДЬ на 2 часа, дело № 2-1234/2025",
                          "Write to me: [e-mail], IIN [IIN]",
                          "Всё отлично, спасибо",
                          "Кезек ұзақ болды",
                          "Долгая очередь, звоните [phone]",
                      }));
  const auto newest = body->getArray("comments")->getObject(0);
  EXPECT_EQ(newest->getValue<std::string>("month"), "2025-07");
  EXPECT_EQ(newest->getValue<std::string>("item_id"), "comment");
  EXPECT_EQ(newest->getValue<std::string>("language"), "ru");
  EXPECT_EQ(newest->getValue<std::string>("court"), "ALM-01");
  EXPECT_EQ(newest->getValue<std::string>("court_name"), "Almaty District Court");
  EXPECT_EQ(newest->getValue<std::string>("region"), "almaty_city");
  EXPECT_EQ(newest->getValue<std::string>("region_name"), "Almaty");
  EXPECT_EQ(body->getArray("comments")->getObject(5)->getValue<std::string>("language"), "kk");
  // No day, no time, nothing unmasked anywhere in the reply.
  EXPECT_EQ(r.body.find("2025-07-09"), std::string::npos);
  EXPECT_EQ(r.body.find("123-45-67"), std::string::npos);
  EXPECT_EQ(r.body.find("mail.kz"), std::string::npos);
  EXPECT_EQ(r.body.find("900101300126"), std::string::npos);
  EXPECT_EQ(r.body.find("Астана:"), std::string::npos);
  EXPECT_EQ(body->getArray("items")->getObject(0)->getValue<std::string>("text"), "Your comment");
  // The items a score filter can use: scales (codes 1-5) and single choices (their options).
  const auto scoreItems = body->getArray("score_items");
  ASSERT_EQ(scoreItems->size(), 3U);
  EXPECT_EQ(scoreItems->getObject(0)->getValue<std::string>("id"), "access_find");
  EXPECT_EQ(scoreItems->getObject(0)->getArray("codes")->size(), 5U);
  const auto appeared = scoreItems->getObject(1);
  EXPECT_EQ(appeared->getValue<std::string>("id"), "appeared");
  EXPECT_EQ(appeared->getArray("codes")->getObject(1)->getValue<int>("code"), 2);
  EXPECT_EQ(appeared->getArray("codes")->getObject(1)->getValue<std::string>("label"), "No");
}

TEST_F(CommentsE2E, SearchIsCaseInsensitiveInCyrillicAndLiteral) {
  const auto queue = get("?q=%D0%BE%D1%87%D0%B5%D1%80%D0%B5%D0%B4%D1%8C");  // "очередь"
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_EQ(texts(queue), (std::vector<std::string>{"Карта [card] не принята, очередь",
                                                    "ОЧЕРЕДЬ на 2 часа, дело № 2-1234/2025",
                                                    "Долгая очередь, звоните [phone]"}));
  EXPECT_EQ(queue.object()->getObject("filters")->getValue<std::string>("q"), "очередь");
  const auto percent = get("?q=100%25");  // "100%": % is a character, not a wildcard
  ASSERT_EQ(percent.status, 200);
  EXPECT_EQ(texts(percent), (std::vector<std::string>{"Скидка 100% на пошлину? Нет, 1000 тенге"}));
  const auto kazakh = get("?q=%D2%B0%D0%97%D0%90%D2%9A");  // "ҰЗАҚ" finds "ұзақ"
  EXPECT_EQ(texts(kazakh), (std::vector<std::string>{"Кезек ұзақ болды"}));
  const auto kezek = get("?q=%D0%BA%D0%B5%D0%B7%D0%B5%D0%BA");  // "кезек" finds "Кезек"
  EXPECT_EQ(texts(kezek), (std::vector<std::string>{"Кезек ұзақ болды"}));
}

TEST_F(CommentsE2E, SearchCannotFindMaskedPersonalData) {
  for (const std::string q : {"701", "123-45", "mail.kz", "aigerim", "900101", "4000", "0002"}) {
    const auto r = get("?q=" + q);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.object()->getValue<int>("total"), 0) << q;
    EXPECT_TRUE(texts(r).empty()) << q;
  }
  // The words around it are found; the tokens themselves are not searchable (the database holds the raw text).
  EXPECT_EQ(texts(get("?q=%D0%B7%D0%B2%D0%BE%D0%BD%D0%B8%D1%82%D0%B5")),  // "звоните"
            (std::vector<std::string>{"Долгая очередь, звоните [phone]"}));
  EXPECT_TRUE(texts(get("?q=%5Bphone%5D")).empty());
}

TEST_F(CommentsE2E, ScoreFilterKeepsRespondentsWithThoseScoresAndSuppressesSmallCells) {
  const auto unhappy = get("?item=fair_listened&score=1,2");
  ASSERT_EQ(unhappy.status, 200) << unhappy.body;
  EXPECT_EQ(texts(unhappy), (std::vector<std::string>{"Карта [card] не принята, очередь",
                                                      "ОЧЕРЕДЬ на 2 часа, дело № 2-1234/2025",
                                                      "Write to me: [e-mail], IIN [IIN]", "Кезек ұзақ болды",
                                                      "Долгая очередь, звоните [phone]"}));
  // Two respondents gave 4 or 5: too few to show what they wrote.
  const auto happy = get("?item=fair_listened&score=4&score=5");
  ASSERT_EQ(happy.status, 200) << happy.body;
  EXPECT_TRUE(happy.object()->getValue<bool>("suppressed"));
  EXPECT_EQ(happy.object()->getValue<std::string>("reason"), "too_few_responses");
  EXPECT_TRUE(texts(happy).empty());
  EXPECT_FALSE(happy.object()->has("total"));
}

TEST_F(CommentsE2E, ScopeUnderTheMinimumShowsNoComment) {
  const auto small = get("?court=AST-01");
  ASSERT_EQ(small.status, 200) << small.body;
  EXPECT_TRUE(small.object()->getValue<bool>("suppressed"));
  EXPECT_EQ(small.object()->getValue<std::string>("reason"), "too_few_responses");
  EXPECT_TRUE(texts(small).empty());
  EXPECT_EQ(small.body.find("Астана:"), std::string::npos);
  // A date range that leaves four responses of ALM-01 (February to May): each of its months holds
  // one response, under the minimum, so the range is refused before any comment is read
  // (disclosure control, docs/api.md "Disclosure control") and the reply holds no comment.
  const auto range = get("?from=2025-02-01&to=2025-05-31");
  EXPECT_EQ(range.status, 400) << range.body;
  EXPECT_EQ(range.errorCode(), "slice_too_small");
  EXPECT_EQ(range.errorField(), "from");
  EXPECT_NE(range.body.find("2025-02"), std::string::npos) << range.body;
  EXPECT_EQ(range.body.find("\"comments\""), std::string::npos) << range.body;
  EXPECT_EQ(range.body.find("[phone]"), std::string::npos);
  EXPECT_EQ(range.body.find("Кезек"), std::string::npos);
  // Responses without a comment bring every month from January to July to the minimum of five
  // (January 1 + 4, February to June 1 + 4 each, July 4 + 1), so that the range, the months
  // before it and the months after it may be shown. They add no comment: February to June still
  // hold the five comments of ALM-01, as before.
  std::string more = R"({"version": 1, "responses": [)";
  int added = 0;
  const auto addTo = [&](const std::string& date, int count) {
    for (int i = 0; i < count; ++i) {
      if (added > 0) more += ",";
      more += R"({"submission_id": "no-comment-)" + std::to_string(added++) + R"(", "court": "ALM-01", "channel": "paper", )"
              R"("language": "ru", "date": ")" + date + R"(", "answers": {"access_find": 4, "appeared": 1, "fair_listened": 3}})";
    }
  };
  for (const std::string month : {"01", "02", "03", "04", "05", "06"}) addTo("2025-" + month + "-20", 4);
  addTo("2025-07-20", 1);
  more += "]}";
  const auto imported =
      http(server.port(), "POST", "/api/v1/admin/surveys/" + kSurveyId + "/responses/import", more, server.adminHeaders());
  ASSERT_EQ(imported.status, 200) << imported.body;
  const auto wider = get("?from=2025-02-01&to=2025-06-30");
  ASSERT_EQ(wider.status, 200) << wider.body;
  EXPECT_FALSE(wider.object()->getValue<bool>("suppressed"));
  EXPECT_EQ(wider.object()->getValue<int>("total"), 5);
}

TEST_F(CommentsE2E, PagesAreCappedAndCounted) {
  const auto first = get("?page_size=3");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.object()->getValue<int>("pages"), 3);
  EXPECT_EQ(first.object()->getValue<int>("page_size"), 3);
  EXPECT_EQ(texts(first).size(), 3U);
  const auto last = get("?page_size=3&page=3");
  EXPECT_EQ(texts(last), (std::vector<std::string>{"Долгая очередь, звоните [phone]"}));
  EXPECT_TRUE(texts(get("?page_size=3&page=4")).empty());
  const auto searched = get("?q=%D0%BE%D1%87%D0%B5%D1%80%D0%B5%D0%B4%D1%8C&page_size=2&page=2");
  EXPECT_EQ(searched.object()->getValue<int>("total"), 3);
  EXPECT_EQ(texts(searched), (std::vector<std::string>{"Долгая очередь, звоните [phone]"}));
  EXPECT_EQ(get("").object()->getValue<int>("page_size"), 50);
}

TEST_F(CommentsE2E, BadInputIsRefusedNamingTheField) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"?page_size=51", "invalid_page_size", "page_size"}, {"?page=0", "invalid_page", "page"},
      {"?page=x", "invalid_page", "page"},                  {"?item=nope&score=1", "unknown_item", "item"},
      {"?item=comment&score=1", "invalid_item", "item"},    {"?item=fair_listened", "missing_score", "score"},
      {"?score=1", "missing_item", "item"},                 {"?item=fair_listened&score=x", "invalid_score", "score"},
      {"?q=" + std::string(101, 'a'), "invalid_query", "q"}, {"?lang=de", "invalid_language", "lang"},
      {"?from=2025-13-01", "invalid_date", "from"},
  };
  for (const auto& [query, code, field] : cases) {
    const auto r = get(query);
    EXPECT_EQ(r.status, 400) << query << " " << r.body;
    EXPECT_EQ(r.errorCode(), code) << query;
    EXPECT_EQ(r.errorField(), field) << query;
  }
  EXPECT_EQ(http(server.port(), "GET", kComments).status, 401);
  EXPECT_EQ(get("").status, 200);
  EXPECT_EQ(http(server.port(), "GET", "/api/v1/admin/surveys/nope/comments", "", server.adminHeaders()).status, 404);
}

TEST_F(CommentsE2E, SurveyNotReportedByCourtNeverNamesACourt) {
  std::string json = kSurveyJson;
  json.replace(json.find("\"e2e_survey\""), 12, "\"e2e_private\", \"report_by_court\": false");
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys", json, server.adminHeaders()).status, 201);
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys/e2e_private/versions/1/publish", "", server.adminHeaders()).status,
            200);
  std::string body = importBody();
  for (std::size_t at = body.find("comments-"); at != std::string::npos; at = body.find("comments-", at + 1)) {
    body.replace(at, 9, "privates-");
  }
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys/e2e_private/responses/import", body, server.adminHeaders()).status,
            200);
  // Two responses of AST-01 without a comment: five outside almaty_city, so that the region filter
  // below does not leave out fewer than the minimum (disclosure control, docs/api.md); the
  // comments stay ten.
  const std::string twoMore =
      R"({"version": 1, "responses": [{"submission_id": "privates-more-0", "court": "AST-01", "channel": "paper", )"
      R"("language": "ru", "date": "2025-07-13", "answers": {"access_find": 4, "appeared": 1, "fair_listened": 3}}, )"
      R"({"submission_id": "privates-more-1", "court": "AST-01", "channel": "paper", "language": "ru", )"
      R"("date": "2025-07-14", "answers": {"access_find": 4, "appeared": 1, "fair_listened": 3}}]})";
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys/e2e_private/responses/import", twoMore, server.adminHeaders()).status,
            200);
  const std::string base = "/api/v1/admin/surveys/e2e_private/comments";
  const auto byCourt = http(server.port(), "GET", base + "?court=ALM-01", "", server.adminHeaders());
  EXPECT_EQ(byCourt.status, 400);
  EXPECT_EQ(byCourt.errorCode(), "not_allowed");
  EXPECT_EQ(byCourt.errorField(), "court");
  const auto all = http(server.port(), "GET", base, "", server.adminHeaders());
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_FALSE(all.object()->getValue<bool>("report_by_court"));
  EXPECT_EQ(all.object()->getValue<int>("total"), 10);  // two courts, ten responses: every court's comments
  const auto first = all.object()->getArray("comments")->getObject(0);
  EXPECT_FALSE(first->has("court"));
  EXPECT_FALSE(first->has("court_name"));
  EXPECT_FALSE(first->has("region"));
  // One region holds one court here: its comments alone come from fewer than two courts.
  const auto region = http(server.port(), "GET", base + "?region=almaty_city", "", server.adminHeaders());
  ASSERT_EQ(region.status, 200) << region.body;
  EXPECT_TRUE(region.object()->getValue<bool>("suppressed"));
}

}  // namespace
}  // namespace courtvoice::e2e
