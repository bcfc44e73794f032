#pragma once
// The 25-item survey the in-process benchmarks summarise, and a seeded generator of answers, so
// that bench_summary_bench and bench_engine_bench measure the same data shape.
#include <algorithm>
#include <functional>
#include <string>

#include "courtvoice/surveys/response.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::bench {

inline surveys::Item item(const std::string& id, surveys::ItemType type, const std::string& dimension) {
  surveys::Item it;
  it.id = id;
  it.type = type;
  it.dimension = dimension;
  it.allowedNonAnswers = {surveys::NonAnswer::NotApplicable, surveys::NonAnswer::DontKnow};
  it.text = {{"en", id}};
  return it;
}

/// 25 items: 8 access and 5 fairness agreement items (fairness shown to those who appeared),
/// 4 satisfaction items, appeared, 2 scales 0-10, 2 numbers, a multiple choice, 2 texts.
inline surveys::SurveyDefinition definition() {
  using surveys::ItemType;
  surveys::SurveyDefinition def;
  def.id = "court_user";
  def.version = 1;
  def.languages = {"en"};
  def.title = {{"en", "Bench"}};
  for (int i = 0; i < 8; ++i) def.items.push_back(item("access_" + std::to_string(i), ItemType::Agreement5, "access"));
  surveys::Item appeared = item("appeared", ItemType::SingleChoice, "background");
  appeared.options = {{1, {{"en", "yes"}}}, {2, {{"en", "no"}}}};
  def.items.push_back(appeared);
  for (int i = 0; i < 5; ++i) {
    surveys::Item fair = item("fair_" + std::to_string(i), ItemType::Agreement5, "fairness");
    fair.showIf = surveys::Condition{"appeared", {1}};
    def.items.push_back(fair);
  }
  for (int i = 0; i < 4; ++i) def.items.push_back(item("service_" + std::to_string(i), ItemType::Satisfaction5, "service"));
  def.items.push_back(item("recommend", ItemType::Scale0to10, "overall"));
  def.items.push_back(item("trust", ItemType::Scale0to10, "overall"));
  surveys::Item visits = item("visits", ItemType::Number, "background");
  visits.max = 100;
  def.items.push_back(visits);
  surveys::Item wait = item("wait_minutes", ItemType::Number, "background");
  wait.max = 600;
  def.items.push_back(wait);
  surveys::Item channels = item("channels", ItemType::MultipleChoice, "background");
  channels.options = {{1, {{"en", "a"}}}, {2, {{"en", "b"}}}, {3, {{"en", "c"}}}, {4, {{"en", "d"}}}};
  def.items.push_back(channels);
  def.items.push_back(item("comment", ItemType::Text, "comment"));
  def.items.push_back(item("suggestion", ItemType::Text, "comment"));
  def.indices.push_back({"access_index", {{"en", "Access"}}, {"access"}});
  def.indices.push_back({"fairness_index", {{"en", "Fairness"}}, {"fairness"}});
  def.indices.push_back({"overall_index", {{"en", "Overall"}}, {"access", "fairness", "service"}});
  return def;
}

/// Answers of one respondent: about 4% skipped, 4% not applicable, some courts better than
/// others (`court % 3 == 0`), fairness items only after "appeared" = 1. `roll(lo, hi)` draws.
inline void addAnswers(const surveys::SurveyDefinition& def, int court, const std::function<int(int, int)>& roll,
                       surveys::Response& response) {
  const int appeared = roll(1, 2);
  const int courtBias = court % 3;
  for (const surveys::Item& it : def.items) {
    const int r = roll(0, 99);
    if (r < 4) continue;  // skipped (or hidden)
    if (it.showIf && appeared != 1) continue;
    surveys::Answer a;
    a.itemId = it.id;
    if (r < 8 && it.type != surveys::ItemType::Text) {
      a.nonAnswer = surveys::NonAnswer::NotApplicable;
    } else {
      switch (it.type) {
        case surveys::ItemType::Agreement5:
        case surveys::ItemType::Satisfaction5:
        case surveys::ItemType::Scale5: a.code = std::min(5, roll(1, 5) + (courtBias == 0 ? 1 : 0)); break;
        case surveys::ItemType::Scale0to10: a.code = std::min(10, roll(0, 10) + courtBias); break;
        case surveys::ItemType::SingleChoice: a.code = appeared; break;
        case surveys::ItemType::MultipleChoice: a.codes = {roll(1, 2), roll(3, 4)}; break;
        case surveys::ItemType::Number: a.number = roll(0, static_cast<int>(it.max)); break;
        case surveys::ItemType::Text:
          if (r > 20) continue;
          a.text = "ok";
          break;
      }
    }
    response.answers.push_back(std::move(a));
  }
}

}  // namespace courtvoice::bench
