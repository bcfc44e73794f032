// The generic RFC 4180 reader: no crash, line numbers that only go up, and refusals that make
// valid error bodies. (No write-and-read-back property: what the writers do to cells that start
// with =, +, - or @ is changing under issue 10, spreadsheet formula injection.)
#include "courtvoice/server/csv.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace courtvoice;
  try {
    const auto records = server::parseCsv(fuzz::textOf(data, size));
    std::size_t line = 0;
    for (const auto& record : records) {
      if (record.fields.empty() || record.line <= line) std::abort();
      line = record.line;
    }
  } catch (const surveys::DomainError& error) {
    fuzz::checkErrorReply(error);
  }
  return 0;
}
