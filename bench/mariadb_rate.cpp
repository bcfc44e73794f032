// MariaDB's own rate for the rows one court-user submission writes (a response row and its 24
// answer rows, numbered from the `sequences` row as the store does), with no server in between:
//   single: one transaction per response (what a server committing alone can at best do)
//   batch:  100 responses per transaction in multi-row prepared INSERTs (what group commit aims at)
// Writes into the tables of COURTVOICE_DB_NAME (a bench schema: the rows stay, prefixed "raw-").
// Usage: bench_mariadb_rate single|batch RESPONSES [BATCH=100] [RUN_TAG]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <stdexcept>
#include <memory>
#include <string>
#include <vector>

#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_connection.h>

namespace {

std::string env(const char* name, const std::string& fallback = "") {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

struct AnswerRow {
  std::string item;
  int seq = 0;
  int code = 0;            // used unless text or nonAnswer is set
  std::string text;
  std::string nonAnswer;
};

// The answers bench/post_responses.lua sends (reasons has two codes).
std::vector<AnswerRow> answersOf(int counter) {
  const int a = counter % 5 + 1;
  std::vector<AnswerRow> rows = {
      {"role", 0, 1, "", ""},          {"case_type", 0, 1, "", ""},      {"visit_frequency", 0, 2, "", ""},
      {"reasons", 0, 1, "", ""},       {"reasons", 1, 3, "", ""},        {"access_find", 0, a, "", ""},
      {"access_find_room", 0, 4, "", ""}, {"access_signs", 0, a, "", ""}, {"access_info_clear", 0, 0, "", "not_applicable"},
      {"access_safe", 0, 5, "", ""},   {"access_waiting", 0, 3, "", ""}, {"access_hours", 0, 4, "", ""},
      {"staff_courtesy", 0, a, "", ""}, {"staff_helpful", 0, 4, "", ""}, {"appeared", 0, 1, "", ""},
      {"fair_handled", 0, 4, "", ""},  {"fair_listened", 0, a, "", ""},  {"fair_equal", 0, 5, "", ""},
      {"fair_understood", 0, 4, "", ""}, {"hearing_on_time", 0, 3, "", ""}, {"confidence", 0, 4, "", ""},
      {"overall", 0, a, "", ""},       {"recommend", 0, counter % 11, "", ""},
      {"comment", 0, 0, "Нагрузочный тест / жүктеме сынағы", ""}};
  // In key order (response_seq, item_id, seq), as the store sends them: InnoDB then fills pages
  // instead of splitting them in half (docs/engineering-notes.md).
  std::sort(rows.begin(), rows.end(),
            [](const AnswerRow& x, const AnswerRow& y) { return x.item != y.item ? x.item < y.item : x.seq < y.seq; });
  return rows;
}

std::string placeholders(std::size_t rows, int columns) {
  std::string one = "(";
  for (int c = 0; c < columns; ++c) one += c == 0 ? "?" : ",?";
  one += ")";
  std::string out;
  for (std::size_t r = 0; r < rows; ++r) out += (r == 0 ? "" : ",") + one;
  return out;
}

std::string hexId(unsigned long long a, unsigned long long b) {
  char buffer[33];
  std::snprintf(buffer, sizeof buffer, "%016llx%016llx", a, b);
  return buffer;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s single|batch RESPONSES [BATCH=100] [RUN_TAG]\n", argv[0]);
    return 64;
  }
  const std::string mode = argv[1];
  const std::size_t total = std::stoul(argv[2]);
  const std::size_t batch = mode == "single" ? 1 : (argc > 3 ? std::stoul(argv[3]) : 100);
  const std::string tag = argc > 4 ? argv[4] : std::to_string(std::time(nullptr));
  const std::string courts[] = {"AST-ESL", "AST-SAR", "ALA-MED", "ALA-ALM", "SHY-ALF", "KAR-KAZ"};
  try {
    sql::Driver* driver = get_driver_instance();
    sql::ConnectOptionsMap options;
    options["userName"] = env("COURTVOICE_DB_USER", "courtvoice");
    options["password"] = env("COURTVOICE_DB_PASSWORD");
    options["schema"] = env("COURTVOICE_DB_NAME", "courtvoice");
    if (!env("COURTVOICE_DB_SOCKET").empty()) {
      options["hostName"] = "unix://" + env("COURTVOICE_DB_SOCKET");
    } else {
      options["hostName"] = "tcp://" + env("COURTVOICE_DB_HOST", "127.0.0.1") + ":" + env("COURTVOICE_DB_PORT", "3306");
    }
    std::unique_ptr<sql::Connection> db(driver->connect(options));
    db->setAutoCommit(false);
    std::unique_ptr<sql::PreparedStatement> takeSeq(
        db->prepareStatement("UPDATE sequences SET value = LAST_INSERT_ID(value + ?) WHERE name = 'responses'"));
    std::unique_ptr<sql::PreparedStatement> lastId(db->prepareStatement("SELECT LAST_INSERT_ID()"));
    const std::size_t answersPer = answersOf(0).size();
    std::unique_ptr<sql::PreparedStatement> insertResponses(db->prepareStatement(
        "INSERT INTO responses (id, submission_id, survey_id, version, court_code, channel, language, given_on, seq) "
        "VALUES " + placeholders(batch, 9)));
    std::unique_ptr<sql::PreparedStatement> insertAnswers(db->prepareStatement(
        "INSERT INTO answers (response_seq, response_id, item_id, seq, code, number, text, non_answer) VALUES " +
        placeholders(batch * answersPer, 8)));
    std::unique_ptr<sql::Statement> plain(db->createStatement());
    int version = 0;
    {
      std::unique_ptr<sql::ResultSet> rs(plain->executeQuery(
          "SELECT version FROM survey_versions WHERE survey_id = 'court_user' AND status = 'published'"));
      if (!rs->next()) throw std::runtime_error("court_user has no published version in this schema");
      version = rs->getInt(1);
    }
    db->commit();

    const auto start = std::chrono::steady_clock::now();
    std::size_t counter = 0;
    for (std::size_t done = 0; done + batch <= total; done += batch) {
      takeSeq->setUInt64(1, batch);
      takeSeq->executeUpdate();
      std::unique_ptr<sql::ResultSet> rs(lastId->executeQuery());
      rs->next();
      const long long last = rs->getInt64(1);
      const long long first = last - static_cast<long long>(batch) + 1;
      int r = 1;
      int p = 1;
      for (std::size_t i = 0; i < batch; ++i, ++counter) {
        const long long seq = first + static_cast<long long>(i);
        const std::string id = hexId(std::hash<std::string>{}(tag + mode), counter);
        insertResponses->setString(r++, id);
        insertResponses->setString(r++, "raw-" + tag + "-" + mode + "-" + std::to_string(counter));
        insertResponses->setString(r++, "court_user");
        insertResponses->setInt(r++, version);
        insertResponses->setString(r++, courts[counter % 6]);
        insertResponses->setString(r++, "kiosk");
        insertResponses->setString(r++, "ru");
        insertResponses->setString(r++, "2026-11-30");
        insertResponses->setInt64(r++, seq);
        for (const AnswerRow& row : answersOf(static_cast<int>(counter))) {
          insertAnswers->setInt64(p++, seq);
          insertAnswers->setString(p++, id);
          insertAnswers->setString(p++, row.item);
          insertAnswers->setInt(p++, row.seq);
          if (row.text.empty() && row.nonAnswer.empty()) insertAnswers->setInt(p++, row.code);
          else insertAnswers->setNull(p++, sql::DataType::INTEGER);
          insertAnswers->setNull(p++, sql::DataType::DOUBLE);
          if (!row.text.empty()) insertAnswers->setString(p++, row.text);
          else insertAnswers->setNull(p++, sql::DataType::VARCHAR);
          if (!row.nonAnswer.empty()) insertAnswers->setString(p++, row.nonAnswer);
          else insertAnswers->setNull(p++, sql::DataType::VARCHAR);
        }
      }
      insertResponses->executeUpdate();
      insertAnswers->executeUpdate();
      db->commit();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("mariadb_%s responses %zu in %.2f s: %.0f responses/s, %.0f answer rows/s (%zu per transaction)\n",
                mode.c_str(), counter, seconds, static_cast<double>(counter) / seconds,
                static_cast<double>(counter * answersPer) / seconds, batch);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_mariadb_rate: %s\n", e.what());
    return 1;
  }
}
