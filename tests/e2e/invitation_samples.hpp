#pragma once
// A staff survey answered with invitation codes, and helpers the invitation tests share.
#include <regex>
#include <string>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "e2e_samples.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {

inline const std::string kStaffSurveyId = "e2e_staff";

inline const std::string kStaffSurveyJson = R"({
  "id": "e2e_staff", "audience": "staff", "languages": ["kk", "ru", "en"], "min_group_size": 10,
  "title": {"kk": "Қызметкерлер сауалнамасы", "ru": "Опрос сотрудников", "en": "Staff survey"},
  "items": [
    {"id": "workload", "type": "agreement5", "dimension": "workload",
     "text": {"kk": "Жүктеме қалыпты.", "ru": "Нагрузка нормальная.", "en": "My workload is reasonable."}}
  ]
})";

/// A day that stays in the future for the life of this code.
inline const std::string kFarFuture = "2099-12-31";

/// "K7QM-X2PD-9TRH-WC4N": 16 symbols of 2-9 and A-Z without I and O, in groups of 4.
inline bool looksLikeInvitationCode(const std::string& code) {
  static const std::regex pattern("[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}");
  return std::regex_match(code, pattern);
}

/// Creates and publishes kStaffSurveyJson over HTTP (courts must be loaded).
inline void setUpStaffSurvey(const ServerProcess& server) {
  const auto created = http(server.port(), "POST", "/api/v1/admin/surveys", kStaffSurveyJson, server.adminHeaders());
  if (created.status != 201) throw std::runtime_error("create staff survey: " + created.body);
  const auto published =
      http(server.port(), "POST", "/api/v1/admin/surveys/" + kStaffSurveyId + "/versions/1/publish", "", server.adminHeaders());
  if (published.status != 200) throw std::runtime_error("publish staff survey: " + published.body);
}

/// Makes a batch over HTTP and returns its codes as shown (with hyphens).
inline std::vector<std::string> createInvitations(const ServerProcess& server, const std::string& scopeJson, int count) {
  const auto created = http(server.port(), "POST", "/api/v1/admin/surveys/" + kStaffSurveyId + "/invitations",
                            "{" + scopeJson + R"(, "count": )" + std::to_string(count) + R"(, "expires_on": ")" +
                                kFarFuture + R"("})",
                            server.adminHeaders());
  if (created.status != 201) throw std::runtime_error("create invitations: " + created.body);
  std::vector<std::string> codes;
  const auto list = created.object()->getArray("codes");
  for (std::size_t i = 0; i < list->size(); ++i) {
    codes.push_back(list->getObject(static_cast<unsigned>(i))->getValue<std::string>("code"));
  }
  return codes;
}

/// A staff response body with `codeJson` (e.g. R"("invitation_code": "...", )") before the answers.
inline std::string staffResponse(const std::string& submissionId, const std::string& codeJson,
                                 const std::string& court = "ALM-01") {
  return responseJson(submissionId, R"({"workload": 4})", court, codeJson);
}

inline std::string codeField(const std::string& code) { return R"("invitation_code": ")" + code + R"(", )"; }

}  // namespace courtvoice::e2e
