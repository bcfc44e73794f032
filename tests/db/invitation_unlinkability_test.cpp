// Anonymity by construction: with the whole database in hand, nobody can tell which invitation
// code was spent with which response.
//
// Method. 60 codes are made for one court and 40 of them spent, one response each, in an order
// drawn at random; only this test knows the true pairs. Then every table is read in full, the
// way someone holding a dump would, and each pairing strategy we could think of lines up the
// i-th spent code in one available order (primary key, each column, the server's natural order,
// either direction) with the i-th response in one available order (seq, id, submission_id,
// given_on, natural order, either direction), and counts correct pairs. If the stored data
// carries no information about the pairing, each strategy's count is the number of fixed points
// of a random permutation of 40: about Poisson(1), mean 1, P(>= 10) ~ 1.1e-7. A strategy that
// reaches 10 of 40 is taken as a leak. (The 70 strategies below are about 12 distinct pairings,
// since several orders coincide, e.g. natural = primary key: a chance failure is about 1.3e-6
// per run, so the test is not flaky; a real leak, e.g. per-row stir counts or a spending time,
// scores near 40.) Each strategy's hits are printed.
#include <algorithm>
#include <iostream>
#include <map>
#include <random>

#include <cppconn/resultset_metadata.h>

#include "db/invitation_fixture.hpp"

namespace courtvoice::surveys::testing {
namespace {

class InvitationUnlinkabilityTest : public InvitationTest {
 protected:
  // Rows of a query as strings, every column, in the query's order.
  std::vector<std::vector<std::string>> rows(const std::string& sql) {
    mysql::MySqlConfig config = pool().config();
    sql::ConnectOptionsMap options;
    options["hostName"] = sql::SQLString("tcp://" + config.host + ":" + std::to_string(config.port));
    options["userName"] = sql::SQLString(config.user);
    options["password"] = sql::SQLString(config.password);
    options["schema"] = sql::SQLString(config.database);
    std::unique_ptr<sql::Connection> connection(sql::mysql::get_mysql_driver_instance()->connect(options));
    std::unique_ptr<sql::Statement> statement(connection->createStatement());
    std::unique_ptr<sql::ResultSet> result(statement->executeQuery(sql));
    const unsigned columns = result->getMetaData()->getColumnCount();
    std::vector<std::vector<std::string>> out;
    while (result->next()) {
      std::vector<std::string> row;
      for (unsigned c = 1; c <= columns; ++c) row.push_back(result->isNull(c) ? "" : result->getString(c).asStdString());
      out.push_back(std::move(row));
    }
    return out;
  }

