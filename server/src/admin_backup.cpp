#include "admin_backup.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <istream>
#include <memory>
#include <set>
#include <sstream>

#include <Poco/DeflatingStream.h>
#include <Poco/Exception.h>
#include <Poco/InflatingStream.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/Util/Application.h>

#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "courtvoice/surveys/mysql/migrator.hpp"
#include "courtvoice/surveys/mysql/schema_state.hpp"

namespace courtvoice::server {
namespace {

using App = Poco::Util::Application;

constexpr const char* kFirstLine = "-- CourtVoice backup, format 1";
// mariadb-dump's last line when it finished (its comments are on by default).
constexpr const char* kDumpTrailer = "-- Dump completed";
constexpr std::size_t kChunk = 1U << 20U;
// A progress line at most this often, and only for a step that lasts longer.
constexpr std::chrono::seconds kProgressEvery{5};

std::string mib(std::uintmax_t bytes) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / (1024.0 * 1024.0) << " MiB";
  return out.str();
}

bool endsWith(const std::string& text, const std::string& end) {
  return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

std::string utcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text.data();
}

std::string migrationName(const surveys::mysql::Migration& migration) {
  std::ostringstream out;
  out << std::setw(3) << std::setfill('0') << migration.version << '_' << migration.name;
  return out.str();
}

/// The MariaDB client program on PATH (or in /usr/bin), under its new name or its old one.
std::string findClient(const std::string& name, const std::string& oldName) {
  std::string path = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "";
  path += ":/usr/bin:/usr/local/bin";
  for (const auto& candidate : {name, oldName}) {
    std::stringstream dirs(path);
    for (std::string dir; std::getline(dirs, dir, ':');) {
      if (dir.empty()) continue;
      const std::string full = dir + "/" + candidate;
      if (::access(full.c_str(), X_OK) == 0) return full;
    }
  }
  throw ExitFailure(name + " is not installed (it comes with the Debian package mariadb-client): "
                      "run apt-get install mariadb-client, then try again",
                      App::EXIT_UNAVAILABLE);
}

/// "value" for a MariaDB option file: quoted, with \ and " escaped.
std::string optionValue(const std::string& value) {
  std::string out = "\"";
  for (const char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// The credentials for mariadb-dump and mariadb in a file of mode 0600 that only this run knows,
/// removed when done: never on a command line, where any user could read them in the process list.
class DefaultsFile {
 public:
  explicit DefaultsFile(const surveys::mysql::MySqlConfig& db) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/courtvoice-admin-XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());  // mode 0600
    if (fd < 0) throw ExitFailure("cannot make a temporary file in " + pattern + ": set TMPDIR to a writable directory", App::EXIT_CANTCREAT);
    path_ = name.data();
    std::ostringstream content;
    content << "[client]\nuser=" << optionValue(db.user) << "\npassword=" << optionValue(db.password) << "\n";
    if (!db.socket.empty()) {
      content << "protocol=SOCKET\nsocket=" << optionValue(db.socket) << "\n";
    } else {
      content << "protocol=TCP\nhost=" << optionValue(db.host) << "\nport=" << db.port << "\n";
    }
    content << "default-character-set=utf8mb4\n";
    const std::string text = content.str();
    const bool written = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0 &&
                         ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    if (!written) {
      ::unlink(path_.c_str());
      throw ExitFailure("cannot write the temporary file " + path_ + ": check free space in " + pattern,
                          App::EXIT_CANTCREAT);
    }
  }
  ~DefaultsFile() { ::unlink(path_.c_str()); }
  DefaultsFile(const DefaultsFile&) = delete;
  DefaultsFile& operator=(const DefaultsFile&) = delete;

  /// The client's first option, so that no other option file (/etc/mysql/...) is read.
  std::string option() const { return "--defaults-file=" + path_; }

 private:
  std::string path_;
};

/// Calls `progress` at most every kProgressEvery.
class Ticker {
 public:
  explicit Ticker(const BackupProgress& progress) : progress_(progress) {}
  void tick(const std::function<std::string()>& line) {
    const auto now = std::chrono::steady_clock::now();
    if (progress_ && now - last_ >= kProgressEvery) {
      last_ = now;
      progress_(line());
    }
  }

