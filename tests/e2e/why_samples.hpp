#pragma once
// The survey and responses of the "understanding why" tests (server_why_test, browser_why_test):
// four access items that land one in each importance/performance quadrant, the overall item and
// a role, 80 responses from tests/fixtures/why_statistics.json (made by why_statistics.py with
// the alpha, correlations and quadrants they must give).
#include <string>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "e2e_samples.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {

inline const std::string kWhySurveyId = "why_survey";

inline std::string whyAgreement(const std::string& id, const std::string& kk, const std::string& ru,
                                const std::string& en) {
  return R"({"id": ")" + id + R"(", "type": "agreement5", "dimension": "access", "text": {"kk": ")" + kk +
         R"(", "ru": ")" + ru + R"(", "en": ")" + en + R"("}})";
}

inline std::string whySurveyJson() {
  return R"({"id": "why_survey", "audience": "citizen", "languages": ["kk", "ru", "en"], "min_group_size": 5,
  "title": {"kk": "Себептер", "ru": "Причины", "en": "Reasons"},
  "intro": {"kk": "Анонимді.", "ru": "Анонимно.", "en": "Anonymous."},
  "items": [
    {"id": "role", "type": "single_choice", "dimension": "background",
     "options": [{"code": 1, "label": {"kk": "Тарап", "ru": "Сторона", "en": "Party"}},
                 {"code": 2, "label": {"kk": "Куә", "ru": "Свидетель", "en": "Witness"}},
                 {"code": 3, "label": {"kk": "Адвокат", "ru": "Адвокат", "en": "Lawyer"}}],
     "text": {"kk": "Рөліңіз", "ru": "Ваша роль", "en": "Your role"}},
    )" + whyAgreement("acc_signs", "Белгілер анық", "Указатели понятны", "Signs are clear") + ",\n" +
         whyAgreement("acc_staff", "Қызметкерлер көмектесті", "Сотрудники помогли", "Staff helped") + ",\n" +
         whyAgreement("acc_parking", "Тұрақ бар", "Есть парковка", "Parking is available") + ",\n" +
         whyAgreement("acc_website", "Сайт пайдалы", "Сайт полезен", "The website is useful") + R"(,
    {"id": "overall", "type": "satisfaction5", "dimension": "overall",
     "text": {"kk": "Жалпы қанағаттану", "ru": "Общая удовлетворённость", "en": "Overall satisfaction"}}
  ],
  "indices": [{"id": "access_index", "name": {"kk": "Қолжетімділік", "ru": "Доступность", "en": "Access"},
               "dimensions": ["access"]}]
})";
}

/// The "e2e" part of the fixture: rows, expected alpha, items, order.
inline Poco::JSON::Object::Ptr whyFixture() {
  const std::string text = readFile(std::string(COURTVOICE_SOURCE_DIR) + "/tests/fixtures/why_statistics.json");
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>()->getObject("e2e");
}

/// Loads the courts, creates and publishes the survey and imports the fixture's 80 responses.
inline void setUpWhySurvey(const ServerProcess& server) {
  const auto courts = http(server.port(), "POST", "/api/v1/admin/courts", kCourtsJson, server.adminHeaders());
  if (courts.status != 200) throw std::runtime_error("courts: " + courts.body);
  const auto created = http(server.port(), "POST", "/api/v1/admin/surveys", whySurveyJson(), server.adminHeaders());
  if (created.status != 201) throw std::runtime_error("create: " + created.body);
  const int version = created.object()->getValue<int>("version");
  const std::string base = "/api/v1/admin/surveys/" + kWhySurveyId;
  const auto published =
      http(server.port(), "POST", base + "/versions/" + std::to_string(version) + "/publish", "", server.adminHeaders());
  if (published.status != 200) throw std::runtime_error("publish: " + published.body);

  const auto rows = whyFixture()->getArray("rows");
  std::string body = R"({"version": )" + std::to_string(version) + R"(, "responses": [)";
  for (unsigned i = 0; i < rows->size(); ++i) {
    const auto row = rows->getObject(i);
    const auto answers = row->getObject("answers");
    std::string list = R"("role": )" + std::to_string(row->getValue<int>("role"));
    for (const auto& name : answers->getNames()) list += ", \"" + name + "\": " + std::to_string(answers->getValue<int>(name));
    body += std::string(i == 0 ? "" : ",") + R"({"submission_id": "why-)" + std::to_string(1000000 + i) +
            R"(", "court": ")" + row->getValue<std::string>("court") + R"(", "channel": "paper", "language": "ru", "date": ")" +
            row->getValue<std::string>("date") + R"(", "answers": {)" + list + "}}";
  }
  body += "]}";
  const auto imported = http(server.port(), "POST", base + "/responses/import", body, server.adminHeaders());
  if (imported.status != 200) throw std::runtime_error("import: " + imported.body);
}

}  // namespace courtvoice::e2e
