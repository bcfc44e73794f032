#include "courtvoice/server/court_records.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "courtvoice/server/csv.hpp"
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/surveys/regions.hpp"

namespace courtvoice::server {

std::vector<std::string> regionCodes() {
  std::vector<std::string> codes;
  for (const surveys::Region& region : surveys::kazakhstanRegions()) codes.push_back(region.code);
  return codes;
}

bool isRegion(const std::string& code) {
  const auto& regions = surveys::kazakhstanRegions();
  return std::any_of(regions.begin(), regions.end(), [&](const surveys::Region& r) { return r.code == code; });
}

using surveys::Court;
using surveys::DomainError;
using surveys::ValidationError;

namespace {

constexpr std::size_t kMaxNameCodePoints = 255;

std::size_t codePoints(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

bool allOf(const std::string& text, std::size_t maxLength, bool (*allowed)(char)) {
  return !text.empty() && text.size() <= maxLength && std::all_of(text.begin(), text.end(), allowed);
}

bool isCodeChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool isRegionChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

std::optional<bool> parseActive(const std::string& text) {
  const std::string value = lower(trimCsv(text));
  if (value == "1" || value == "true" || value == "yes") return true;
  if (value == "0" || value == "false" || value == "no") return false;
  return std::nullopt;
}

}  // namespace

std::vector<ValidationError> validateCourt(const Court& court, const std::string& prefix) {
  std::vector<ValidationError> errors;
  if (!allOf(court.code, 32, isCodeChar)) {
    errors.push_back({"invalid_code", "a court code is 1..32 of A-Z, 0-9, _ and -", prefix + "code"});
  }
  for (const char* lang : {"kk", "ru", "en"}) {
    const auto it = court.name.find(lang);
    if (it == court.name.end() || trimCsv(it->second).empty()) {
      errors.push_back({"required", std::string("the court name in ") + lang + " is missing", prefix + "name." + lang});
    } else if (codePoints(it->second) > kMaxNameCodePoints) {
      errors.push_back({"too_long", "a court name is at most 255 characters", prefix + "name." + lang});
    }
  }
  if (!allOf(court.region, 64, isRegionChar)) {
    errors.push_back({"invalid_region", "a region is 1..64 of a-z, 0-9 and _", prefix + "region"});
  } else if (!isRegion(court.region)) {
    errors.push_back({"unknown_region", "\"" + court.region + "\" is not a region: use one of " + joined(regionCodes()),
                      prefix + "region"});
  }
  if (std::find(kCourtLevels.begin(), kCourtLevels.end(), court.level) == kCourtLevels.end()) {
    errors.push_back({"invalid_level", "level must be one of " + joined(kCourtLevels), prefix + "level"});
  }
  return errors;
}

std::vector<Court> parseCourtsCsv(const std::string& text) {
  const std::vector<CsvRecord> records = parseCsv(text);
  if (records.empty()) throw DomainError({{"empty", "the file has no header line", csvPlace(1)}});
  std::vector<ValidationError> errors;
  const auto column = readCsvHeader(records[0], kCourtCsvColumns, kCourtCsvColumns, errors);
  if (!errors.empty()) throw DomainError(std::move(errors));

  std::vector<Court> courts;
  std::map<std::string, std::size_t> firstLine;  // code -> line where it first appears
  for (std::size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& record = records[r];
    if (!checkCsvWidth(record, records[0].fields.size(), errors)) continue;
    const std::string prefix = csvPlace(record.line) + ": ";
    // restoreCsvFormula: export-courts wrote "'=..." for a name starting with "=" (csvField).
    const auto get = [&](const std::string& name) { return restoreCsvFormula(trimCsv(record.fields[column.at(name)])); };
    std::vector<ValidationError> found;
    Court court;
    court.code = get("code");
    court.name = {{"kk", get("name_kk")}, {"ru", get("name_ru")}, {"en", get("name_en")}};
    court.region = get("region");
    court.level = get("level");
    const auto active = parseActive(get("active"));
    if (!active) found.push_back({"invalid_active", "active must be 1/0, true/false or yes/no", prefix + "active"});
    court.active = active.value_or(true);
    for (auto& error : validateCourt(court, prefix)) {
      // Field names in CSV terms (name_kk rather than name.kk).
      const auto dot = error.field.find("name.");
      if (dot != std::string::npos) error.field.replace(dot, 5, "name_");
      found.push_back(std::move(error));
    }
    if (!court.code.empty()) {
      const auto [first, isNew] = firstLine.emplace(court.code, record.line);
      if (!isNew) {
        found.push_back({"duplicate_code",
                         "court " + court.code + " appears twice in the file (first on line " +
                             std::to_string(first->second) + ")",
                         prefix + "code"});
      }
    }
    for (auto& error : found) {
      if (!addCsvError(errors, std::move(error))) throw DomainError(std::move(errors));
    }
    courts.push_back(std::move(court));
  }
  if (!errors.empty()) throw DomainError(std::move(errors));
  return courts;
}

std::string formatCourtsCsv(const std::vector<Court>& courts) {
  std::string text = csvLine(kCourtCsvColumns);
  for (const auto& court : courts) {
    const auto name = [&](const char* lang) {
      const auto it = court.name.find(lang);
      return it == court.name.end() ? std::string() : it->second;
    };
    text += csvLine({court.code, name("kk"), name("ru"), name("en"), court.region, court.level,
                     court.active ? "true" : "false"});
  }
  return text;
}

std::vector<Court> parseCourtsJson(const std::string& text) {
  const Poco::Dynamic::Var root = parseJson(text);
  std::vector<Poco::Dynamic::Var> items;
  const bool single = root.type() == typeid(Poco::JSON::Object::Ptr);
  if (single) {
    items.push_back(root);
  } else if (root.type() == typeid(Poco::JSON::Array::Ptr)) {
    const auto array = root.extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) items.push_back(array->get(static_cast<unsigned>(i)));
  } else {
    throw DomainError({{"wrong_type", "the body must be a court object or an array of them", ""}});
  }
  if (items.empty()) throw DomainError({{"required", "the array has no courts", ""}});