  std::vector<std::string> columnsOf(const std::string& table) {
    std::vector<std::string> names;
    for (const auto& row : rows("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                                " AND TABLE_NAME = '" + table + "' ORDER BY ORDINAL_POSITION")) {
      names.push_back(row[0]);
    }
    return names;
  }
};

TEST_F(InvitationUnlinkabilityTest, NoOrderOfTheStoredDataPairsSpentCodesWithResponses) {
  constexpr int kIssued = 60;
  constexpr int kSpent = 40;
  constexpr int kLeak = 10;
  const auto created = makeBatch(kIssued);
  std::vector<std::string> codes = created.codes;
  std::mt19937_64 random(std::random_device{}());
  std::shuffle(codes.begin(), codes.end(), random);

  // The truth, known only here: response id -> hash of the code spent with it.
  std::map<std::string, std::string> truth;
  for (int i = 0; i < kSpent; ++i) {
    std::string submission = "unlink-";
    for (int k = 0; k < 16; ++k) submission += static_cast<char>('a' + random() % 26);
    const auto result = responses().submit(invited(submission, codes[static_cast<std::size_t>(i)]));
    ASSERT_TRUE(result.created);
    truth[result.responseId] = hashInvitationCode(codes[static_cast<std::size_t>(i)]);
  }

  // What a dump holds. Codes: code_hash, batch_id, spent, stir.
  const std::string spentCodes = "SELECT code_hash, batch_id, spent, stir FROM invitation_codes WHERE spent = 1";
  std::map<std::string, std::vector<std::string>> codeOrders;  // name -> hashes in that order
  for (const auto& [name, order] : std::vector<std::pair<std::string, std::string>>{
           {"natural", ""},
           {"primary key", " ORDER BY code_hash"},
           {"batch index", " ORDER BY batch_id, code_hash"},
           {"stir", " ORDER BY stir, code_hash"},
           {"stir, hash desc", " ORDER BY stir, code_hash DESC"},
       }) {
    for (const auto& row : rows(spentCodes + order)) codeOrders[name].push_back(row[0]);
  }
  // Every spent code carries the same stir: the column says nothing about order.
  EXPECT_EQ(rows("SELECT DISTINCT stir FROM invitation_codes WHERE spent = 1").size(), 1U);

  std::map<std::string, std::vector<std::string>> responseOrders;  // name -> response ids
  for (const auto& [name, order] : std::vector<std::pair<std::string, std::string>>{
           {"natural", ""},
           {"seq", " ORDER BY seq"},
           {"id", " ORDER BY id"},
           {"submission_id", " ORDER BY submission_id"},
           {"given_on, seq", " ORDER BY given_on, seq"},
           {"given_on, id", " ORDER BY given_on, id"},
           {"answers' order", " ORDER BY (SELECT MIN(a.response_seq) FROM answers a WHERE a.response_id = responses.id)"},
       }) {
    for (const auto& row : rows("SELECT id FROM responses" + order)) responseOrders[name].push_back(row[0]);
  }
  ASSERT_EQ(responseOrders["seq"].size(), static_cast<std::size_t>(kSpent));

  int strategies = 0;
  int worst = 0;
  for (auto& [codeName, codeOrder] : codeOrders) {
    ASSERT_EQ(codeOrder.size(), static_cast<std::size_t>(kSpent)) << codeName;
    for (const auto& [responseName, responseOrder] : responseOrders) {
      for (const bool reversed : {false, true}) {
        std::vector<std::string> lined = codeOrder;
        if (reversed) std::reverse(lined.begin(), lined.end());
        int hits = 0;
        for (std::size_t i = 0; i < lined.size(); ++i) hits += truth.at(responseOrder[i]) == lined[i] ? 1 : 0;
        ++strategies;
        worst = std::max(worst, hits);
        std::cout << "codes by " << codeName << (reversed ? " (reversed)" : "") << " vs responses by " << responseName
                  << ": " << hits << " of " << kSpent << " pairs right\n";
        EXPECT_LT(hits, kLeak) << "codes by " << codeName << (reversed ? " (reversed)" : "") << " vs responses by "
                               << responseName;
      }
    }
  }
  std::cout << strategies << " strategies, best " << worst << " of " << kSpent << " (chance: about 1)\n";

  // The schema keeps nothing that orders spending: no time of any kind, no AUTO_INCREMENT, and
  // no column joining responses and codes.
  EXPECT_EQ(columnsOf("invitation_codes"), (std::vector<std::string>{"code_hash", "batch_id", "spent", "stir"}));
  EXPECT_EQ(direct().queryNumber("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                                 " AND TABLE_NAME IN ('invitation_codes', 'invitation_batches')"
                                 " AND (DATA_TYPE IN ('date', 'datetime', 'timestamp', 'time', 'year')"
                                 "      AND COLUMN_NAME <> 'expires_on' OR COLUMN_DEFAULT LIKE '%current_timestamp%'"
                                 "      OR (TABLE_NAME = 'invitation_codes' AND EXTRA LIKE '%auto_increment%'))"),
            0);
  for (const auto& column : columnsOf("responses")) {
    EXPECT_EQ(column.find("invitation"), std::string::npos) << column;
    EXPECT_EQ(column.find("code_hash"), std::string::npos) << column;
  }
  EXPECT_EQ(direct().queryNumber("SELECT COUNT(*) FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE()"
                                 " AND ((TABLE_NAME = 'responses' AND REFERENCED_TABLE_NAME LIKE 'invitation%')"
                                 " OR (TABLE_NAME LIKE 'invitation%' AND REFERENCED_TABLE_NAME IN ('responses', 'answers')))"),
            0);
  // The batch keeps its month, not a day.
  EXPECT_EQ(columnsOf("invitation_batches"),
            (std::vector<std::string>{"id", "survey_id", "court_code", "region", "expires_on", "created_month", "issued"}));
}

}  // namespace
}  // namespace courtvoice::surveys::testing
