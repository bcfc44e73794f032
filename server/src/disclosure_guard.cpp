#include "courtvoice/server/disclosure_guard.hpp"

namespace courtvoice::server {

// The rule is being written (issue 9); until then every query passes.
void checkDisclosure(analytics::ResultsEngine&, const surveys::SurveyDefinition&, const std::vector<surveys::Court>&,
                     const ReportFilters&) {}

}  // namespace courtvoice::server
