// Invitation codes over HTTP against the real server: what an administrator and a staff member see.
#include <gtest/gtest.h>

#include "invitation_samples.hpp"

namespace courtvoice::e2e {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class ServerInvitations : public ::testing::Test {
 protected:
  void SetUp() override {
    setUpPublishedSurvey(server_);
    setUpStaffSurvey(server_);
  }
  HttpResult post(const std::string& path, const std::string& body) { return http(server_.port(), "POST", path, body); }
  HttpResult submitStaff(const std::string& body) {
    return post("/api/v1/surveys/" + kStaffSurveyId + "/responses", body);
  }
  HttpResult checkCode(const std::string& code, const std::string& lang = "en") {
    return post("/api/v1/surveys/" + kStaffSurveyId + "/invitation-check?lang=" + lang,
                R"({"invitation_code": ")" + code + R"("})");
  }
  HttpResult listBatches() {
    return http(server_.port(), "GET", "/api/v1/admin/surveys/" + kStaffSurveyId + "/invitations", "",
                server_.adminHeaders());
  }

  ServerProcess server_;
};

TEST_F(ServerInvitations, AStaffMemberAnswersOnceWithACodeAndAResendIsADuplicate) {
  const auto codes = createInvitations(server_, R"("court": "ALM-01")", 3);
  ASSERT_EQ(codes.size(), 3U);
  for (const auto& code : codes) EXPECT_TRUE(looksLikeInvitationCode(code)) << code;

  const auto check = checkCode(codes[0]);
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_EQ(check.object()->getValue<std::string>("status"), "valid");
  EXPECT_EQ(check.object()->getValue<std::string>("court"), "ALM-01");
  EXPECT_TRUE(check.object()->isNull("region"));
  EXPECT_EQ(check.object()->getValue<std::string>("expires_on"), kFarFuture);
  const auto courts = check.object()->getArray("courts");
  ASSERT_EQ(courts->size(), 1U);
  EXPECT_EQ(courts->getObject(0)->getValue<std::string>("code"), "ALM-01");
  EXPECT_EQ(courts->getObject(0)->getValue<std::string>("name"), "Almaty District Court");

  // Typed by hand: lower case, spaces instead of hyphens.
  std::string typed = codes[0];
  for (char& c : typed) c = c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string body = staffResponse("staff-answer-0001", codeField(typed));
  const auto first = submitStaff(body);
  ASSERT_EQ(first.status, 201) << first.body;
  const auto resent = submitStaff(body);
  ASSERT_EQ(resent.status, 200) << resent.body;
  EXPECT_EQ(resent.object()->getValue<std::string>("status"), "duplicate");
  EXPECT_EQ(resent.object()->getValue<std::string>("response_id"), first.object()->getValue<std::string>("response_id"));

  const auto again = submitStaff(staffResponse("staff-answer-0002", codeField(codes[0])));
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.errorCode(), "invitation_spent");
  EXPECT_EQ(again.errorField(), "invitation_code");
  const auto checkSpent = checkCode(codes[0]);
  EXPECT_EQ(checkSpent.status, 409);
  EXPECT_EQ(checkSpent.errorCode(), "invitation_spent");
  EXPECT_EQ(server_.count("SELECT COUNT(*) FROM responses WHERE survey_id = 'e2e_staff'"), 1);

  // Staff responses carry their month only.
  EXPECT_EQ(server_.count("SELECT COUNT(*) FROM responses WHERE survey_id = 'e2e_staff' AND DAY(given_on) = 1"
                          " AND given_on = DATE_FORMAT(UTC_DATE(), '%Y-%m-01')"),
            1);

  // The administrator sees counts, and nothing that names a code.
  const auto list = listBatches();
  ASSERT_EQ(list.status, 200) << list.body;
  const auto batch = list.object()->getArray("batches")->getObject(0);
  EXPECT_EQ(batch->getValue<int>("issued"), 3);
  EXPECT_EQ(batch->getValue<int>("spent"), 1);
  EXPECT_EQ(batch->getValue<int>("expired"), 0);
  EXPECT_EQ(batch->getValue<std::string>("court"), "ALM-01");
  std::vector<std::string> keys;
  batch->getNames(keys);
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"batch_id", "court", "created_month", "expired", "expires_on", "issued",
                                            "region", "spent", "survey_id"}));
  for (const auto& code : codes) {
    EXPECT_FALSE(contains(list.body, code));
    EXPECT_FALSE(contains(server_.log(), code)) << "a code reached the server log";
  }
}

