// By-hand measurement (not a test, not built by CMake): stores N responses (the court_user
// template's full path: "hearing_role" and its 20 five-point items each) through MySqlResponseStore::submitBatch in batches of 100,
// then reads them all back with readAfter in pages, printing responses/s. Build against a
// Release build of surveys_mysql, e.g. from the repository root:
//   g++ -O2 -std=c++20 -o /tmp/feed_bench bench/storage/feed_bench.cpp -Isurveys/include
//     -Isurveys/mysql/include -DCOURTVOICE_SOURCE_DIR=\"$PWD\" build/rel/surveys/libsurveys_mysql.a
//     build/rel/surveys/libsurveys.a -lmysqlcppconn -lPocoJSON -lPocoFoundation
//   eval "$(scripts/db.sh env DIR)"; COURTVOICE_DB_NAME=courtvoice_feedbench /tmp/feed_bench 200000 load
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "courtvoice/surveys/mysql/migrator.hpp"
#include "courtvoice/surveys/mysql/mysql_config.hpp"
#include "courtvoice/surveys/mysql/mysql_court_store.hpp"
#include "courtvoice/surveys/mysql/mysql_response_store.hpp"
#include "courtvoice/surveys/mysql/mysql_survey_store.hpp"
#include "courtvoice/surveys/definition_json.hpp"

using namespace courtvoice::surveys;
using SteadyClock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const int total = argc > 1 ? std::atoi(argv[1]) : 200000;
  const bool load = argc > 2 ? std::string(argv[2]) == "load" : true;
  // COURTVOICE_DB_* as `scripts/db.sh env DIR` prints them; the schema must exist and be empty.
  mysql::MySqlConfig config = mysql::configFromEnvironment();
  config.poolSize = 2;
  mysql::ConnectionPool pool(config);
  if (load) {
    mysql::Migrator(pool).migrate();
    mysql::MySqlCourtStore courts(pool);
    for (int c = 0; c < 43; ++c) {
      Court court;
      court.code = "C-" + std::to_string(c);
      court.region = "r" + std::to_string(c % 17);
      court.level = "district";
      court.name = {{"en", "Court " + std::to_string(c)}};
      courts.upsert(court);
    }
    std::ifstream in(std::string(COURTVOICE_SOURCE_DIR) + "/surveys/templates/court_user.json");
    std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    SurveyDefinition def = parseDefinition(json);
    mysql::MySqlSurveyStore surveys(pool);
    surveys.createVersion(def);
    surveys.publish(def.id, 1);
    const SurveyDefinition published = *surveys.findPublished(def.id);
    // Answer every five-point item with a code; leave others out. "hearing_role" 1 (a party)
    // shows the fairness items, so the response is the full path a valid one can take.
    std::vector<std::string> scaleItems;
    for (const Item& item : published.items) {
      if (isFivePoint(item.type)) scaleItems.push_back(item.id);
    }
    std::printf("items answered per response: %zu\n", scaleItems.size() + 1);
    mysql::MySqlResponseStore store(pool);
    const auto start = SteadyClock::now();
    constexpr int kBatch = 100;
    for (int b = 0; b < total / kBatch; ++b) {
      std::vector<Response> batch;
      for (int i = b * kBatch; i < (b + 1) * kBatch; ++i) {
        Response r;
        r.submissionId = "bench-" + std::to_string(1000000 + i);
        r.surveyId = published.id;
        r.version = 1;
        r.courtCode = "C-" + std::to_string(i % 43);
        r.channel = Channel::Kiosk;
        r.language = "ru";
        r.givenOn = *Date::parse("2025-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10));
        Answer role;
        role.itemId = "hearing_role";
        role.code = 1;
        r.answers.push_back(role);
        for (std::size_t k = 0; k < scaleItems.size(); ++k) {
          Answer a;
          a.itemId = scaleItems[k];
          a.code = 1 + (i + static_cast<int>(k)) % 5;
          r.answers.push_back(a);
        }
        batch.push_back(std::move(r));
      }
      store.submitBatch(batch);
    }
    const double seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
    std::printf("submitBatch(100) x %d: %.1f s, %.0f responses/s\n", total / kBatch, seconds, total / seconds);
  }
  for (std::size_t limit : {1000UL, 5000UL, 20000UL}) {
    mysql::MySqlResponseStore reader(pool);
    const auto start = SteadyClock::now();
    std::int64_t after = 0;
    std::size_t read = 0, answers = 0;
    for (;;) {
      auto page = reader.readAfter(after, limit);
      if (page.empty()) break;
      after = page.back().sequence;
      read += page.size();
      for (const auto& r : page) answers += r.response.answers.size();
    }
    const double seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
    std::printf("readAfter pages of %zu: %zu responses (%zu answers) in %.2f s = %.0f responses/s\n", limit, read,
                answers, seconds, read / seconds);
  }
  {
    mysql::MySqlResponseStore reader(pool);
    const auto start = SteadyClock::now();
    std::size_t read = 0;
    ResponseQuery query;
    query.surveyId = "court_user";
    reader.forEach(query, [&](const StoredResponse&) { ++read; });
    const double seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
    std::printf("forEach (pages of 2000), for comparison: %zu responses in %.2f s = %.0f responses/s\n", read, seconds,
                read / seconds);
  }
}