  std::vector<ValidationError> errors;
  std::vector<Court> courts;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string prefix = single ? "" : "[" + std::to_string(i) + "].";
    if (items[i].type() != typeid(Poco::JSON::Object::Ptr)) {
      errors.push_back({"wrong_type", "a court must be an object", single ? "" : "[" + std::to_string(i) + "]"});
      continue;
    }
    const auto object = items[i].extract<Poco::JSON::Object::Ptr>();
    Court court;
    const auto stringField = [&](const std::string& key, std::string& out) {
      if (!object->has(key)) return;  // validateCourt reports it missing
      const auto value = object->get(key);
      if (!value.isString()) {
        errors.push_back({"wrong_type", key + " must be a string", prefix + key});
        return;
      }
      out = value.extract<std::string>();
    };
    stringField("code", court.code);
    stringField("region", court.region);
    stringField("level", court.level);
    if (object->has("name")) {
      const auto name = object->get("name");
      if (name.type() != typeid(Poco::JSON::Object::Ptr)) {
        errors.push_back({"wrong_type", "name must be an object with kk, ru and en", prefix + "name"});
      } else {
        const auto names = name.extract<Poco::JSON::Object::Ptr>();
        for (const auto& [lang, value] : *names) {
          if (!value.isString()) {
            errors.push_back({"wrong_type", "a name must be a string", prefix + "name." + lang});
          } else {
            court.name[lang] = value.extract<std::string>();
          }
        }
      }
    }
    if (object->has("active")) {
      const auto active = object->get("active");
      if (active.type() != typeid(bool)) {
        errors.push_back({"wrong_type", "active must be true or false", prefix + "active"});
      } else {
        court.active = active.extract<bool>();
      }
    }
    for (auto& error : validateCourt(court, prefix)) errors.push_back(std::move(error));
    if (!court.code.empty() && !seen.insert(court.code).second) {
      errors.push_back({"duplicate_code", "court " + court.code + " appears twice", prefix + "code"});
    }
    courts.push_back(std::move(court));
  }
  if (!errors.empty()) throw DomainError(std::move(errors));
  return courts;
}

}  // namespace courtvoice::server