TEST_F(ServerInvitations, CodesThatAreMissingMalformedUnknownOrForAnotherCourtAreRefused) {
  const auto court = createInvitations(server_, R"("court": "ALM-01")", 2);
  const auto region = createInvitations(server_, R"("region": "astana")", 2);
  const auto refused = [&](const HttpResult& result, int status, const std::string& code) {
    EXPECT_EQ(result.status, status) << result.body;
    EXPECT_EQ(result.errorCode(), code) << result.body;
    EXPECT_EQ(result.errorField(), "invitation_code") << result.body;
  };
  refused(submitStaff(staffResponse("staff-answer-0001", "")), 400, "invitation_required");
  refused(submitStaff(staffResponse("staff-answer-0002", codeField("K7QM-X2PD-9TRH-WC4O"))), 400,
          "invitation_malformed");  // O is no symbol
  refused(submitStaff(staffResponse("staff-answer-0003", codeField("K7QM-X2PD-9TRH"))), 400, "invitation_malformed");
  refused(submitStaff(staffResponse("staff-answer-0004", codeField("K7QM-X2PD-9TRH-WC4N"))), 403, "invitation_unknown");
  refused(submitStaff(staffResponse("staff-answer-0005", codeField(court[0]), "AST-01")), 403, "invitation_unknown");
  refused(submitStaff(staffResponse("staff-answer-0006", codeField(region[0]), "ALM-01")), 403, "invitation_unknown");
  refused(checkCode("K7QM-X2PD-9TRH-WC4N"), 403, "invitation_unknown");
  refused(checkCode("nonsense"), 400, "invitation_malformed");
  EXPECT_EQ(server_.count("SELECT COUNT(*) FROM responses"), 0);
  // Nothing refused was spent.
  EXPECT_EQ(submitStaff(staffResponse("staff-answer-0007", codeField(region[0]), "AST-01")).status, 201);
  EXPECT_EQ(submitStaff(staffResponse("staff-answer-0008", codeField(court[0]), "ALM-01")).status, 201);

  const auto regionCheck = checkCode(region[1], "ru");
  ASSERT_EQ(regionCheck.status, 200) << regionCheck.body;
  EXPECT_TRUE(regionCheck.object()->isNull("court"));
  EXPECT_EQ(regionCheck.object()->getValue<std::string>("region"), "astana");
  EXPECT_EQ(regionCheck.object()->getArray("courts")->getObject(0)->getValue<std::string>("name"), "Районный суд Астаны");

  // A citizen survey stays open to everyone and takes no code.
  const std::string citizenPath = "/api/v1/surveys/" + kSurveyId + "/responses";
  const auto withCode = post(citizenPath, responseJson("citizen-0001", R"({"access_find": 4})", "ALM-01",
                                                       codeField(court[1])));
  refused(withCode, 400, "invitation_not_used");
  EXPECT_EQ(post(citizenPath, responseJson("citizen-0002", R"({"access_find": 4})")).status, 201);
  refused(post("/api/v1/surveys/" + kSurveyId + "/invitation-check", R"({"invitation_code": ")" + court[1] + R"("})"),
          400, "invitation_not_used");
  // The citizen response keeps its day.
  EXPECT_EQ(server_.count("SELECT COUNT(*) FROM responses WHERE survey_id = 'e2e_survey' AND given_on = UTC_DATE()"), 1);
}

TEST_F(ServerInvitations, AnExpiredCodeIsRefusedAndCountedExpired) {
  const auto codes = createInvitations(server_, R"("court": "ALM-01")", 4);
  ASSERT_EQ(submitStaff(staffResponse("staff-answer-0001", codeField(codes[0]))).status, 201);
  server_.sql("UPDATE invitation_batches SET expires_on = '2020-01-31'");
  const auto late = submitStaff(staffResponse("staff-answer-0002", codeField(codes[1])));
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(late.errorCode(), "invitation_expired");
  EXPECT_EQ(checkCode(codes[2]).errorCode(), "invitation_expired");
  // A resend of the response stored before expiry is still a duplicate.
  EXPECT_EQ(submitStaff(staffResponse("staff-answer-0001", codeField(codes[0]))).status, 200);
  const auto batch = listBatches().object()->getArray("batches")->getObject(0);
  EXPECT_EQ(batch->getValue<int>("spent"), 1);
  EXPECT_EQ(batch->getValue<int>("expired"), 3);
}