 private:
  const BackupProgress& progress_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

/// A backup file read as text: gunzipped when it starts with gzip's magic bytes.
class BackupReader {
 public:
  explicit BackupReader(const std::string& file) : file_(file, std::ios::binary) {
    if (!file_) throw ExitFailure("cannot read " + file + ": check the path", App::EXIT_NOINPUT);
    const int first = file_.get();
    const int second = file_.get();
    file_.clear();
    file_.seekg(0);
    if (first == 0x1f && second == 0x8b) {
      gunzip_ = std::make_unique<Poco::InflatingInputStream>(file_, Poco::InflatingStreamBuf::STREAM_GZIP);
    }
  }
  std::istream& stream() { return gunzip_ ? static_cast<std::istream&>(*gunzip_) : file_; }
  /// Bytes of the file (compressed or not) read so far.
  std::uintmax_t position() {
    const auto at = file_.tellg();
    return at < 0 ? 0 : static_cast<std::uintmax_t>(at);
  }

 private:
  std::ifstream file_;
  std::unique_ptr<Poco::InflatingInputStream> gunzip_;
};

struct ScannedBackup {
  BackupHeader header;
  bool complete = false;
};

/// Reads the whole file once before anything changes: the header, and mariadb-dump's last line,
/// which a cut-off copy (a full disk, an interrupted transfer) lacks.
ScannedBackup scanBackup(const std::string& file) {
  BackupReader reader(file);
  std::istream& in = reader.stream();
  auto header = parseBackupHeader(in);
  if (!header) {
    throw ExitFailure(file + " is not a courtvoice-admin backup (it does not start with \"" + kFirstLine +
                            "\"): give a file that `courtvoice-admin backup` wrote",
                        App::EXIT_DATAERR);
  }
  ScannedBackup scanned{*header, false};
  std::string line;
  std::string last;
  try {
    while (std::getline(in, line)) {
      if (!line.empty()) last = line;
    }
  } catch (const Poco::Exception& e) {
    throw ExitFailure(file + " is damaged (" + e.displayText() + "): use another copy of the backup", App::EXIT_DATAERR);
  }
  scanned.complete = last.rfind(kDumpTrailer, 0) == 0;
  return scanned;
}

int versionOf(const std::string& migration) {
  std::size_t used = 0;
  try {
    const int version = std::stoi(migration, &used);
    if (used > 0 && used < migration.size() && migration[used] == '_') return version;
  } catch (const std::exception&) {
    // not a migration name
  }
  return -1;
}

}  // namespace

std::string formatBackupHeader(const BackupHeader& header) {
  std::string migrations;
  for (const auto& name : header.migrations) migrations += (migrations.empty() ? "" : " ") + name;
  return std::string(kFirstLine) + "\n-- created: " + header.created + "\n-- database: " + header.database +
         "\n-- migrations: " + migrations +
         "\n-- restore: courtvoice-admin restore --input FILE (refuses a database holding responses unless --force)\n";
}

std::optional<BackupHeader> parseBackupHeader(std::istream& in) {
  std::string line;
  if (!std::getline(in, line) || line != kFirstLine) return std::nullopt;
  BackupHeader header;
  bool hasMigrations = false;
  // "-- key: value" lines up to the first other line (mariadb-dump's own comments start "-- M").
  while (in.peek() == '-' && std::getline(in, line)) {
    const auto colon = line.find(": ");
    if (line.rfind("-- ", 0) != 0 || colon == std::string::npos) break;
    const std::string key = line.substr(3, colon - 3);
    const std::string value = line.substr(colon + 2);
    if (key == "created") header.created = value;
    if (key == "database") header.database = value;
    if (key == "migrations") {
      hasMigrations = true;
      std::stringstream names(value);
      for (std::string name; names >> name;) header.migrations.push_back(name);
    }
  }
  if (!hasMigrations) return std::nullopt;
  return header;
}

std::string backupDatabase(const surveys::mysql::MySqlConfig& db, const std::string& file, const BackupProgress& progress) {
  const std::string dump = findClient("mariadb-dump", "mysqldump");
  const auto state = surveys::mysql::inspectSchema(db);
  if (state.applied.empty()) {
    throw ExitFailure("database " + db.database + " holds no CourtVoice schema (no migrations recorded): check db.name "
                        "(COURTVOICE_DB_NAME), or run courtvoice-admin migrate for a new database",
                        App::EXIT_DATAERR);
  }
  BackupHeader header{utcNow(), db.database, {}};
  for (const auto& migration : state.applied) header.migrations.push_back(migrationName(migration));

  // Written beside the target, renamed when complete; 0600 from the start: it holds password hashes.
  const std::string partial = file + ".partial";
  const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC, S_IRUSR | S_IWUSR);
  if (fd < 0 || ::fchmod(fd, S_IRUSR | S_IWUSR) != 0) {
    if (fd >= 0) ::close(fd);
    throw ExitFailure("cannot write " + partial + ": check that the directory exists and is writable",
                        App::EXIT_CANTCREAT);
  }
  ::close(fd);
  std::ofstream out(partial, std::ios::binary | std::ios::trunc);
  const bool gzip = endsWith(file, ".gz");
  std::unique_ptr<Poco::DeflatingOutputStream> deflate;
  if (gzip) deflate = std::make_unique<Poco::DeflatingOutputStream>(out, Poco::DeflatingStreamBuf::STREAM_GZIP);
  std::ostream& sink = gzip ? static_cast<std::ostream&>(*deflate) : out;
  sink << formatBackupHeader(header);

