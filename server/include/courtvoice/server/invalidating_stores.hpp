#pragma once
// Store decorators that tell the catalog cache when this process changed a survey version or a
// court, so the next submission sees the change at once (other processes are noticed through
// the change stamps). The composition root hands these to the services that write (admin).
#include "courtvoice/server/catalog_cache.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

class InvalidatingSurveyStore final : public surveys::SurveyStore {
 public:
  InvalidatingSurveyStore(surveys::SurveyStore& inner, CatalogCache& catalog) : inner_(inner), catalog_(catalog) {}

  int createVersion(const surveys::SurveyDefinition& def) override;
  void updateDraft(const surveys::SurveyDefinition& def) override;
  void publish(const std::string& surveyId, int version) override;
  void close(const std::string& surveyId) override;
  void archive(const std::string& surveyId, int version) override;
  std::optional<surveys::SurveyDefinition> findPublished(const std::string& surveyId) override {
    return inner_.findPublished(surveyId);
  }
  std::optional<surveys::SurveyDefinition> findVersion(const std::string& surveyId, int version) override {
    return inner_.findVersion(surveyId, version);
  }
  std::optional<surveys::SurveyDefinition> findLatest(const std::string& surveyId) override {
    return inner_.findLatest(surveyId);
  }
  std::vector<surveys::SurveyVersionInfo> listVersions(const std::optional<std::string>& surveyId = {}) override {
    return inner_.listVersions(surveyId);
  }
  std::int64_t changeStamp() override { return inner_.changeStamp(); }

 private:
  surveys::SurveyStore& inner_;
  CatalogCache& catalog_;
};

class InvalidatingCourtStore final : public surveys::CourtStore {
 public:
  InvalidatingCourtStore(surveys::CourtStore& inner, CatalogCache& catalog) : inner_(inner), catalog_(catalog) {}

  void upsert(const surveys::Court& court) override;
  std::optional<surveys::Court> find(const std::string& code) override { return inner_.find(code); }
  std::vector<surveys::Court> list() override { return inner_.list(); }
  std::int64_t changeStamp() override { return inner_.changeStamp(); }

 private:
  surveys::CourtStore& inner_;
  CatalogCache& catalog_;
};

}  // namespace courtvoice::server
