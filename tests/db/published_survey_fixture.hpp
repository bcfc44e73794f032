#pragma once
// A migrated schema with courts in two regions and version 1 of sampleDefinition(), published:
// where the response store and feed tests start.
#include "courtvoice/surveys/mysql/mysql_court_store.hpp"
#include "courtvoice/surveys/mysql/mysql_survey_store.hpp"
#include "db/db_fixture.hpp"
#include "db/db_samples.hpp"

namespace courtvoice::surveys::testing {

class PublishedSurveyTest : public DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    mysql::MySqlCourtStore courts(pool());
    courts.upsert(makeCourt("ALM-01", "almaty_city"));
    courts.upsert(makeCourt("ALM-02", "almaty_city"));
    courts.upsert(makeCourt("AST-01", "astana"));
    mysql::MySqlSurveyStore surveys(pool());
    surveys.createVersion(sampleDefinition());
    surveys.publish("court_user", 1);
  }
};

}  // namespace courtvoice::surveys::testing
