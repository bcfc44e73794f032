#pragma once
// courtvoice-admin backup and restore: a mariadb-dump of the configured database behind a header
// naming the CourtVoice migrations it holds, and loading one back with the mariadb client. Part of
// the admin tool only (it needs the MySQL storage and the MariaDB client programs), not of the
// server library.
#include <functional>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "courtvoice/surveys/mysql/mysql_config.hpp"

namespace courtvoice::server {

/// A failure of a courtvoice-admin command with its own exit status; the message says what to do
/// next (65 refused input, 66 no input, 69 database or client missing, 73 output, 78 settings).
/// Thrown by backup and restore here and by the tool itself (admin_main.cpp), which exits with it.
class ExitFailure : public std::runtime_error {
 public:
  ExitFailure(const std::string& message, int exitCode) : std::runtime_error(message), exitCode_(exitCode) {}
  int exitCode() const { return exitCode_; }

 private:
  int exitCode_;
};

/// The comment lines a backup starts with.
struct BackupHeader {
  std::string created;                  ///< UTC, e.g. 2026-03-01T10:15:00Z
  std::string database;                 ///< the database it was made from
  std::vector<std::string> migrations;  ///< as recorded in schema_migrations: "001_initial", ...
};

/// "-- CourtVoice backup, format 1" and one "-- key: value" line per field, each ending in '\n'.
std::string formatBackupHeader(const BackupHeader& header);

/// The header at the start of `in` (which is read past it); nullopt when `in` does not start like
/// a CourtVoice backup.
std::optional<BackupHeader> parseBackupHeader(std::istream& in);

/// Hears a progress line ("dumped 64 MiB ...") now and then during a long step.
using BackupProgress = std::function<void(const std::string&)>;

/// Writes a consistent dump of db.database to `file` (gzip when it ends in ".gz"; mode 0600: it
/// holds password hashes), through a `.partial` file renamed at the end, so that a failed backup
/// never leaves a file that looks complete. Returns the summary line to print.
std::string backupDatabase(const surveys::mysql::MySqlConfig& db, const std::string& file, const BackupProgress& progress);

/// Loads a backup into db.database, then applies pending migrations (`applied` hears each).
/// Refuses, changing nothing: a file that is not a complete CourtVoice backup, a backup whose
/// migrations this program does not know (made by a newer CourtVoice), and a database with
/// responses unless `force`. Returns the summary line to print.
std::string restoreDatabase(const surveys::mysql::MySqlConfig& db, const std::string& file, bool force,
                            const BackupProgress& progress, const std::function<void(const std::string&)>& applied);

}  // namespace courtvoice::server
