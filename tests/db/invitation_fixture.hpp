#pragma once
// A published staff survey next to PublishedSurveyTest's citizen one, with the stores the
// invitation tests use.
#include "courtvoice/surveys/invitation_code.hpp"
#include "courtvoice/surveys/mysql/mysql_invitation_store.hpp"
#include "courtvoice/surveys/mysql/mysql_response_store.hpp"
#include "db/published_survey_fixture.hpp"

namespace courtvoice::surveys::testing {

class InvitationTest : public PublishedSurveyTest {
 protected:
  static constexpr const char* kStaffSurvey = "staff_pulse";

  void SetUp() override {
    PublishedSurveyTest::SetUp();
    SurveyDefinition def = sampleDefinition(kStaffSurvey);
    def.audience = Audience::Staff;
    mysql::MySqlSurveyStore surveys(pool());
    surveys.createVersion(def);
    surveys.publish(kStaffSurvey, 1);
    invitations_ = std::make_unique<mysql::MySqlInvitationStore>(pool());
    responses_ = std::make_unique<mysql::MySqlResponseStore>(pool());
  }

  void TearDown() override {
    responses_.reset();
    invitations_.reset();
    PublishedSurveyTest::TearDown();
  }

  mysql::MySqlInvitationStore& invitations() { return *invitations_; }
  mysql::MySqlResponseStore& responses() { return *responses_; }

  static Date today() { return SystemClock().today(); }
  static Date adjacentMonth(int direction) {
    // The first day of the next (direction > 0) or the previous month: clearly after or before today.
    Date date = today();
    date.day = 1;
    date.month += direction > 0 ? 1 : -1;
    if (date.month == 13) {
      date.month = 1;
      ++date.year;
    } else if (date.month == 0) {
      date.month = 12;
      --date.year;
    }
    return date;
  }

  CreatedInvitations makeBatch(int count, InvitationScope scope = {"ALM-01", ""}, std::optional<Date> expires = {},
                               const std::string& survey = kStaffSurvey) {
    return invitations().createBatch({survey, scope, count, expires.value_or(adjacentMonth(+1)), today()});
  }

  static Response invited(const std::string& submissionId, const std::string& code, const std::string& court = "ALM-01") {
    Response response = makeResponse(submissionId, court, "2026-01-01", 1, kStaffSurvey);
    response.invitationHash = hashInvitationCode(code);
    return response;
  }

 private:
  std::unique_ptr<mysql::MySqlInvitationStore> invitations_;
  std::unique_ptr<mysql::MySqlResponseStore> responses_;
};

}  // namespace courtvoice::surveys::testing