  if (progress) progress("dumping database " + db.database + " (" + std::to_string(state.responses) + " responses) with " + dump);
  const DefaultsFile defaults(db);
  // One transaction (InnoDB): a consistent snapshot while the server keeps taking submissions.
  const std::vector<std::string> args = {defaults.option(), "--single-transaction", "--quick", "--routines", "--triggers",
                                         "--hex-blob", "--no-tablespaces", "--default-character-set=utf8mb4", db.database};
  Poco::Pipe pipe;
  Poco::ProcessHandle child = Poco::Process::launch(dump, args, nullptr, &pipe, nullptr);
  std::uintmax_t bytes = 0;
  {
    Poco::PipeInputStream from(pipe);
    std::vector<char> buffer(kChunk);
    Ticker ticker(progress);
    while (from) {
      from.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      const auto got = from.gcount();
      if (got <= 0) break;
      sink.write(buffer.data(), got);
      bytes += static_cast<std::uintmax_t>(got);
      ticker.tick([&] { return "dumped " + mib(bytes); });
    }
  }
  const int status = child.wait();
  if (deflate) deflate->close();
  out.close();
  if (status != 0) {
    std::filesystem::remove(partial);
    throw ExitFailure(dump + " failed (exit " + std::to_string(status) + ", its message is above); no backup was "
                            "written. Check that the database is running and the db.* settings are right, then try again",
                        App::EXIT_UNAVAILABLE);
  }
  if (!out) {
    std::filesystem::remove(partial);
    throw ExitFailure("writing " + partial + " failed (disk full?); no backup was written: free space and try again",
                        App::EXIT_IOERR);
  }
  std::error_code error;
  std::filesystem::rename(partial, file, error);
  if (error) throw ExitFailure("cannot rename " + partial + " to " + file + " (" + error.message() + ")", App::EXIT_CANTCREAT);
  return "backup of database " + db.database + " written to " + file + " (" + mib(std::filesystem::file_size(file)) +
         (gzip ? ", gzip" : "") + "; " + std::to_string(state.responses) + " responses; migrations up to " +
         header.migrations.back() + "; made " + header.created + ")";
}

