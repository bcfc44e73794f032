#include "courtvoice/server/demo_data.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <stdexcept>
#include <string>

#include "courtvoice/surveys/response_validation.hpp"

namespace courtvoice::server {

using surveys::Answer;
using surveys::Item;
using surveys::ItemType;
using surveys::Response;

namespace {

// std::mt19937_64's output sequence is fixed by the standard (unlike std::*_distribution), so
// the demo data are the same with every standard library.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  double uniform() {  // [0, 1)
    return static_cast<double>(engine_() >> 11U) * 0x1.0p-53;
  }
  int between(int low, int high) {  // inclusive
    return low + static_cast<int>(uniform() * static_cast<double>(high - low + 1));
  }
  bool chance(double p) { return uniform() < p; }
  double normal() {  // Box-Muller
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
  }
  template <typename T>
  const T& pick(const std::vector<T>& values) {
    return values[static_cast<std::size_t>(between(0, static_cast<int>(values.size()) - 1))];
  }

 private:
  std::mt19937_64 engine_;
};

const std::map<std::string, std::vector<std::string>>& comments() {
  static const std::map<std::string, std::vector<std::string>> kComments = {
      {"kk",
       {"Қызметкерлер сыпайы әрі көмекші болды.", "Сот отырысы кешігіп басталды, ұзақ күттік.",
        "Ғимаратта бағыттаушы белгілер жеткіліксіз.", "Бәрі түсінікті болды, рахмет.",
        "Күту залында орын аз.", "Сайттағы ақпарат пайдалы болды."}},
      {"ru",
       {"Сотрудники были вежливы и помогли.", "Заседание началось с опозданием, долго ждали.",
        "Не хватает указателей в здании.", "Всё было понятно, спасибо.", "В зале ожидания мало мест.",
        "Информация на сайте оказалась полезной.", "Судья внимательно выслушал обе стороны."}},
      {"en",
       {"Staff were polite and helpful.", "The hearing started late; we waited a long time.",
        "Signs inside the building are hard to follow.", "Everything was clear, thank you.",
        "Not enough seats in the waiting area."}},
  };
  return kComments;
}

int clampRound(double value, int low, int high) {
  return std::clamp(static_cast<int>(std::lround(value)), low, high);
}

// A non-answer the item allows, chosen at random.
surveys::NonAnswer someNonAnswer(const Item& item, Random& random) {
  const std::vector<surveys::NonAnswer> allowed(item.allowedNonAnswers.begin(), item.allowedNonAnswers.end());
  return random.pick(allowed);
}

std::optional<Answer> answerFor(const Item& item, double mood, const std::string& language, Random& random) {
  Answer answer;
  answer.itemId = item.id;
  if (!item.allowedNonAnswers.empty() && item.type != ItemType::Text && random.chance(0.05)) {
    answer.nonAnswer = someNonAnswer(item, random);
    return answer;
  }
  switch (item.type) {
    case ItemType::Agreement5:
    case ItemType::Satisfaction5:
    case ItemType::Scale5:
      answer.code = clampRound(mood + 0.8 * random.normal(), 1, 5);
      return answer;
    case ItemType::Scale0to10:
      answer.code = clampRound((mood - 1.0) * 2.5 + 1.5 * random.normal(), 0, 10);
      return answer;
    case ItemType::SingleChoice:
      // Earlier options are the common ones in the shipped instruments (e.g. "party", "first time").
      answer.code = item.options[static_cast<std::size_t>(
                                     std::min(random.between(0, static_cast<int>(item.options.size()) - 1),
                                              random.between(0, static_cast<int>(item.options.size()) - 1)))]
                        .code;
      return answer;
    case ItemType::MultipleChoice: {
      std::vector<int> codes;
      for (const auto& option : item.options) codes.push_back(option.code);
      const int wanted = std::min(static_cast<int>(codes.size()), random.chance(0.7) ? 1 : random.between(2, 3));
      while (static_cast<int>(answer.codes.size()) < wanted) {
        const int code = random.pick(codes);
        if (std::find(answer.codes.begin(), answer.codes.end(), code) == answer.codes.end()) answer.codes.push_back(code);
      }
      std::sort(answer.codes.begin(), answer.codes.end());
      return answer;
    }
    case ItemType::Number: {
      // Small values are the usual ones (visits, years): a skew towards the minimum.
      const double share = random.uniform() * random.uniform();
      answer.number = std::round(item.min + share * (item.max - item.min));
      return answer;
    }
    case ItemType::Text: {
      if (!item.required && !random.chance(0.2)) return std::nullopt;
      const auto it = comments().find(language);
      const auto& pool = it != comments().end() ? it->second : comments().at("ru");
      answer.text = random.pick(pool);
      // Cut on a code point boundary if the item allows less.
      std::size_t points = 0;
      std::size_t cut = answer.text.size();
      for (std::size_t i = 0; i < answer.text.size(); ++i) {
        if ((static_cast<unsigned char>(answer.text[i]) & 0xC0U) == 0x80U) continue;
        if (points == static_cast<std::size_t>(item.maxLength)) {
          cut = i;
          break;
        }
        ++points;
      }
      answer.text.resize(cut);
      return answer;
    }
  }
  return std::nullopt;
}

}  // namespace

