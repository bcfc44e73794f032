// InvitationService and SubmissionService over the in-memory stores: staff surveys answered
// with single-use codes.
#include <gtest/gtest.h>

#include "courtvoice/server/invitation_service.hpp"
#include "courtvoice/surveys/invitation_code.hpp"
#include "server_fixtures.hpp"

namespace courtvoice::server {
namespace {

using surveys::ErrorKind;
using testing::domainErrorOf;
using testing::responseBody;

const std::string kStaffJson = R"({
  "id": "unit_staff", "audience": "staff", "languages": ["ru", "en"],
  "title": {"ru": "Опрос сотрудников", "en": "Staff survey"},
  "items": [{"id": "workload", "type": "agreement5", "dimension": "workload",
             "text": {"ru": "Нагрузка нормальная.", "en": "My workload is reasonable."}}]
})";

struct InvitationFixture {
  InvitationFixture() {
    courts.upsert(testing::makeCourt("ALM-01", "almaty_city"));
    courts.upsert(testing::makeCourt("ALM-02", "almaty_city"));
    courts.upsert(testing::makeCourt("AST-01", "astana"));
    clock.set({2026, 11, 30});
    admin.publish("unit_staff", admin.createVersion(kStaffJson).version);
    admin.publish("unit_survey", admin.createVersion(testing::kSurveyJson).version);
  }
  std::string staffBody(const std::string& submissionId, const std::string& code, const std::string& court = "ALM-01") {
    return responseBody(submissionId, R"({"workload": 4})", court,
                        code.empty() ? "" : R"("invitation_code": ")" + code + R"(", )");
  }

  surveys::testing::InMemorySurveyStore surveys;
  surveys::testing::InMemoryCourtStore courts;
  surveys::testing::InMemoryInvitationStore invitationStore;
  surveys::testing::InMemoryResponseStore responses{&courts, nullptr, &invitationStore};
  testing::FakeClock clock;
  InvitationService invitations{surveys, courts, invitationStore, clock, "https://example.kz"};
  SubmissionService submission{surveys, responses, courts, clock, {}, &invitations};
  AdminService admin{surveys, responses, courts, clock};
};

TEST(InvitationService, AStaffResponseNeedsAKnownCodeOfItsCourtAndIsDatedByMonth) {
  InvitationFixture f;
  const auto batch = f.invitations.create("unit_staff", {"", "almaty_city"}, 3, {2026, 12, 31});
  ASSERT_EQ(batch.codes.size(), 3U);

  EXPECT_EQ(domainErrorOf([&] { f.submission.submit("unit_staff", f.staffBody("staff-0001", "")); }).code(),
            "invitation_required");
  const auto unknown = domainErrorOf([&] { f.submission.submit("unit_staff", f.staffBody("staff-0002", "K7QM-X2PD-9TRH-WC4N")); });
  EXPECT_EQ(unknown.code(), "invitation_unknown");
  EXPECT_EQ(unknown.kind(), ErrorKind::Forbidden);
  EXPECT_EQ(domainErrorOf([&] { f.submission.submit("unit_staff", f.staffBody("staff-0003", batch.codes[0], "AST-01")); })
                .code(),
            "invitation_unknown");
  EXPECT_EQ(f.responses.size(), 0U);

  EXPECT_TRUE(f.submission.submit("unit_staff", f.staffBody("staff-0004", batch.codes[0], "ALM-02")).created);
  const auto spent = domainErrorOf([&] { f.submission.submit("unit_staff", f.staffBody("staff-0005", batch.codes[0])); });
  EXPECT_EQ(spent.code(), "invitation_spent");
  EXPECT_EQ(spent.kind(), ErrorKind::Conflict);
  EXPECT_FALSE(f.submission.submit("unit_staff", f.staffBody("staff-0004", batch.codes[0], "ALM-02")).created);

  surveys::ResponseQuery query;
  query.surveyId = "unit_staff";
  std::vector<surveys::Date> days;
  f.responses.forEach(query, [&](const surveys::StoredResponse& r) { days.push_back(r.response.givenOn); });
  EXPECT_EQ(days, (std::vector<surveys::Date>{{2026, 11, 1}}));
  const auto listed = f.invitations.list("unit_staff");
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0].spent, 1);
  EXPECT_EQ(listed[0].issued, 3);
}

