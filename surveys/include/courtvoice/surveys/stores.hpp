#pragma once
// Repository interfaces. The surveys core and analytics know only these; the composition root
// (server main, admin tool main) picks the MySQL implementation.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/surveys/court.hpp"
#include "courtvoice/surveys/date.hpp"
#include "courtvoice/surveys/response.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::surveys {

struct SurveyVersionInfo {
  std::string surveyId;
  int version = 0;
  VersionStatus status = VersionStatus::Draft;
  Audience audience = Audience::Citizen;
  LocalizedText title;
  bool reportByCourt = true;  ///< the definition's report_by_court
};

/// Survey definitions and their versions: draft -> published -> closed -> archived. Only a
/// draft can change; a published version never changes again.
class SurveyStore {
 public:
  virtual ~SurveyStore() = default;
  /// Stores `def` as a new draft version (def.version ignored) and returns its number (1, 2, ...).
  /// The caller has validated it: validateDefinition(def), and, when the survey exists,
  /// validateNewVersion(*findLatest(def.id), def) (version_compatibility.hpp), so that kept
  /// item ids keep their meaning and trends survive the edit.
  virtual int createVersion(const SurveyDefinition& def) = 0;
  /// Replaces the definition of the draft version def.version of survey def.id (validated by
  /// the caller as for createVersion, against the newest version before it). A published,
  /// closed or archived version is frozen: DomainError(Conflict, "version_frozen", ...,
  /// "version"). NotFound "unknown_survey" / "unknown_version" when there is no such version.
  virtual void updateDraft(const SurveyDefinition& def) = 0;
  /// Draft -> published. The previously published version of the survey, if any, becomes closed,
  /// so that exactly one version accepts responses. Throws DomainError NotFound / Conflict.
  virtual void publish(const std::string& surveyId, int version) = 0;
  /// Published -> closed: the survey stops accepting responses. Throws NotFound / Conflict.
  virtual void close(const std::string& surveyId) = 0;
  /// Closed -> archived: the version is put away (listed, not offered for anything new). Its
  /// responses stay readable and summarisable with the others. DomainError(Conflict,
  /// "not_closed", ..., "version") for a version in any other status; NotFound
  /// "unknown_survey" / "unknown_version".
  virtual void archive(const std::string& surveyId, int version) = 0;
  /// The version that accepts responses now, if any.
  virtual std::optional<SurveyDefinition> findPublished(const std::string& surveyId) = 0;
  /// Any version, any status.
  virtual std::optional<SurveyDefinition> findVersion(const std::string& surveyId, int version) = 0;
  /// The newest version of the survey, any status (for reading results after it closed).
  virtual std::optional<SurveyDefinition> findLatest(const std::string& surveyId) = 0;
  virtual std::vector<SurveyVersionInfo> listVersions(const std::optional<std::string>& surveyId = {}) = 0;
  /// A number that changes whenever any version of any survey is created, edited or changes
  /// status, by any process sharing the database. Cheap (one row read): caches compare it to
  /// know whether what they hold is still current.
  virtual std::int64_t changeStamp() = 0;
};

struct SubmitResult {
  std::string responseId;  ///< opaque, random; never reveals order of arrival
  bool created = false;    ///< false: this submission_id was stored before; responseId is the first one's
};

/// Which responses to read. Empty fields do not filter.
struct ResponseQuery {
  std::string surveyId;
  std::vector<std::string> courts;
  std::vector<std::string> regions;
  std::optional<Date> from;  ///< inclusive
  std::optional<Date> to;    ///< inclusive
};

/// A stored response with the region and level of its court, as analytics reads it.
struct StoredResponse {
  Response response;
  std::string region;
  std::string level;
};