TEST_F(ServerInvitations, MakingABatchChecksTheSurveyScopeCountAndExpiry) {
  const auto create = [&](const std::string& survey, const std::string& body) {
    return http(server_.port(), "POST", "/api/v1/admin/surveys/" + survey + "/invitations", body, server_.adminHeaders());
  };
  const auto expect = [&](const HttpResult& result, int status, const std::string& code, const std::string& field) {
    EXPECT_EQ(result.status, status) << result.body;
    EXPECT_EQ(result.errorCode(), code) << result.body;
    EXPECT_EQ(result.errorField(), field) << result.body;
  };
  const std::string ok = R"("count": 2, "expires_on": "2099-12-31")";
  expect(create(kSurveyId, R"({"court": "ALM-01", )" + ok + "}"), 409, "invitations_not_used", "");
  expect(create("no_such_survey", R"({"court": "ALM-01", )" + ok + "}"), 404, "survey_not_found", "");
  expect(create(kStaffSurveyId, "{" + ok + "}"), 400, "missing_field", "court");
  expect(create(kStaffSurveyId, R"({"court": "ALM-01", "region": "astana", )" + ok + "}"), 400, "not_allowed", "region");
  expect(create(kStaffSurveyId, R"({"court": "NOPE-01", )" + ok + "}"), 400, "unknown_court", "court");
  expect(create(kStaffSurveyId, R"({"region": "atlantis", )" + ok + "}"), 400, "invalid_region", "region");
  expect(create(kStaffSurveyId, R"({"court": "ALM-01", "count": 5001, "expires_on": "2099-12-31"})"), 413, "too_many",
         "count");
  expect(create(kStaffSurveyId, R"({"court": "ALM-01", "count": 0, "expires_on": "2099-12-31"})"), 400, "out_of_range",
         "count");
  expect(create(kStaffSurveyId, R"({"court": "ALM-01", "count": "3", "expires_on": "2099-12-31"})"), 400, "wrong_type",
         "count");
  expect(create(kStaffSurveyId, R"({"court": "ALM-01", "count": 3})"), 400, "missing_field", "expires_on");
  expect(create(kStaffSurveyId, R"({"court": "ALM-01", "count": 3, "expires_on": "2020-01-01"})"), 400, "out_of_range",
         "expires_on");
  expect(create(kStaffSurveyId, R"({"court": "ALM-01", "count": 3, "expires_on": "2099-02-30"})"), 400, "invalid_date",
         "expires_on");
  EXPECT_EQ(http(server_.port(), "POST", "/api/v1/admin/surveys/" + kStaffSurveyId + "/invitations",
                 R"({"court": "ALM-01", )" + ok + "}")
                .status,
            401);
  EXPECT_EQ(server_.count("SELECT COUNT(*) FROM invitation_batches"), 0);
  EXPECT_EQ(create(kStaffSurveyId, R"({"court": "ALM-01", "count": 5000, "expires_on": "2099-12-31"})").status, 201);
  EXPECT_EQ(server_.count("SELECT COUNT(*) FROM invitation_codes"), 5000);
}

TEST_F(ServerInvitations, TheSlipSheetPrintsEachCodeWithItsLinkAndQrCode) {
  const auto codes = createInvitations(server_, R"("court": "ALM-01")", 12);
  std::string list;
  for (const auto& code : codes) list += (list.empty() ? "\"" : ", \"") + code + "\"";
  const auto sheet = http(server_.port(), "POST", "/api/v1/admin/invitations/slips",
                          R"({"survey": "e2e_staff", "codes": [)" + list + "]}", server_.adminHeaders());
  ASSERT_EQ(sheet.status, 200) << sheet.body;
  EXPECT_TRUE(contains(sheet.header("Content-Type"), "text/html"));
  EXPECT_TRUE(contains(sheet.header("Content-Disposition"), "attachment"));
  for (const auto& code : codes) {
    EXPECT_TRUE(contains(sheet.body, ">" + code + "<")) << code;
    EXPECT_TRUE(contains(sheet.body, "http://127.0.0.1:8080/s/e2e_staff#code=" + code)) << code;
  }
  const auto occurrences = [&](const std::string& part) {
    std::size_t n = 0;
    for (auto at = sheet.body.find(part); at != std::string::npos; at = sheet.body.find(part, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(occurrences("<svg"), 12U);
  EXPECT_EQ(occurrences("class=\"slip\""), 12U);
  EXPECT_EQ(occurrences("class=\"page\""), 2U);  // 10 a page
  for (const char* title : {"Қызметкерлер сауалнамасы", "Опрос сотрудников", "Staff survey"}) {
    EXPECT_TRUE(contains(sheet.body, title)) << title;
  }
  EXPECT_TRUE(contains(sheet.body, "anonymous"));
  EXPECT_FALSE(contains(sheet.body, "<script"));

  const auto forged = http(server_.port(), "POST", "/api/v1/admin/invitations/slips",
                           R"({"survey": "e2e_staff", "codes": ["K7QM-X2PD-9TRH-WC4N"]})", server_.adminHeaders());
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(forged.errorField(), "codes[0]");
}

}  // namespace
}  // namespace courtvoice::e2e
