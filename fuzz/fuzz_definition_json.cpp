// A survey definition as POST /api/v1/admin/surveys and `courtvoice-admin` read it: the JSON
// reader, then validateDefinition; a valid definition must survive its own JSON form.
#include "courtvoice/surveys/definition_json.hpp"
#include "courtvoice/surveys/definition_validation.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace courtvoice;
  surveys::SurveyDefinition def;
  try {
    def = surveys::parseDefinition(fuzz::textOf(data, size));
    const auto problems = surveys::validateDefinition(def);
    if (!problems.empty()) throw surveys::DomainError(problems);
  } catch (const surveys::DomainError& error) {
    fuzz::checkErrorReply(error);
    return 0;
  }
  // What the server stores is definitionToJson: reading it back must give the same text, and
  // any exception here is a finding (it escapes to libFuzzer).
  const std::string json = surveys::definitionToJson(def);
  if (surveys::definitionToJson(surveys::parseDefinition(json)) != json) std::abort();
  return 0;
}