surveys::Date addDays(const surveys::Date& date, int days) {
  using namespace std::chrono;
  const sys_days start = year_month_day{year{date.year}, month{static_cast<unsigned>(date.month)},
                                        day{static_cast<unsigned>(date.day)}};
  const year_month_day moved{start + std::chrono::days{days}};
  return {static_cast<int>(moved.year()), static_cast<int>(static_cast<unsigned>(moved.month())),
          static_cast<int>(static_cast<unsigned>(moved.day()))};
}

std::vector<Response> generateDemoResponses(const surveys::SurveyDefinition& def,
                                            const std::vector<surveys::Court>& courts, const surveys::Date& today,
                                            const DemoOptions& options) {
  std::vector<surveys::Court> active;
  for (const auto& court : courts) {
    if (court.active) active.push_back(court);
  }
  if (active.empty()) throw std::invalid_argument("the demo needs at least one active court");
  std::sort(active.begin(), active.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
  const bool citizens = def.audience == surveys::Audience::Citizen;

  // Each court's own level, the same in every version and survey (a well-run court stays one):
  // most courts near the middle, a few clearly better or worse. Busy courts (first-instance ones)
  // get more citizens' responses.
  Random courtRandom(options.seed);
  std::vector<double> effect;
  std::vector<double> weight;
  for (const auto& court : active) {
    effect.push_back(0.45 * courtRandom.normal());
    weight.push_back(court.level == "district" || court.level == "specialised" ? 3.0 : 1.0);
  }
  double totalWeight = 0;
  for (double w : weight) totalWeight += w;
  // Another version gets other answers (and so do the seeds of its people).
  Random random(options.seed + 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(def.version));

  const int improvementDays = options.improvementDays > 0 ? options.improvementDays : options.newestDaysAgo + options.days;
  const std::vector<std::string>& languages = def.languages;
  std::vector<Response> responses;
  responses.reserve(options.count);
  for (std::size_t n = 0; n < options.count; ++n) {
    Response response;
    char id[80];
    std::snprintf(id, sizeof id, "demo-%s-v%d-%06zu", def.id.substr(0, 40).c_str(), def.version, n + 1);
    response.submissionId = id;
    response.surveyId = def.id;
    response.version = def.version;

    std::size_t courtIndex = 0;
    if (citizens) {
      double target = random.uniform() * totalWeight;
      while (courtIndex + 1 < active.size() && target >= weight[courtIndex]) target -= weight[courtIndex++];
    } else {
      courtIndex = n % active.size();  // everyone is invited; about as many answer in each court
    }
    response.courtCode = active[courtIndex].code;

    const double channelDraw = random.uniform();
    response.channel = !citizens            ? surveys::Channel::Paper
                       : channelDraw < 0.45 ? surveys::Channel::Kiosk
                       : channelDraw < 0.80 ? surveys::Channel::Web
                                            : surveys::Channel::Paper;
    // Russian and Kazakh about equally, English rarely, among the survey's languages.
    const double languageDraw = random.uniform();
    const std::string wanted = languageDraw < 0.47 ? "ru" : languageDraw < 0.92 ? "kk" : "en";
    response.language =
        std::find(languages.begin(), languages.end(), wanted) != languages.end() ? wanted : languages.front();

    const int daysAgo = options.newestDaysAgo + random.between(0, std::max(0, options.days - 1));
    response.givenOn = addDays(today, -daysAgo);
    // Results improve by about a third of a point over the period (a visible, modest trend).
    const double trend = 0.35 * (1.0 - static_cast<double>(daysAgo) / std::max(1, improvementDays));
    const double mood = 3.45 + effect[courtIndex] + trend + 0.7 * random.normal();

    for (const Item& item : def.items) {
      if (!surveys::isVisible(item, response)) continue;
      // Optional items are sometimes skipped; required ones never.
      if (!item.required && item.type != ItemType::Text && random.chance(0.03)) continue;
      if (auto answer = answerFor(item, mood, response.language, random)) response.answers.push_back(std::move(*answer));
    }
    responses.push_back(std::move(response));
  }
  return responses;
}

DemoOptions demoEditionOptions(surveys::Audience audience, int edition, int editions, std::size_t activeCourts,
                               std::size_t citizenResponses) {
  // The demo period: 24 months (730 days) up to today; the last 6 months (183 days) are the
  // newest edition's, months 7 to 24 the earlier ones'.
  constexpr int kPeriod = 730;
  constexpr int kRecent = 183;
  constexpr int kOlderStart = 213;  // 7 months ago
  const bool last = edition >= editions;
  DemoOptions options;
  options.improvementDays = kPeriod;
  if (audience == surveys::Audience::Citizen) {
    options.count = citizenResponses;
    options.newestDaysAgo = last ? 0 : kOlderStart;
    options.days = last ? (editions == 1 ? kPeriod : kRecent) : kPeriod - kOlderStart;
    return options;
  }
  // Staff and judges: one four-week wave per edition, about 13 months ago and 1-2 months ago.
  options.count = activeCourts * (audience == surveys::Audience::Judge ? 8U : 12U);
  options.newestDaysAgo = last ? 30 : 395;
  options.days = 28;
  return options;
}

}  // namespace courtvoice::server
