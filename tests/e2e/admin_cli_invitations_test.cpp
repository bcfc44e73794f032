// courtvoice-admin invitations: making a batch into a CSV and a slip sheet, and listing batches.
#include <gtest/gtest.h>

#include <sstream>

#include "invitation_samples.hpp"
#include "temp_file.hpp"

namespace courtvoice::e2e {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class AdminCliInvitations : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(runAdmin({"migrate"}, env()).exitCode, 0);
    const auto courts =
        runAdmin({"import-courts", std::string(COURTVOICE_SOURCE_DIR) + "/surveys/templates/courts.csv"}, env());
    ASSERT_EQ(courts.exitCode, 0) << courts.output;
    for (const auto* json : {&kStaffSurveyJson, &kSurveyJson}) {
      const TempFile survey(".json", *json);
      const auto imported = runAdmin({"import-survey", survey.path()}, env());
      ASSERT_EQ(imported.exitCode, 0) << imported.output;
    }
    ASSERT_EQ(runAdmin({"publish", kStaffSurveyId, "1"}, env()).exitCode, 0);
  }
  Env env() const {
    Env environment = schema_.environment();
    environment["COURTVOICE_PUBLIC_BASE_URL"] = "https://survey.example.kz/";
    return environment;
  }

  TestSchema schema_;
};

TEST_F(AdminCliInvitations, CreateWritesEachCodeOnceToTheCsvAndTheSlipSheet) {
  const TempFile csv(".csv", "");
  const TempFile slips(".html", "");
  const auto created = runAdmin({"invitations", "create", kStaffSurveyId, "--court=ABA-OC", "--count=12",
                                 "--expires=" + kFarFuture, "--csv=" + csv.path(), "--slips=" + slips.path()},
                                env());
  ASSERT_EQ(created.exitCode, 0) << created.output;
  EXPECT_TRUE(contains(created.output, "12 codes")) << created.output;

  std::istringstream lines(readFile(csv.path()));
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "code,link");
  const std::string html = readFile(slips.path());
  int count = 0;
  while (std::getline(lines, line)) {
    ++count;
    const std::string code = line.substr(0, line.find(','));
    EXPECT_TRUE(looksLikeInvitationCode(code)) << line;
    EXPECT_EQ(line.substr(line.find(',') + 1), "https://survey.example.kz/s/e2e_staff#code=" + code);
    EXPECT_TRUE(contains(html, ">" + code + "<")) << code;
    EXPECT_FALSE(contains(created.output, code)) << "codes go to the files only";
  }
  EXPECT_EQ(count, 12);
  EXPECT_TRUE(contains(html, "Abai Regional Court") || contains(html, "Суд области Абай"));
  EXPECT_EQ(schema_.count("SELECT COUNT(*) FROM invitation_codes"), 12);

  const auto list = runAdmin({"invitations", "list", kStaffSurveyId}, env());
  ASSERT_EQ(list.exitCode, 0) << list.output;
  EXPECT_TRUE(contains(list.output, "court ABA-OC")) << list.output;
  EXPECT_TRUE(contains(list.output, kFarFuture)) << list.output;
  EXPECT_TRUE(contains(list.output, "12")) << list.output;
}

TEST_F(AdminCliInvitations, MistakesExitWithTheirStatusAndMakeNoCodes) {
  const TempFile csv(".csv", "");
  const auto run = [&](std::vector<std::string> args) { return runAdmin(args, env()); };
  const std::vector<std::string> common = {"--count=3", "--expires=" + kFarFuture, "--csv=" + csv.path()};
  const auto with = [&](std::vector<std::string> args) {
    args.insert(args.end(), common.begin(), common.end());
    return run(args);
  };
  EXPECT_EQ(with({"invitations", "create", kSurveyId, "--court=ABA-OC"}).exitCode, 65);  // citizen survey
  EXPECT_EQ(with({"invitations", "create", kStaffSurveyId}).exitCode, 64);                // no scope
  EXPECT_EQ(with({"invitations", "create", kStaffSurveyId, "--court=ABA-OC", "--region=abai"}).exitCode, 64);
  EXPECT_EQ(with({"invitations", "create", kStaffSurveyId, "--court=NOPE"}).exitCode, 65);
  EXPECT_EQ(run({"invitations", "create", kStaffSurveyId, "--court=ABA-OC", "--count=3", "--csv=" + csv.path()}).exitCode,
            64);  // no --expires
  EXPECT_EQ(run({"invitations", "create", kStaffSurveyId, "--court=ABA-OC", "--count=5001", "--expires=" + kFarFuture,
                 "--csv=" + csv.path()})
                .exitCode,
            64);
  EXPECT_EQ(run({"invitations", "create", kStaffSurveyId, "--court=ABA-OC", "--count=3", "--expires=2020-01-01",
                 "--csv=" + csv.path()})
                .exitCode,
            65);
  EXPECT_EQ(with({"invitations", "create", kStaffSurveyId, "--court=ABA-OC", "--slips=/nonexistent/dir/s.html"}).exitCode,
            73);
  EXPECT_EQ(run({"invitations", "list", kStaffSurveyId, "--court=ABA-OC"}).exitCode, 64);
  EXPECT_EQ(run({"invitations", "remove", kStaffSurveyId}).exitCode, 64);
  EXPECT_EQ(schema_.count("SELECT COUNT(*) FROM invitation_codes"), 0);

  const auto help = run({"invitations", "--help"});
  EXPECT_EQ(help.exitCode, 0);
  EXPECT_TRUE(contains(help.output, "--expires")) << help.output;
}

}  // namespace
}  // namespace courtvoice::e2e
