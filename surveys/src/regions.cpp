#include "courtvoice/surveys/regions.hpp"

#include <algorithm>

namespace courtvoice::surveys {

const std::vector<Region>& kazakhstanRegions() {
  static const std::vector<Region> regions = {
      {"abai", {{"kk", "Абай облысы"}, {"ru", "область Абай"}, {"en", "Abai Region"}}},
      {"akmola", {{"kk", "Ақмола облысы"}, {"ru", "Акмолинская область"}, {"en", "Akmola Region"}}},
      {"aktobe", {{"kk", "Ақтөбе облысы"}, {"ru", "Актюбинская область"}, {"en", "Aktobe Region"}}},
      {"almaty_region", {{"kk", "Алматы облысы"}, {"ru", "Алматинская область"}, {"en", "Almaty Region"}}},
      {"atyrau", {{"kk", "Атырау облысы"}, {"ru", "Атырауская область"}, {"en", "Atyrau Region"}}},
      {"east_kazakhstan", {{"kk", "Шығыс Қазақстан облысы"}, {"ru", "Восточно-Казахстанская область"}, {"en", "East Kazakhstan Region"}}},
      {"jambyl", {{"kk", "Жамбыл облысы"}, {"ru", "Жамбылская область"}, {"en", "Jambyl Region"}}},
      {"jetisu", {{"kk", "Жетісу облысы"}, {"ru", "область Жетісу"}, {"en", "Jetisu Region"}}},
      {"karaganda", {{"kk", "Қарағанды облысы"}, {"ru", "Карагандинская область"}, {"en", "Karaganda Region"}}},
      {"kostanay", {{"kk", "Қостанай облысы"}, {"ru", "Костанайская область"}, {"en", "Kostanay Region"}}},
      {"kyzylorda", {{"kk", "Қызылорда облысы"}, {"ru", "Кызылординская область"}, {"en", "Kyzylorda Region"}}},
      {"mangystau", {{"kk", "Маңғыстау облысы"}, {"ru", "Мангистауская область"}, {"en", "Mangystau Region"}}},
      {"north_kazakhstan", {{"kk", "Солтүстік Қазақстан облысы"}, {"ru", "Северо-Казахстанская область"}, {"en", "North Kazakhstan Region"}}},
      {"pavlodar", {{"kk", "Павлодар облысы"}, {"ru", "Павлодарская область"}, {"en", "Pavlodar Region"}}},
      {"turkistan", {{"kk", "Түркістан облысы"}, {"ru", "Туркестанская область"}, {"en", "Turkistan Region"}}},
      {"ulytau", {{"kk", "Ұлытау облысы"}, {"ru", "область Ұлытау"}, {"en", "Ulytau Region"}}},
      {"west_kazakhstan", {{"kk", "Батыс Қазақстан облысы"}, {"ru", "Западно-Казахстанская область"}, {"en", "West Kazakhstan Region"}}},
      {"astana", {{"kk", "Астана қаласы"}, {"ru", "город Астана"}, {"en", "Astana"}}},
      {"almaty_city", {{"kk", "Алматы қаласы"}, {"ru", "город Алматы"}, {"en", "Almaty"}}},
      {"shymkent", {{"kk", "Шымкент қаласы"}, {"ru", "город Шымкент"}, {"en", "Shymkent"}}},
  };
  return regions;
}

std::string regionName(const std::string& code, const std::string& lang) {
  const auto& regions = kazakhstanRegions();
  const auto found = std::find_if(regions.begin(), regions.end(), [&](const Region& r) { return r.code == code; });
  return found == regions.end() ? code : pick(found->name, lang);
}

}  // namespace courtvoice::surveys
