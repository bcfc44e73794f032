#include "courtvoice/surveys/localized_text.hpp"

namespace courtvoice::surveys {

std::string pick(const LocalizedText& text, const std::string& lang) {
  for (const std::string& candidate : {lang, std::string("ru"), std::string("en")}) {
    if (auto it = text.find(candidate); it != text.end()) return it->second;
  }
  return text.empty() ? std::string{} : text.begin()->second;
}

}  // namespace courtvoice::surveys
