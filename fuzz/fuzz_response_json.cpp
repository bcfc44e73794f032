// A response body as POST /api/v1/surveys/court_user/responses reads it: the strict JSON check,
// the reader, then the survey's rules (validateResponse).
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/surveys/response_json.hpp"
#include "courtvoice/surveys/response_validation.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace courtvoice;
  const std::string text = fuzz::textOf(data, size);
  const auto& def = fuzz::demoDefinition();
  try {
    server::requireStrictJson(text);  // what readJsonBody does to every body
    const auto response = surveys::parseResponse(text, def, surveys::ResponseLimits{}, true);
    const auto problems = surveys::validateResponse(def, response);
    if (!problems.empty()) throw surveys::DomainError(problems);
  } catch (const surveys::DomainError& error) {
    fuzz::checkErrorReply(error);
  }
  return 0;
}
