// The courts registry as `courtvoice-admin courts import FILE.csv` reads it.
#include "courtvoice/server/court_records.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace courtvoice;
  try {
    server::parseCourtsCsv(fuzz::textOf(data, size));
  } catch (const surveys::DomainError& error) {
    fuzz::checkErrorReply(error);
  }
  return 0;
}
