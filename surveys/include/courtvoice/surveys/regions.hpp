#pragma once
// Kazakhstan's regions and cities of republican significance, with their names: the reference
// data of surveys/templates/regions.csv (a unit test keeps the two the same). Courts name their
// region by code; every report, filter and export shows the name in the reader's language.
#include <string>
#include <vector>

#include "courtvoice/surveys/localized_text.hpp"

namespace courtvoice::surveys {

struct Region {
  std::string code;
  LocalizedText name;  ///< kk, ru, en
};

/// The 17 regions, then the 3 cities, in the order of regions.csv.
const std::vector<Region>& kazakhstanRegions();

/// The region's name in `lang` (kk, ru, en; else ru), or the code itself when it is not a region.
std::string regionName(const std::string& code, const std::string& lang);

}  // namespace courtvoice::surveys
