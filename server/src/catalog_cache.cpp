#include "courtvoice/server/catalog_cache.hpp"

#include <algorithm>

#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

surveys::DomainError surveyNotAccepting(const std::string& surveyId) {
  return DomainError(ErrorKind::Conflict, "survey_not_accepting", "survey " + surveyId + " is not accepting responses",
                     "");
}

surveys::DomainError versionNotPublished(int given, int published) {
  return DomainError(ErrorKind::Conflict, "version_not_published",
                     "version " + std::to_string(given) + " is not the published version " + std::to_string(published),
                     "version");
}

surveys::ValidationError unknownCourt(const std::string& courtCode) {
  return {"unknown_court", "no active court " + courtCode, "court"};
}

bool isPublicSurvey(const std::vector<surveys::SurveyVersionInfo>& versions) {
  return std::any_of(versions.begin(), versions.end(),
                     [](const auto& info) { return info.status != surveys::VersionStatus::Draft; });
}

CatalogCache::CatalogCache(surveys::SurveyStore& surveys, surveys::CourtStore& courts, const MonotonicClock& clock,
                           std::chrono::milliseconds checkInterval)
    : surveys_(surveys), courts_(courts), clock_(clock), interval_(checkInterval) {}

std::shared_ptr<const surveys::SurveyDefinition> CatalogCache::published(const std::string& surveyId) {
  const auto snapshot = current();
  const auto it = snapshot->publishedVersion.find(surveyId);
  if (it == snapshot->publishedVersion.end()) {
    throw DomainError(ErrorKind::NotFound, "survey_not_found", "no survey " + surveyId, "");
  }
  auto def = it->second == 0 ? nullptr : definition(surveyId, it->second);
  if (!def) throw surveyNotAccepting(surveyId);
  return def;
}

bool CatalogCache::isActiveCourt(const std::string& code) {
  const auto snapshot = current();
  const auto it = snapshot->courtActive.find(code);
  return it != snapshot->courtActive.end() && it->second;
}

std::vector<surveys::Court> CatalogCache::activeCourts() { return current()->activeCourts; }

void CatalogCache::invalidate() {
  std::lock_guard lock(mutex_);
  snapshot_.reset();
  ++generation_;
}

void CatalogCache::refreshNow() { refresh(/*force=*/true); }

void CatalogCache::recheck(const surveys::Response& response) {
  std::shared_ptr<const Snapshot> snapshot;
  {
    std::lock_guard lock(mutex_);
    snapshot = snapshot_;
  }
  if (!snapshot) snapshot = current();
  const auto it = snapshot->publishedVersion.find(response.surveyId);
  if (it == snapshot->publishedVersion.end()) {
    throw DomainError(ErrorKind::NotFound, "survey_not_found", "no survey " + response.surveyId, "");
  }
  if (it->second == 0) throw surveyNotAccepting(response.surveyId);
  if (it->second != response.version) throw versionNotPublished(response.version, it->second);
  const auto court = snapshot->courtActive.find(response.courtCode);
  if (court == snapshot->courtActive.end() || !court->second) throw DomainError({unknownCourt(response.courtCode)});
}

std::uint64_t CatalogCache::loads() const {
  std::lock_guard lock(mutex_);
  return loads_;
}

std::shared_ptr<const CatalogCache::Snapshot> CatalogCache::current() {
  {
    std::lock_guard lock(mutex_);
    if (snapshot_ && clock_.now() - lastCheck_ < interval_) return snapshot_;
  }
  return refresh(/*force=*/false);
}

std::shared_ptr<const CatalogCache::Snapshot> CatalogCache::refresh(bool force) {
  std::lock_guard loading(loadMutex_);
  std::uint64_t generation = 0;
  std::shared_ptr<const Snapshot> held;
  {
    std::lock_guard lock(mutex_);
    // Another thread may have refreshed while this one waited for loadMutex_.
    if (!force && snapshot_ && clock_.now() - lastCheck_ < interval_) return snapshot_;
    generation = generation_;
    held = snapshot_;
  }
  // Stamps first, then the data: a change committed in between makes the data newer than its
  // stamps, which only costs one more reload later, never a missed change.
  const auto checkedAt = clock_.now();
  const Stamps stamps{surveys_.changeStamp(), courts_.changeStamp()};
  std::shared_ptr<const Snapshot> result = held && held->stamps == stamps ? held : load(stamps);
  std::lock_guard lock(mutex_);
  // An invalidate() since we began means this process changed something we may not have read:
  // serve the caller what we have (it raced with the change) but keep nothing.
  if (generation_ == generation) {
    if (result != held) ++loads_;
    snapshot_ = result;
    lastCheck_ = checkedAt;
  }
  return result;
}

std::shared_ptr<const CatalogCache::Snapshot> CatalogCache::load(const Stamps& stamps) {
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->stamps = stamps;
  for (const auto& info : surveys_.listVersions()) {
    // Drafts alone do not make a survey known to the public (404, not 409).
    if (info.status == surveys::VersionStatus::Draft) continue;
    int& version = snapshot->publishedVersion[info.surveyId];  // 0 when first seen
    if (info.status == surveys::VersionStatus::Published) version = info.version;
  }
  for (auto& court : courts_.list()) {
    snapshot->courtActive[court.code] = court.active;
    if (court.active) snapshot->activeCourts.push_back(std::move(court));
  }
  std::sort(snapshot->activeCourts.begin(), snapshot->activeCourts.end(),
            [](const auto& a, const auto& b) { return a.code < b.code; });
  return snapshot;
}

std::shared_ptr<const surveys::SurveyDefinition> CatalogCache::definition(const std::string& surveyId, int version) {
  const auto key = std::make_pair(surveyId, version);
  {
    std::lock_guard lock(definitionsMutex_);
    if (auto it = definitions_.find(key); it != definitions_.end()) return it->second;
  }
  auto found = surveys_.findVersion(surveyId, version);
  if (!found) return nullptr;
  auto def = std::make_shared<const surveys::SurveyDefinition>(std::move(*found));
  std::lock_guard lock(definitionsMutex_);
  return definitions_.emplace(key, std::move(def)).first->second;
}

}  // namespace courtvoice::server
