#pragma once
// A second version of the browser tests' survey (browser_support.hpp) with the item kinds of the
// second editions: a scale5 item with its own point labels, a 0-10 item that labels its ends and
// its middle, and a single-choice frequency item like the judges' pressure items. Built here, not
// read from the shipped templates, so the tests do not move when the templates are rewritten.
#include <stdexcept>
#include <string>

#include "browser_support.hpp"

namespace courtvoice::e2e::pages {

inline const std::string kSecondEditionItems = R"(
    {"id": "trust_change", "type": "scale5", "dimension": "trust_change",
     "text": {"kk": "Соттарға деген сеніміңіз қалай өзгерді?", "ru": "Как изменилось ваше доверие к судам?",
              "en": "How has your trust in the courts changed?"},
     "scale_labels": [
       {"value": 1, "label": {"kk": "Қатты азайды", "ru": "Сильно снизилось", "en": "Decreased a lot"}},
       {"value": 2, "label": {"kk": "Біршама азайды", "ru": "Немного снизилось", "en": "Decreased somewhat"}},
       {"value": 3, "label": {"kk": "Өзгерген жоқ", "ru": "Не изменилось", "en": "Unchanged"}},
       {"value": 4, "label": {"kk": "Біршама артты", "ru": "Немного выросло", "en": "Increased somewhat"}},
       {"value": 5, "label": {"kk": "Қатты артты", "ru": "Сильно выросло", "en": "Increased a lot"}}],
     "reviewed": ["kk", "ru", "en"]},
    {"id": "recommend", "type": "scale0to10", "dimension": "overall",
     "text": {"kk": "Бұл сотты досыңызға немесе әріптесіңізге ұсынуыңыз қаншалықты ықтимал?",
              "ru": "Насколько вероятно, что вы порекомендуете этот суд другу или коллеге?",
              "en": "How likely are you to recommend this court to a friend or colleague?"},
     "scale_labels": [
       {"value": 0, "label": {"kk": "Мүлде ықтимал емес", "ru": "Совсем маловероятно", "en": "Not at all likely"}},
       {"value": 5, "label": {"kk": "Ықтимал да, ықтимал емес те", "ru": "Ни да, ни нет", "en": "Neither likely nor unlikely"}},
       {"value": 10, "label": {"kk": "Өте ықтимал", "ru": "Очень вероятно", "en": "Extremely likely"}}]},
    {"id": "pressure_exec", "type": "single_choice", "dimension": "pressure",
     "text": {"kk": "Соңғы 12 айда атқарушы биліктен орынсыз қысым болды ма?",
              "ru": "За последние 12 месяцев оказывалось ли на вас ненадлежащее давление со стороны исполнительной власти?",
              "en": "In the past 12 months, have you experienced inappropriate pressure from the executive?"},
     "options": [
       {"code": 1, "label": {"kk": "Ешқашан", "ru": "Никогда", "en": "Never"}},
       {"code": 2, "label": {"kk": "Бір рет", "ru": "Один раз", "en": "Once"}},
       {"code": 3, "label": {"kk": "Бірнеше рет", "ru": "Несколько раз", "en": "Several times"}},
       {"code": 4, "label": {"kk": "Жиі", "ru": "Часто", "en": "Often"}}]},
)";

/// The test survey (browser_support.hpp) with the second-edition items before its comment item.
inline std::string secondEditionDefinition() {
  std::string def = testDefinition(" (v2)");
  const std::string anchor = R"({"id": "comment")";
  const auto at = def.find(anchor);
  if (at == std::string::npos) throw std::logic_error("testDefinition() has no comment item");
  def.insert(at, kSecondEditionItems);
  return def;
}

}  // namespace courtvoice::e2e::pages
