#pragma once
// Shared set-up for the browser tests: the real courtvoice-server in a schema of its own
// (server_fixture.hpp) with two courts and a small published survey that has every item type in
// Kazakh, Russian and English, plus a headless Chromium driven through chromedriver
// (webdriver_client.hpp). Screenshots go to <test working dir>/browser-screenshots/ for a person
// to look at.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "server_fixture.hpp"
#include "webdriver_client.hpp"

// A namespace of its own: other e2e files define their own kSurveyId and helpers.
namespace courtvoice::e2e::pages {

inline const std::string kSurveyId = "browser_check";

struct TestCourt {
  std::string code;
  std::string nameKk;
  std::string nameRu;
  std::string nameEn;
  std::string region;
};

// Names without digits, so that a test can tell that a suppressed group shows no numbers.
inline const TestCourt kCourtAlmaty{"BRW-ALM", "Алматы қаласы Алмалы аудандық соты", "Алмалинский районный суд города Алматы",
                                    "Almaly District Court of Almaty", "almaty_city"};
inline const TestCourt kCourtAstana{"BRW-AST", "Астана қаласының мамандандырылған ауданаралық экономикалық соты",
                                    "Специализированный межрайонный экономический суд города Астаны",
                                    "Astana Specialised Inter-district Economic Court", "astana"};

/// The test instrument: every item type, a condition (fair_listened only after appeared = 1),
/// two required items, non-answers, and an index. `titleMark` changes the title (a new version).
inline std::string testDefinition(const std::string& titleMark = "") {
  return R"({
  "id": ")" + kSurveyId + R"(", "audience": "citizen", "languages": ["kk", "ru", "en"], "min_group_size": 5,
  "title": {"kk": "Сот пайдаланушыларының сауалнамасы)" + titleMark + R"(", "ru": "Опрос посетителей суда)" + titleMark +
         R"(", "en": "Court user survey)" + titleMark + R"("},
  "intro": {"kk": "Сауалнама жасырын, шамамен екі минут алады.", "ru": "Опрос анонимный и займёт около двух минут.",
            "en": "Anonymous, about two minutes."},
  "thanks": {"kk": "Рахмет! Жауаптарыңыз сақталды.", "ru": "Спасибо! Ваши ответы сохранены.",
             "en": "Thank you! Your answers have been saved."},
  "items": [
    {"id": "visit_purpose", "type": "single_choice", "dimension": "background", "required": true,
     "text": {"kk": "Бүгін сотқа не үшін келдіңіз?", "ru": "Зачем вы пришли в суд сегодня?", "en": "Why did you come to the court today?"},
     "options": [
       {"code": 1, "label": {"kk": "Сот отырысына", "ru": "На судебное заседание", "en": "For a hearing"}},
       {"code": 2, "label": {"kk": "Құжат алу немесе тапсыру үшін", "ru": "Получить или подать документы", "en": "To get or file documents"}},
       {"code": 3, "label": {"kk": "Ақпарат алу үшін", "ru": "За информацией", "en": "For information"}}]},
    {"id": "access_find", "type": "agreement5", "dimension": "access", "non_answers": ["not_applicable"],
     "text": {"kk": "Сот ғимаратын табу оңай болды.", "ru": "Здание суда было легко найти.", "en": "Finding the courthouse was easy."}},
    {"id": "staff_courtesy", "type": "satisfaction5", "dimension": "access", "non_answers": ["dont_know", "no_opinion"],
     "text": {"kk": "Сот қызметкерлерінің сыпайылығына қаншалықты қанағаттандыңыз?",
              "ru": "Насколько вы удовлетворены вежливостью сотрудников суда?",
              "en": "How satisfied are you with the courtesy of the court staff?"}},
    {"id": "appeared", "type": "single_choice", "dimension": "background", "required": true,
     "text": {"kk": "Бүгін судьяның алдында болдыңыз ба?", "ru": "Вы сегодня выступали перед судьёй?", "en": "Did you appear before a judge today?"},
     "options": [
       {"code": 1, "label": {"kk": "Иә", "ru": "Да", "en": "Yes"}},
       {"code": 2, "label": {"kk": "Жоқ", "ru": "Нет", "en": "No"}}]},
    {"id": "fair_listened", "type": "agreement5", "dimension": "fairness", "show_if": {"item": "appeared", "any_of": [1]},
     "non_answers": ["not_applicable", "dont_know"],
     "text": {"kk": "Судья менің уәжімді тыңдады.", "ru": "Судья выслушал мою позицию.", "en": "The judge listened to my side of the story."}},
    {"id": "trust", "type": "scale0to10", "dimension": "overall",
     "text": {"kk": "Бұл сотқа қаншалықты сенесіз?", "ru": "Насколько вы доверяете этому суду?", "en": "How much do you trust this court?"}},
    {"id": "services", "type": "multiple_choice", "dimension": "background", "non_answers": ["not_applicable"],
     "text": {"kk": "Қандай қызметтерді пайдаландыңыз?", "ru": "Какими услугами вы пользовались?", "en": "Which services did you use?"},
     "options": [
       {"code": 1, "label": {"kk": "Кеңсе", "ru": "Канцелярия", "en": "Registry office"}},
       {"code": 2, "label": {"kk": "Ақпараттық терминал", "ru": "Информационный терминал", "en": "Information kiosk"}},
       {"code": 3, "label": {"kk": "Сот сайты", "ru": "Сайт суда", "en": "Court website"}},
       {"code": 4, "label": {"kk": "Call-орталық", "ru": "Call-центр", "en": "Call centre"}}]},
    {"id": "visits", "type": "number", "dimension": "background", "min": 0, "max": 100, "non_answers": ["dont_know"],
     "text": {"kk": "Соңғы бір жылда сотқа неше рет келдіңіз?", "ru": "Сколько раз за последний год вы приходили в суд?",
              "en": "How many times have you come to the court in the last year?"}},
    {"id": "comment", "type": "text", "dimension": "comment", "max_length": 200,
     "text": {"kk": "Сот жұмысын жақсарту бойынша ұсыныстарыңыз", "ru": "Ваши предложения по улучшению работы суда",
              "en": "Your suggestions for improving the court"}}
  ],
  "indices": [{"id": "access_index", "name": {"kk": "Қолжетімділік индексі", "ru": "Индекс доступности", "en": "Access index"},
               "dimensions": ["access"]}]
})";
}

