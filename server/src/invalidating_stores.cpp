#include "courtvoice/server/invalidating_stores.hpp"

namespace courtvoice::server {

namespace {

// Invalidates after the change, also when it failed: a failure may still have changed
// something (a lost connection after commit), and a needless reload costs only a few reads.
template <typename Change>
auto changing(CatalogCache& catalog, Change&& change) {
  struct Invalidate {
    CatalogCache& catalog;
    ~Invalidate() { catalog.invalidate(); }
  } invalidate{catalog};
  return change();
}

}  // namespace

int InvalidatingSurveyStore::createVersion(const surveys::SurveyDefinition& def) {
  return changing(catalog_, [&] { return inner_.createVersion(def); });
}

void InvalidatingSurveyStore::updateDraft(const surveys::SurveyDefinition& def) {
  changing(catalog_, [&] { inner_.updateDraft(def); });
}

void InvalidatingSurveyStore::publish(const std::string& surveyId, int version) {
  changing(catalog_, [&] { inner_.publish(surveyId, version); });
}

void InvalidatingSurveyStore::close(const std::string& surveyId) {
  changing(catalog_, [&] { inner_.close(surveyId); });
}

void InvalidatingSurveyStore::archive(const std::string& surveyId, int version) {
  changing(catalog_, [&] { inner_.archive(surveyId, version); });
}

void InvalidatingCourtStore::upsert(const surveys::Court& court) {
  changing(catalog_, [&] { inner_.upsert(court); });
}

}  // namespace courtvoice::server
