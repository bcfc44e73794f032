#pragma once
// In-memory fakes of the store interfaces (stores.hpp) for unit tests. They follow the same
// contract as the MySQL implementation: versions 1, 2, ...; publishing closes the previously
// published version; only drafts change; only closed versions are archived; lifecycle mistakes
// are DomainError NotFound / Conflict; a repeated
// submission_id stores nothing; importBulk is all or nothing; unknown courts are refused when
// the court registry given to the response store is not empty. Thread-safe (one mutex each).
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/invitation_code.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::surveys::testing {

class InMemorySurveyStore final : public SurveyStore {
 public:
  int createVersion(const SurveyDefinition& def) override {
    std::lock_guard lock(mutex_);
    ++changes_;
    auto& versions = surveys_[def.id];
    Stored stored{def, VersionStatus::Draft};
    stored.def.version = static_cast<int>(versions.size()) + 1;
    versions.push_back(stored);
    return stored.def.version;
  }

  void publish(const std::string& surveyId, int version) override {
    std::lock_guard lock(mutex_);
    ++changes_;
    Stored& target = findOrThrow(surveyId, version);
    if (target.status != VersionStatus::Draft) {
      throw DomainError(ErrorKind::Conflict, "not_draft",
                        "version " + std::to_string(version) + " of survey " + surveyId + " is " +
                            toString(target.status) + ", only a draft can be published",
                        "version");
    }
    for (Stored& other : surveys_[surveyId]) {
      if (other.status == VersionStatus::Published) other.status = VersionStatus::Closed;
    }
    target.status = VersionStatus::Published;
  }

  void close(const std::string& surveyId) override {
    std::lock_guard lock(mutex_);
    ++changes_;
    auto it = surveys_.find(surveyId);
    if (it == surveys_.end()) {
      throw DomainError(ErrorKind::NotFound, "unknown_survey", "unknown survey " + surveyId, "survey_id");
    }
    for (Stored& stored : it->second) {
      if (stored.status == VersionStatus::Published) {
        stored.status = VersionStatus::Closed;
        return;
      }
    }
    throw DomainError(ErrorKind::Conflict, "not_published", "survey " + surveyId + " has no published version",
                      "survey_id");
  }

  void updateDraft(const SurveyDefinition& def) override {
    std::lock_guard lock(mutex_);
    ++changes_;
    Stored& target = findOrThrow(def.id, def.version);
    if (target.status != VersionStatus::Draft) {
      throw DomainError(ErrorKind::Conflict, "version_frozen",
                        "version " + std::to_string(def.version) + " of survey " + def.id + " is " +
                            toString(target.status) + " and can no longer change; make a new version instead",
                        "version");
    }
    target.def = def;
  }

  void archive(const std::string& surveyId, int version) override {
    std::lock_guard lock(mutex_);
    ++changes_;
    Stored& target = findOrThrow(surveyId, version);
    if (target.status != VersionStatus::Closed) {
      throw DomainError(ErrorKind::Conflict, "not_closed",
                        "version " + std::to_string(version) + " of survey " + surveyId + " is " +
                            toString(target.status) + ", only a closed version can be archived",
                        "version");
    }
    target.status = VersionStatus::Archived;
  }

  std::optional<SurveyDefinition> findPublished(const std::string& surveyId) override {
    std::lock_guard lock(mutex_);
    auto it = surveys_.find(surveyId);
    if (it == surveys_.end()) return std::nullopt;
    for (const Stored& stored : it->second) {
      if (stored.status == VersionStatus::Published) return stored.def;
    }
    return std::nullopt;
  }

  std::optional<SurveyDefinition> findVersion(const std::string& surveyId, int version) override {
    std::lock_guard lock(mutex_);
    auto it = surveys_.find(surveyId);
    if (it == surveys_.end() || version < 1 || version > static_cast<int>(it->second.size())) return std::nullopt;
    return it->second[static_cast<std::size_t>(version - 1)].def;
  }

  std::optional<SurveyDefinition> findLatest(const std::string& surveyId) override {
    std::lock_guard lock(mutex_);
    auto it = surveys_.find(surveyId);
    if (it == surveys_.end() || it->second.empty()) return std::nullopt;
    return it->second.back().def;
  }

  std::vector<SurveyVersionInfo> listVersions(const std::optional<std::string>& surveyId = {}) override {
    std::lock_guard lock(mutex_);
    std::vector<SurveyVersionInfo> out;
    for (const auto& [id, versions] : surveys_) {  // std::map: ordered by survey id, then version
      if (surveyId && *surveyId != id) continue;
      for (const Stored& stored : versions) {
        out.push_back({id, stored.def.version, stored.status, stored.def.audience, stored.def.title, stored.def.reportByCourt});
      }
    }
    return out;
  }

  std::int64_t changeStamp() override {
    std::lock_guard lock(mutex_);
    return changes_;
  }

  /// Test helper: the status of one version, if it exists.
  std::optional<VersionStatus> statusOf(const std::string& surveyId, int version) {
    std::lock_guard lock(mutex_);
    auto it = surveys_.find(surveyId);
    if (it == surveys_.end() || version < 1 || version > static_cast<int>(it->second.size())) return std::nullopt;
    return it->second[static_cast<std::size_t>(version - 1)].status;
  }

 private:
  struct Stored {
    SurveyDefinition def;
    VersionStatus status;
  };

  Stored& findOrThrow(const std::string& surveyId, int version) {
    auto it = surveys_.find(surveyId);
    if (it == surveys_.end()) {
      throw DomainError(ErrorKind::NotFound, "unknown_survey", "unknown survey " + surveyId, "survey_id");
    }
    if (version < 1 || version > static_cast<int>(it->second.size())) {
      throw DomainError(ErrorKind::NotFound, "unknown_version",
                        "survey " + surveyId + " has no version " + std::to_string(version), "version");
    }
    return it->second[static_cast<std::size_t>(version - 1)];
  }

  std::mutex mutex_;
  std::map<std::string, std::vector<Stored>> surveys_;
  std::int64_t changes_ = 0;
};

class InMemoryCourtStore final : public CourtStore {
 public:
  void upsert(const Court& court) override {
    std::lock_guard lock(mutex_);
    ++changes_;
    courts_[court.code] = court;
  }

  std::int64_t changeStamp() override {
    std::lock_guard lock(mutex_);
    return changes_;
  }

  std::optional<Court> find(const std::string& code) override {
    std::lock_guard lock(mutex_);
    auto it = courts_.find(code);
    if (it == courts_.end()) return std::nullopt;
    return it->second;
  }

  std::vector<Court> list() override {
    std::lock_guard lock(mutex_);
    std::vector<Court> out;
    for (const auto& [code, court] : courts_) out.push_back(court);  // ordered by code
    return out;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, Court> courts_;
  std::int64_t changes_ = 0;
};

/// Invitation batches and codes by hash. spend() is what the response store calls (the MySQL
/// store spends in the response's transaction); expiry is compared with today() (settable).
class InMemoryInvitationStore final : public InvitationStore {
 public:
  CreatedInvitations createBatch(const NewInvitationBatch& batch) override {
    std::lock_guard lock(mutex_);
    CreatedInvitations created;
    created.batch = {static_cast<std::int64_t>(batches_.size()) + 1, batch.surveyId, batch.scope, batch.expiresOn,
                     batch.createdOn.monthKey(), batch.count, 0, 0};
    while (created.codes.size() < static_cast<std::size_t>(batch.count)) {
      std::string code = generateInvitationCode();
      if (codes_.emplace(hashInvitationCode(code), Code{batches_.size(), false}).second) created.codes.push_back(code);
    }
    batches_.push_back(created.batch);
    return created;
  }

  std::vector<InvitationBatch> listBatches(const std::string& surveyId, const Date& today) override {
    std::lock_guard lock(mutex_);
    std::vector<InvitationBatch> out;
    for (std::size_t i = 0; i < batches_.size(); ++i) {
      if (batches_[i].surveyId != surveyId) continue;
      InvitationBatch batch = batches_[i];
      for (const auto& [hash, code] : codes_) batch.spent += code.batch == i && code.spent ? 1 : 0;
      batch.expired = batch.expiresOn < today ? batch.issued - batch.spent : 0;
      out.push_back(batch);
    }
    return out;
  }

  InvitationCheck check(const std::string& surveyId, const std::string& codeHash, const Date& today) override {
    std::lock_guard lock(mutex_);
    InvitationCheck result;
    const auto found = codes_.find(codeHash);
    if (found == codes_.end() || batches_[found->second.batch].surveyId != surveyId) return result;
    const InvitationBatch& batch = batches_[found->second.batch];
    result.scope = batch.scope;
    result.expiresOn = batch.expiresOn;
    result.status = found->second.spent            ? InvitationStatus::Spent
                    : batch.expiresOn < today      ? InvitationStatus::Expired
                                                   : InvitationStatus::Valid;
    return result;
  }

  /// Spends the response's code, or throws what MySqlResponseStore throws. `checkOnly`: throws
  /// the same but spends nothing.
  void spend(const Response& response, const std::string& region, bool checkOnly = false) {
    const auto checked = check(response.surveyId, response.invitationHash, today_);
    const bool inScope = checked.scope.court.empty() ? checked.scope.region == region
                                                     : checked.scope.court == response.courtCode;
    if (checked.status == InvitationStatus::Unknown || !inScope) {
      throw DomainError(ErrorKind::Forbidden, "invitation_unknown", "unknown invitation code", "invitation_code");
    }
    if (checked.status == InvitationStatus::Spent) {
      throw DomainError(ErrorKind::Conflict, "invitation_spent", "spent invitation code", "invitation_code");
    }
    if (checked.status == InvitationStatus::Expired) {
      throw DomainError(ErrorKind::Conflict, "invitation_expired", "expired invitation code", "invitation_code");
    }
    if (checkOnly) return;
    std::lock_guard lock(mutex_);
    codes_.at(response.invitationHash).spent = true;
  }

  void setToday(const Date& today) { today_ = today; }

 private:
  struct Code {
    std::size_t batch = 0;
    bool spent = false;
  };
  std::mutex mutex_;
  std::vector<InvitationBatch> batches_;
  std::map<std::string, Code> codes_;
  Date today_ = SystemClock().today();
};

/// Also the feed of committed responses: sequence numbers are 1, 2, ... in the order stored.
class InMemoryResponseStore final : public ResponseStore, public ResponseFeed {
 public:
  /// With a court store that holds courts, responses must name one of them and carry its region;
  /// without one (or with an empty one) any court is accepted and the region is empty.
  /// With a survey store, the response's survey version must exist (as in MySQL).
  /// With an invitation store, a response's invitation code is spent when it is stored.
  explicit InMemoryResponseStore(CourtStore* courts = nullptr, SurveyStore* surveys = nullptr,
                                 InMemoryInvitationStore* invitations = nullptr)
      : courts_(courts), surveys_(surveys), invitations_(invitations) {}

  SubmitResult submit(const Response& response) override {
    std::lock_guard lock(mutex_);
    if (auto it = idsBySubmission_.find(response.submissionId); it != idsBySubmission_.end()) {
      return {it->second, false};
    }
    checkVersion(response, "version");
    checkCourt(response, "court");
    spend(response);
    return {store(response), true};
  }

  std::vector<SubmitResult> submitBatch(const std::vector<Response>& responses) override {
    std::lock_guard lock(mutex_);
    for (const Response& response : responses) {  // all or nothing, as one transaction
      if (idsBySubmission_.count(response.submissionId) != 0) continue;
      checkVersion(response, "version");
      checkCourt(response, "court");
    }
    // Codes: all or nothing too, as one transaction (a code twice in the batch fails it).
    std::set<std::string> codes;
    for (const Response& response : responses) {
      if (idsBySubmission_.count(response.submissionId) != 0 || response.invitationHash.empty()) continue;
      if (!codes.insert(response.invitationHash).second) {
        throw DomainError(ErrorKind::Conflict, "invitation_spent", "spent invitation code", "invitation_code");
      }
      if (invitations_ != nullptr) invitations_->spend(response, regionOf(response.courtCode), /*checkOnly=*/true);
    }
    std::vector<SubmitResult> out;
    for (const Response& response : responses) {
      if (auto it = idsBySubmission_.find(response.submissionId); it != idsBySubmission_.end()) {
        out.push_back({it->second, false});
      } else {
        spend(response);
        out.push_back({store(response), true});
      }
    }
    return out;
  }

  std::int64_t latestSequence() override {
    std::lock_guard lock(mutex_);
    return static_cast<std::int64_t>(responses_.size());
  }

  std::vector<SequencedResponse> readAfter(std::int64_t after, std::size_t limit) override {
    std::lock_guard lock(mutex_);
    std::vector<SequencedResponse> out;
    for (auto i = static_cast<std::size_t>(std::max<std::int64_t>(after, 0)); i < responses_.size() && out.size() < limit; ++i) {
      out.push_back({static_cast<std::int64_t>(i + 1), responses_[i]});
    }
    return out;
  }

  std::size_t importBulk(const std::vector<Response>& responses) override {
    std::lock_guard lock(mutex_);
    // Check everything before storing anything: all or nothing.
    for (std::size_t i = 0; i < responses.size(); ++i) {
      const std::string prefix = "responses[" + std::to_string(i) + "].";
      checkVersion(responses[i], prefix + "version");
      checkCourt(responses[i], prefix + "court");
    }
    std::size_t created = 0;
    for (const Response& response : responses) {
      if (idsBySubmission_.count(response.submissionId) != 0) continue;
      store(response);
      ++created;
    }
    return created;
  }

  void forEach(const ResponseQuery& query, const std::function<void(const StoredResponse&)>& visit) override {
    // Copy under the lock, visit outside it, so a visitor may call back into the store.
    for (const StoredResponse& stored : matching(query)) visit(stored);
  }

  std::size_t count(const ResponseQuery& query) override { return matching(query).size(); }

  /// Test helper: how many responses are stored.
  std::size_t size() {
    std::lock_guard lock(mutex_);
    return responses_.size();
  }

 private:
  void checkVersion(const Response& response, const std::string& field) {
    if (surveys_ == nullptr || surveys_->findVersion(response.surveyId, response.version)) return;
    throw DomainError(ErrorKind::NotFound, "unknown_version",
                      "survey " + response.surveyId + " has no version " + std::to_string(response.version), field);
  }

  void checkCourt(const Response& response, const std::string& field) {
    if (courts_ == nullptr || courts_->list().empty()) return;
    if (!courts_->find(response.courtCode)) {
      throw DomainError(ErrorKind::Invalid, "unknown_court", "unknown court " + response.courtCode, field);
    }
  }

  void spend(const Response& response) {
    if (invitations_ != nullptr && !response.invitationHash.empty()) invitations_->spend(response, regionOf(response.courtCode));
  }

  std::string store(const Response& response) {
    std::string id = randomId();
    while (usedIds_.count(id) != 0) id = randomId();
    usedIds_.insert(id);
    idsBySubmission_[response.submissionId] = id;
    responses_.push_back(response);
    return id;
  }

  std::string randomId() {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 32; ++i) id += kHex[random_() % 16];
    return id;
  }

  std::string regionOf(const std::string& courtCode) const {
    if (courts_ == nullptr) return {};
    auto court = courts_->find(courtCode);
    return court ? court->region : std::string{};
  }

  std::string levelOf(const std::string& courtCode) const {
    if (courts_ == nullptr) return {};
    auto court = courts_->find(courtCode);
    return court ? court->level : std::string{};
  }

  std::vector<StoredResponse> matching(const ResponseQuery& query) {
    std::lock_guard lock(mutex_);
    std::vector<StoredResponse> out;
    for (const Response& response : responses_) {
      if (!query.surveyId.empty() && response.surveyId != query.surveyId) continue;
      if (!query.courts.empty() &&
          std::find(query.courts.begin(), query.courts.end(), response.courtCode) == query.courts.end()) {
        continue;
      }
      if (query.from && response.givenOn < *query.from) continue;
      if (query.to && *query.to < response.givenOn) continue;
      std::string region = regionOf(response.courtCode);
      if (!query.regions.empty() &&
          std::find(query.regions.begin(), query.regions.end(), region) == query.regions.end()) {
        continue;
      }
      out.push_back({response, std::move(region), levelOf(response.courtCode)});
    }
    return out;
  }

  CourtStore* courts_;
  SurveyStore* surveys_;
  InMemoryInvitationStore* invitations_;
  std::mutex mutex_;
  std::vector<Response> responses_;
  std::unordered_map<std::string, std::string> idsBySubmission_;
  std::unordered_set<std::string> usedIds_;
  std::mt19937_64 random_{std::random_device{}()};
};

}  // namespace courtvoice::surveys::testing