TEST(InvitationService, CheckTellsWhatACodeOpens) {
  InvitationFixture f;
  const auto batch = f.invitations.create("unit_staff", {"", "almaty_city"}, 1, {2026, 12, 31});
  const auto opening =
      f.invitations.check("unit_staff", R"({"invitation_code": ")" + surveys::formatInvitationCode(batch.codes[0]) + R"("})");
  EXPECT_EQ(opening.scope.region, "almaty_city");
  ASSERT_EQ(opening.courts.size(), 2U);
  EXPECT_EQ(opening.courts[0].code, "ALM-01");
  EXPECT_EQ(opening.courts[1].code, "ALM-02");
  EXPECT_EQ(opening.expiresOn, (surveys::Date{2026, 12, 31}));
  EXPECT_EQ(domainErrorOf([&] { f.invitations.check("unit_staff", R"({})"); }).code(), "invitation_required");
  EXPECT_EQ(domainErrorOf([&] { f.invitations.check("unit_staff", R"({"invitation_code": "0000"})"); }).code(),
            "invitation_malformed");
  EXPECT_EQ(domainErrorOf([&] { f.invitations.check("unit_survey", R"({"invitation_code": "x"})"); }).code(),
            "invitation_not_used");
  f.clock.set({2027, 1, 1});
  f.invitationStore.setToday({2027, 1, 1});
  EXPECT_EQ(domainErrorOf([&] {
              f.invitations.check("unit_staff", R"({"invitation_code": ")" + batch.codes[0] + R"("})");
            }).code(),
            "invitation_expired");
  EXPECT_EQ(f.invitations.list("unit_staff")[0].expired, 1);
}

TEST(InvitationService, ACitizenSurveyTakesNoInvitations) {
  InvitationFixture f;
  const auto error = domainErrorOf([&] { f.invitations.create("unit_survey", {"ALM-01", ""}, 3, {2026, 12, 31}); });
  EXPECT_EQ(error.code(), "invitations_not_used");
  EXPECT_EQ(error.kind(), ErrorKind::Conflict);
  const auto withCode = domainErrorOf([&] {
    f.submission.submit("unit_survey", responseBody("citizen-0001", R"({"access_find": 4})", "ALM-01",
                                                    R"("invitation_code": "K7QM-X2PD-9TRH-WC4N", )"));
  });
  EXPECT_EQ(withCode.code(), "invitation_not_used");
  EXPECT_EQ(withCode.field(), "invitation_code");
  EXPECT_TRUE(f.submission.submit("unit_survey", responseBody("citizen-0002", R"({"access_find": 4})")).created);
}

TEST(InvitationSlips, TenSlipsAPageEachWithItsCodeLinkAndQrCode) {
  SlipSheet sheet{"unit_staff", {{"kk", "Сауалнама"}, {"ru", "Опрос"}, {"en", "Survey <1>"}}, "https://example.kz", {}};
  for (int i = 0; i < 11; ++i) sheet.slips.push_back({surveys::generateInvitationCode(), "ALM-01"});
  const std::string html = renderSlipSheet(sheet);
  const auto count = [&](const std::string& part) {
    std::size_t n = 0;
    for (auto at = html.find(part); at != std::string::npos; at = html.find(part, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("class=\"page\""), 2U);
  EXPECT_EQ(count("class=\"slip\""), 11U);
  EXPECT_EQ(count("<svg"), 11U);
  EXPECT_EQ(count("Survey &lt;1&gt;"), 11U);
  EXPECT_EQ(count("Survey <1>"), 0U);
  const std::string code = surveys::formatInvitationCode(sheet.slips[3].code);
  EXPECT_NE(html.find("https://example.kz/s/unit_staff#code=" + code), std::string::npos);
  EXPECT_EQ(invitationsCsv("https://example.kz", "unit_staff", {sheet.slips[3].code}),
            "code,link\n" + code + ",https://example.kz/s/unit_staff#code=" + code + "\n");
}

}  // namespace
}  // namespace courtvoice::server
