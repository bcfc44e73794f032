// Paper responses as `courtvoice-admin import-paper` and the import endpoint read them, against
// the demo's citizens' survey and two courts.
#include "courtvoice/server/paper_responses_csv.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace courtvoice;
  static const server::PaperResponseRules rules{{"ALM-01", "AST-ESL"}, *surveys::Date::parse("2026-06-30"), {}};
  try {
    server::parsePaperResponsesCsv(fuzz::textOf(data, size), fuzz::demoDefinition(), rules);
  } catch (const surveys::DomainError& error) {
    fuzz::checkErrorReply(error);
  }
  return 0;
}