/// What zbarimg reads in the image: one line per QR code found ("QR-Code:" prefix dropped by --raw).
inline std::vector<std::string> decodeQr(const std::filesystem::path& image) {
  const auto result = runProcess("/usr/bin/zbarimg", {"--raw", "-q", "-Sdisable", "-Sqrcode.enable", image.string()});
  std::vector<std::string> found;
  std::istringstream in(result.output);
  // zbarimg may also print a warning about D-Bus on some machines; keep only the links.
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("http", 0) == 0) found.push_back(line);
  }
  return found;
}

/// One Chromium for the whole test program: starting one takes seconds, a test seconds more. Made
/// on first use, stopped at exit; made again if a test left it unusable.
inline std::unique_ptr<Browser>& sharedBrowserSlot() {
  static std::unique_ptr<Browser> browser;
  return browser;
}

inline Browser& sharedBrowser() {
  auto& slot = sharedBrowserSlot();
  if (slot) {
    try {
      slot->navigate("about:blank");  // also stops the previous test's page and its timers
      return *slot;
    } catch (const std::exception&) {
      slot.reset();  // crashed or wedged (e.g. an alert left open): start a new one
    }
  }
  const auto workDir = std::filesystem::temp_directory_path() / ("courtvoice-browser-" + randomHex(10));
  slot = std::make_unique<Browser>(Browser::Options{1280, 800, workDir.string(), ""});
  return *slot;
}

