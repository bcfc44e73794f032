#pragma once
#include <map>
#include <string>
#include <vector>

namespace courtvoice::surveys {

/// The languages of Kazakhstan's courts; definitions must carry every text in each language
/// they declare. Codes are ISO 639-1.
inline const std::vector<std::string> kSupportedLanguages = {"kk", "ru", "en"};

/// Text per language code ("kk", "ru", "en").
using LocalizedText = std::map<std::string, std::string>;

/// The text in `lang`, else in "ru", else in "en", else any, else "".
std::string pick(const LocalizedText& text, const std::string& lang);

}  // namespace courtvoice::surveys
