// MySqlCourtStore, and Kazakh / Russian / 4-byte UTF-8 text through every table.
#include "courtvoice/surveys/mysql/mysql_court_store.hpp"
#include "courtvoice/surveys/mysql/mysql_response_store.hpp"
#include "courtvoice/surveys/mysql/mysql_survey_store.hpp"
#include "db/db_fixture.hpp"
#include "db/db_samples.hpp"

namespace courtvoice::surveys::testing {
namespace {

using mysql::MySqlCourtStore;
using mysql::MySqlResponseStore;
using mysql::MySqlSurveyStore;

class CourtStoreTest : public DbTest {};

// Kazakh letters outside Russian (ә ғ қ ң ө ұ ү һ і), Russian, and emoji (4 bytes in UTF-8).
const std::string kKazakh = "Алматы қаласының мамандандырылған ауданаралық әкімшілік соты: ә ғ қ ң ө ұ ү һ і 🏛";
const std::string kRussian = "Специализированный межрайонный административный суд г. Алматы ё Ё 👩‍⚖️";

TEST_F(CourtStoreTest, InsertsThenUpdatesByCode) {
  MySqlCourtStore store(pool());
  Court court = makeCourt("ALM-SMAS-01", "almaty_city");
  store.upsert(court);
  court.name["en"] = "Renamed court";
  court.region = "almaty_region";
  court.level = "specialised";
  court.active = false;
  store.upsert(court);
  store.upsert(makeCourt("AST-01", "astana"));

  EXPECT_EQ(rowCount("courts"), 2);
  const auto found = store.find("ALM-SMAS-01");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name.at("en"), "Renamed court");
  EXPECT_EQ(found->name.at("kk"), "Сот ALM-SMAS-01");
  EXPECT_EQ(found->region, "almaty_region");
  EXPECT_EQ(found->level, "specialised");
  EXPECT_FALSE(found->active);
  EXPECT_FALSE(store.find("NOPE"));
  // Codes compare exactly: a lower-case variant is another (unknown) court.
  EXPECT_FALSE(store.find("alm-smas-01"));

  const auto all = store.list();
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all[0].code, "ALM-SMAS-01");
  EXPECT_EQ(all[1].code, "AST-01");
  EXPECT_TRUE(all[1].active);
}

TEST_F(CourtStoreTest, KeepsOnlyTheNamesGiven) {
  MySqlCourtStore store(pool());
  Court court = makeCourt("KRG-01", "karaganda");
  court.name = {{"ru", "Суд"}};
  store.upsert(court);
  const auto found = store.find("KRG-01");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, (LocalizedText{{"ru", "Суд"}}));
}

TEST_F(CourtStoreTest, KazakhRussianAndEmojiRoundTripThroughEveryTable) {
  MySqlCourtStore courts(pool());
  MySqlSurveyStore surveys(pool());
  MySqlResponseStore responses(pool());

  Court court = makeCourt("ALM-SMAS-01", "almaty_city");
  court.name = texts(kKazakh, kRussian, "Court 🏛");
  courts.upsert(court);

  SurveyDefinition def = sampleDefinition();
  def.title = texts("Сот пайдаланушыларының сауалнамасы 📝", "Опрос посетителей суда «Доверие»", "Survey");
  def.items[3].options[0].label = texts("Тарап (талапкер, жауапкер) 👤", "Сторона (истец, ответчик)", "Party");
  surveys.createVersion(def);

  Response response = makeResponse("utf8-submission-1", "ALM-SMAS-01", "2025-03-14");
  response.language = "kk";
  const std::string comment = "Рахмет! Барлығы жақсы өтті, қызметкерлер сыпайы 👍😀. Спасибо, всё хорошо.";
  response.answers.push_back(textAnswer("comment", comment));
  responses.submit(response);

  const auto foundCourt = courts.find("ALM-SMAS-01");
  ASSERT_TRUE(foundCourt);
  EXPECT_EQ(foundCourt->name.at("kk"), kKazakh);
  EXPECT_EQ(foundCourt->name.at("ru"), kRussian);
  EXPECT_EQ(foundCourt->name.at("en"), "Court 🏛");

  const auto foundDef = surveys.findVersion("court_user", 1);
  ASSERT_TRUE(foundDef);
  EXPECT_EQ(foundDef->title, def.title);
  EXPECT_EQ(foundDef->items[3].options[0].label, def.items[3].options[0].label);
  EXPECT_EQ(foundDef->items[0].text.at("kk"), "Сұрақ access_find");

  std::vector<std::string> comments;
  responses.forEach(makeQuery("court_user"), [&](const StoredResponse& stored) {
    const Answer* answer = stored.response.findAnswer("comment");
    ASSERT_NE(answer, nullptr);
    comments.push_back(answer->text);
  });
  ASSERT_EQ(comments.size(), 1U);
  EXPECT_EQ(comments[0], comment);
  // Stored as utf8mb4 characters, not re-encoded bytes: the server counts the same bytes and
  // the same characters (UTF-8 lead bytes, counted here) as the text sent.
  std::size_t characters = 0;
  for (const char byte : comment) {
    if ((static_cast<unsigned char>(byte) & 0xC0U) != 0x80U) ++characters;
  }
  EXPECT_EQ(direct().queryNumber("SELECT LENGTH(text) FROM answers WHERE item_id = 'comment'"),
            static_cast<long long>(comment.size()));
  EXPECT_EQ(direct().queryNumber("SELECT CHAR_LENGTH(text) FROM answers WHERE item_id = 'comment'"),
            static_cast<long long>(characters));
}

}  // namespace
}  // namespace courtvoice::surveys::testing
