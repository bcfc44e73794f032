#pragma once
#include <string>

#include "courtvoice/surveys/localized_text.hpp"

namespace courtvoice::surveys {

/// A court in the registry. `code` is stable and is what responses point at.
struct Court {
  std::string code;       ///< [A-Z0-9_-]{1,32}, e.g. "ALM-SMAS-01"
  LocalizedText name;     ///< kk, ru, en
  std::string region;     ///< region code, e.g. "almaty_city"
  std::string level;      ///< "district", "specialised", "regional", "supreme"
  bool active = true;
};

}  // namespace courtvoice::surveys
