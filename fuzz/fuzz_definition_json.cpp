// A survey definition as POST /api/v1/admin/surveys and `courtvoice-admin` read it: the JSON
// reader, then validateDefinition; a valid definition must survive its own JSON form.
#include "courtvoice/surveys/definition_json.hpp"
#include "courtvoice/surveys/definition_validation.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace courtvoice;
  try {
    const auto def = surveys::parseDefinition(fuzz::textOf(data, size));
    const auto problems = surveys::validateDefinition(def);
    if (!problems.empty()) throw surveys::DomainError(problems);
    // What the server stores is definitionToJson; reading it back must give the same survey.
    const auto again = surveys::parseDefinition(surveys::definitionToJson(def));
    if (surveys::definitionToJson(again) != surveys::definitionToJson(def)) std::abort();
  } catch (const surveys::DomainError& error) {
    fuzz::checkErrorReply(error);
  }
  return 0;
}
