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
  int days = 365;           ///< responses spread over `days` days ending `newestDaysAgo` days before today
  int newestDaysAgo = 0;
  int improvementDays = 0;  ///< the span the slight improvement runs over, ending today (0: newestDaysAgo + days)
};

/// Responses to `def` across the active `courts`: each court has its own quality effect and
/// results improve slightly over time; answers follow each item's type (scales by their own
/// points, choices by their own options; never by item id), respect show_if conditions, use only
/// the non-answers an item allows, answer every required item; some carry a comment in their
/// language. Citizens answer by kiosk, web and paper, more often in busy (first-instance) courts;
/// staff and judges on paper (imported, no invitation code), the same number in every court.
/// submission_id "demo-<survey>-v<version>-<n>". Pure function of its arguments.
std::vector<surveys::Response> generateDemoResponses(const surveys::SurveyDefinition& def,
                                                     const std::vector<surveys::Court>& courts,
                                                     const surveys::Date& today, const DemoOptions& options = {});

/// The demo's plan for edition `edition` (1-based) of `editions` of a survey for `audience`: the
/// last edition answers in the recent part of the demo period (the last 6 months), earlier ones in
/// the older part (7 to 24 months ago; with one edition it has the whole 24 months). Citizens
/// answer all the time (`citizenResponses` per edition); staff (12 per court) and judges (8 per
/// court) in one four-week wave per edition, so that a region or court level with two courts has
/// enough answers to be reported. `activeCourts` is the number of active courts.
DemoOptions demoEditionOptions(surveys::Audience audience, int edition, int editions, std::size_t activeCourts,
                               std::size_t citizenResponses);

/// `date` moved by `days` (negative: earlier), across months and years.
surveys::Date addDays(const surveys::Date& date, int days);

}  // namespace courtvoice::server
