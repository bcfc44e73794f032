#pragma once
// Realistic made-up responses for demonstrations and load: deterministic, so that running the
// demo twice yields the same submission ids (and the store skips them the second time).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "courtvoice/surveys/court.hpp"
#include "courtvoice/surveys/date.hpp"
#include "courtvoice/surveys/response.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::server {

struct DemoOptions {
  std::size_t count = 600;
  std::uint64_t seed = 20250101;
  int days = 365;  ///< responses spread over the last `days` days up to today
};

/// Responses to `def` across the active `courts`: each court has its own quality effect and
/// results improve slightly over the year; answers follow each item's type, respect show_if
/// conditions, use only the non-answers an item allows, answer every required item; some carry a
/// comment in their language; channels kiosk, web and paper. submission_id "demo-<survey>-<n>".
/// Pure function of its arguments.
std::vector<surveys::Response> generateDemoResponses(const surveys::SurveyDefinition& def,
                                                     const std::vector<surveys::Court>& courts,
                                                     const surveys::Date& today, const DemoOptions& options = {});

/// `date` moved by `days` (negative: earlier), across months and years.
surveys::Date addDays(const surveys::Date& date, int days);

}  // namespace courtvoice::server