/// One test: a fresh server (own schema) with the courts and the published survey, and the shared
/// browser reset to a new device's state for the server's origin.
class BrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>();
    addCourts();
    version_ = createAndPublish(testDefinition());
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    testName_ = std::string(info->test_suite_name()) + "." + info->name();
    browser_ = &sharedBrowser();
    // Another test's server may have had the same port, hence the same origin.
    browser_->clearOriginData(server_->baseUrl());
    browser_->emulateMedia("");
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator(browser_->downloadDir(), ignored)) {
      std::filesystem::remove_all(entry.path(), ignored);
    }
    browser_->setViewportSize(1280, 800);  // the kiosk's screen
  }

  void TearDown() override {
    if (HasFailure() && browser_) {
      try {
        screenshot("failure");
      } catch (const std::exception&) {
        // the browser may be the thing that failed
      }
      std::cerr << "server log:\n" << server_->log() << "\n";
    }
    if (browser_) {
      try {
        browser_->navigate("about:blank");
        browser_->clearOriginData(server_->baseUrl());
      } catch (const std::exception&) {
        sharedBrowserSlot().reset();  // the next test starts a new one
      }
    }
    browser_ = nullptr;
    server_.reset();
  }

  Browser& browser() { return *browser_; }
  ServerProcess& server() { return *server_; }
  int version() const { return version_; }

  // ---- admin API ----
  HttpResult admin(const std::string& method, const std::string& path, const std::string& body = "") {
    return http(server_->port(), method, path, body, server_->adminHeaders());
  }

  static std::string courtJson(const TestCourt& c) {
    return R"({"code": ")" + c.code + R"(", "name": {"kk": ")" + c.nameKk + R"(", "ru": ")" + c.nameRu + R"(", "en": ")" +
           c.nameEn + R"("}, "region": ")" + c.region + R"(", "level": "district", "active": true})";
  }

  void addCourts() {
    const auto r = admin("POST", "/api/v1/admin/courts", "[" + courtJson(kCourtAlmaty) + "," + courtJson(kCourtAstana) + "]");
    ASSERT_EQ(r.status, 200) << r.body;
  }

  /// Creates a version of the survey and publishes it; returns its number.
  int createAndPublish(const std::string& definition) {
    const auto created = admin("POST", "/api/v1/admin/surveys", definition);
    if (created.status != 201) throw std::runtime_error("create survey: " + created.body);
    const int v = created.object()->getValue<int>("version");
    const auto published =
        admin("POST", "/api/v1/admin/surveys/" + kSurveyId + "/versions/" + std::to_string(v) + "/publish");
    if (published.status != 200) throw std::runtime_error("publish: " + published.body);
    return v;
  }

  /// Imports paper responses for `court` on `date`, one per access_find value (both required
  /// items answered, appeared = 2 so that fair_listened stays hidden).
  void importResponses(const TestCourt& court, const std::vector<int>& accessFind, const std::string& date = "2025-03-10") {
    std::string list;
    for (std::size_t i = 0; i < accessFind.size(); ++i) {
      if (!list.empty()) list += ",";
      list += R"({"submission_id": "paper-)" + randomHex(16) + R"(", "court": ")" + court.code +
              R"(", "channel": "paper", "language": "ru", "date": ")" + date +
              R"(", "answers": {"visit_purpose": 2, "appeared": 2, "access_find": )" + std::to_string(accessFind[i]) + "}}";
    }
    const auto r = admin("POST", "/api/v1/admin/surveys/" + kSurveyId + "/responses/import",
                         R"({"version": )" + std::to_string(version_) + R"(, "responses": [)" + list + "]}");
    ASSERT_EQ(r.status, 200) << r.body;
  }

  Poco::JSON::Object::Ptr summary(const std::string& query = "") {
    const auto r = admin("GET", "/api/v1/admin/surveys/" + kSurveyId + "/summary" + (query.empty() ? "" : "?" + query));
    if (r.status != 200) throw std::runtime_error("summary: " + r.body);
    return r.object();
  }

  /// Responses counted in the summary (suppressed groups count 0, see analytics/summary.hpp).
  long long totalResponses(const std::string& query = "") { return summary(query)->getValue<long long>("total_responses"); }

  /// Straight from the server's database: to see exactly what was stored, or that nothing was.
  std::string sql(const std::string& statement) { return server_->schema().sql(statement); }
  long long sqlCount(const std::string& statement) { return server_->count(statement); }
  long long storedResponses() { return sqlCount("SELECT COUNT(*) FROM responses"); }

  // ---- pages ----
  std::string url(const std::string& pathAndQuery) const { return server_->baseUrl() + pathAndQuery; }

  /// Opens the dashboard and signs in with `token` (not waiting for what follows).
  void signInToDashboard(const std::string& token) {
    browser_->navigate(url("/dashboard"));
    ASSERT_TRUE(browser_->waitVisible("#token"));
    browser_->sendKeys("#token", token);
    browser_->click("#sign-in");
  }

  /// Opens the survey page and waits until the form is on screen.
  void openSurvey(const std::string& query) {
    browser_->navigate(url("/s/" + kSurveyId + "?" + query));
    ASSERT_TRUE(browser_->waitVisible("#survey-form")) << "the survey form did not appear";
  }

  /// Taps the answer `value` (a code, or "na-not_applicable" style for non-answers) of an item.
  void choose(const std::string& itemId, const std::string& value) {
    browser_->click("label[for='q-" + itemId + "-" + value + "']");
  }
  void choose(const std::string& itemId, int value) { choose(itemId, std::to_string(value)); }

  bool checked(const std::string& itemId, const std::string& value) {
    return browser_->evalBool("return document.getElementById('q-" + itemId + "-" + value + "').checked;");
  }

  void submit() { browser_->click("#submit"); }

  bool waitThanks() { return browser_->waitVisible("#thanks-text", std::chrono::seconds(20)); }

  /// The number of inputs on the form that hold an answer.
  int answeredInputs() {
    return static_cast<int>(browser_->evalNumber(
        "return Array.from(document.querySelectorAll('#survey-form input, #survey-form textarea'))"
        ".filter(i => (i.type === 'radio' || i.type === 'checkbox') ? i.checked : i.value !== '').length;"));
  }

  /// Saves a PNG named after the test under <working dir>/browser-screenshots/.
  std::string screenshot(const std::string& name) {
    const auto dir = std::filesystem::current_path() / "browser-screenshots";
    const std::string path = (dir / (testName_ + "-" + name + ".png")).string();
    browser_->screenshot(path);
    return path;
  }

 private:
  std::unique_ptr<ServerProcess> server_;
  Browser* browser_ = nullptr;  // the shared one
  std::string testName_;
  int version_ = 0;
};

}  // namespace courtvoice::e2e::pages