class ResponseStore {
 public:
  virtual ~ResponseStore() = default;
  /// Stores the response and its answers in one transaction; returns only after commit.
  /// A repeated submission_id stores nothing and returns the first response's id.
  /// Throws DomainError(Invalid, "unknown_court", ..., "court") for a court not in the registry.
  /// A response with an invitationHash spends that code in the same transaction, unless its
  /// submission_id is already stored: DomainError(Forbidden, "invitation_unknown") when there is
  /// no such code for the survey or the court is outside its scope, Conflict "invitation_spent" /
  /// "invitation_expired" (field "invitation_code"); nothing is stored then.
  virtual SubmitResult submit(const Response& response) = 0;
  /// Stores several responses in one transaction (group commit) and returns one result per
  /// response, in order, only after the commit. A submission_id stored before, or repeated
  /// earlier in the same batch, stores nothing and gets created = false with the first one's id.
  /// Throws, and stores nothing, when any response cannot be stored (DomainError "unknown_court",
  /// "unknown_version", ...): the caller then submits them one by one to find which.
  virtual std::vector<SubmitResult> submitBatch(const std::vector<Response>& responses) = 0;
  /// Stores many responses, all or nothing; duplicates of stored submission_ids are skipped.
  /// Returns how many were created.
  virtual std::size_t importBulk(const std::vector<Response>& responses) = 0;
  /// Streams matching responses (all versions of the survey) without holding them all in memory.
  virtual void forEach(const ResponseQuery& query, const std::function<void(const StoredResponse&)>& visit) = 0;
  virtual std::size_t count(const ResponseQuery& query) = 0;
};

/// A committed response and its place in the order of commits.
struct SequencedResponse {
  std::int64_t sequence = 0;
  Response response;
};

/// Committed responses of every survey in the order they committed: what the results engine
/// reads to build its in-memory representation at start-up and to catch up before answering.
class ResponseFeed {
 public:
  virtual ~ResponseFeed() = default;
  /// The newest sequence number committed so far (0 when there is none). Cheap: one indexed read.
  virtual std::int64_t latestSequence() = 0;
  /// Up to `limit` responses with a sequence number above `after`, ascending. Numbers are given
  /// in commit order: once a reader has seen N, no response numbered N or less commits later,
  /// so a reader resumes from the last number it saw and misses nothing.
  virtual std::vector<SequencedResponse> readAfter(std::int64_t after, std::size_t limit) = 0;
};

class CourtStore {
 public:
  virtual ~CourtStore() = default;
  /// Inserts or updates by code.
  virtual void upsert(const Court& court) = 0;
  virtual std::optional<Court> find(const std::string& code) = 0;
  virtual std::vector<Court> list() = 0;
  /// A number that changes whenever any court is inserted or updated, by any process sharing
  /// the database (see SurveyStore::changeStamp).
  virtual std::int64_t changeStamp() = 0;
};

/// Who may answer with the codes of a batch: one court, or every court of one region.
struct InvitationScope {
  std::string court;   ///< a court code, or empty
  std::string region;  ///< a region code, or empty (exactly one of the two is set)
};

struct NewInvitationBatch {
  std::string surveyId;
  InvitationScope scope;
  int count = 0;
  Date expiresOn;      ///< the last day the codes are accepted (UTC)
  Date createdOn;      ///< only its month is stored
};

/// A batch as listed: how many codes were issued and spent, never which.
struct InvitationBatch {
  std::int64_t id = 0;
  std::string surveyId;
  InvitationScope scope;
  Date expiresOn;
  std::string createdMonth;  ///< "YYYY-MM"
  int issued = 0;
  int spent = 0;
  int expired = 0;           ///< codes left unspent when the batch expired (0 before)
};

/// A new batch and its codes (normalised), returned once: only their hashes are stored.
struct CreatedInvitations {
  InvitationBatch batch;
  std::vector<std::string> codes;
};

enum class InvitationStatus { Valid, Unknown, Spent, Expired };

struct InvitationCheck {
  InvitationStatus status = InvitationStatus::Unknown;
  InvitationScope scope;  ///< set unless Unknown
  Date expiresOn;         ///< set unless Unknown
};

/// Invitation batches and their codes, by the SHA-256 of the normalised code (invitation_code.hpp).
/// Codes are spent by the ResponseStore, in the transaction that stores the response.
class InvitationStore {
 public:
  virtual ~InvitationStore() = default;
  /// Makes `count` new codes. The caller has checked the survey, scope, count and expiry.
  virtual CreatedInvitations createBatch(const NewInvitationBatch& batch) = 0;
  /// The survey's batches, oldest first, with issued, spent and expired counts as of `today`.
  virtual std::vector<InvitationBatch> listBatches(const std::string& surveyId, const Date& today) = 0;
  /// What a code (by hash) is for `surveyId` on `today`: Unknown when there is no such code for
  /// that survey; otherwise Spent, Expired (after its expires_on) or Valid, with its scope.
  virtual InvitationCheck check(const std::string& surveyId, const std::string& codeHash, const Date& today) = 0;
};

}  // namespace courtvoice::surveys