std::string restoreDatabase(const surveys::mysql::MySqlConfig& db, const std::string& file, bool force,
                            const BackupProgress& progress, const std::function<void(const std::string&)>& applied) {
  const std::string client = findClient("mariadb", "mysql");
  if (progress) progress("checking " + file);
  const ScannedBackup scanned = scanBackup(file);
  const BackupHeader& header = scanned.header;
  if (!scanned.complete) {
    throw ExitFailure(file + " is incomplete (it lacks mariadb-dump's last line \"" + kDumpTrailer +
                            "\"): the copy was cut off. Nothing was changed; use another copy of the backup",
                        App::EXIT_DATAERR);
  }

  // A dump from a newer CourtVoice has tables this program does not understand.
  surveys::mysql::ConnectionPool noConnection(db);  // lists the migration files only
  std::set<int> known;
  std::string newestKnown = "none";
  for (const auto& migration : surveys::mysql::Migrator(noConnection).available()) {
    known.insert(migration.version);
    newestKnown = migrationName(migration);
  }
  for (const auto& name : header.migrations) {
    if (known.count(versionOf(name)) == 0) {
      throw ExitFailure("the backup was made by a newer CourtVoice: its schema has migration " + name +
                              ", and this courtvoice-admin knows migrations up to " + newestKnown +
                              ". Nothing was changed. Install that CourtVoice version (or a later one), then restore",
                          App::EXIT_DATAERR);
    }
  }

  const auto state = surveys::mysql::inspectSchema(db);
  if (state.responses > 0 && !force) {
    throw ExitFailure("database " + db.database + " already holds " + std::to_string(state.responses) +
                            " responses, which the restore would replace. Nothing was changed. If that is what you "
                            "want, back them up first (courtvoice-admin backup --output FILE), then run restore again "
                            "with --force",
                        App::EXIT_DATAERR);
  }
  if (state.tables > 0) {
    const auto dropped = surveys::mysql::dropAllTables(db);
    if (progress) progress("emptied database " + db.database + " (" + std::to_string(dropped) + " tables)");
  }

  if (progress) {
    progress("loading " + file + " (database " + header.database + ", made " + header.created + ") into " + db.database);
  }
  const DefaultsFile defaults(db);
  const std::vector<std::string> args = {defaults.option(), "--batch", "--database=" + db.database};
  // A client that stops reading must not kill this process with SIGPIPE: its status says why.
  std::signal(SIGPIPE, SIG_IGN);
  Poco::Pipe pipe;
  Poco::ProcessHandle child = Poco::Process::launch(client, args, &pipe, nullptr, nullptr);
  const auto total = std::filesystem::file_size(file);
  bool sent = true;
  {
    BackupReader reader(file);
    Poco::PipeOutputStream to(pipe);
    std::vector<char> buffer(kChunk);
    Ticker ticker(progress);
    try {
      std::istream& in = reader.stream();
      while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = in.gcount();
        if (got <= 0) break;
        to.write(buffer.data(), got);
        if (!to) break;
        ticker.tick([&] {
          const auto at = reader.position();
          return "loaded " + mib(at) + " of " + mib(total) + " (" + std::to_string(total > 0 ? at * 100 / total : 100) + "%)";
        });
      }
      to.close();
    } catch (const Poco::Exception&) {
      sent = false;  // the client went away; its status and message tell why
    }
    sent = sent && static_cast<bool>(to);
  }
  pipe.close();
  const int status = child.wait();
  if (status != 0 || !sent) {
    throw ExitFailure(client + " failed while loading (exit " + std::to_string(status) + ", its message is above): database " +
                            db.database + " is partly restored. Fix the cause, then run restore again with --force",
                        App::EXIT_UNAVAILABLE);
  }

  // The documented upgrade path: a backup from an older CourtVoice is brought up to this one's schema.
  const auto migrated = surveys::mysql::migrateSchema(db, [&](const surveys::mysql::Migration& m) {
    if (applied) applied(m.file.filename().string());
  });
  const auto after = surveys::mysql::inspectSchema(db);
  return "restored database " + db.database + " from " + file + " (made " + header.created + " from database " +
         header.database + "): " + std::to_string(after.responses) + " responses; " +
         (migrated.empty() ? std::string("schema up to date") :
                             std::to_string(migrated.size()) + " newer migration(s) applied, schema up to date");
}

}  // namespace courtvoice::server
