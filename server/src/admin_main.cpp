// courtvoice-admin: administration from the command line, with the same storage code as the
// server. Each subcommand prints what it did; failures exit non-zero with a clear message.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <termios.h>
#include <unistd.h>

#include <Poco/AutoPtr.h>
#include <Poco/Util/Application.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include "admin_backup.hpp"
#include "courtvoice/server/account_service.hpp"
#include "courtvoice/server/admin_kpi_cli.hpp"
#include "courtvoice/server/admin_service.hpp"
#include "courtvoice/server/court_records.hpp"
#include "courtvoice/server/csv.hpp"
#include "courtvoice/server/demo_data.hpp"
#include "courtvoice/server/demo_kpis.hpp"
#include "courtvoice/server/invitation_service.hpp"
#include "courtvoice/server/paper_responses_csv.hpp"
#include "courtvoice/server/posters.hpp"
#include "courtvoice/server/response_export.hpp"
#include "courtvoice/server/server_config.hpp"
#include "courtvoice/server/weights_service.hpp"
#include "courtvoice/surveys/definition_json.hpp"
#include "courtvoice/surveys/detailed_error.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "courtvoice/surveys/mysql/mysql_account_store.hpp"
#include "courtvoice/surveys/mysql/migrator.hpp"
#include "courtvoice/surveys/mysql/mysql_court_store.hpp"
#include "courtvoice/surveys/mysql/mysql_invitation_store.hpp"
#include "courtvoice/surveys/mysql/mysql_audit_store.hpp"
#include "courtvoice/surveys/mysql/mysql_kpi_store.hpp"
#include "courtvoice/surveys/mysql/mysql_population_store.hpp"
#include "courtvoice/surveys/mysql/mysql_response_store.hpp"
#include "courtvoice/surveys/mysql/mysql_survey_store.hpp"
#include "courtvoice/surveys/version_compatibility.hpp"

namespace {

using namespace courtvoice;
using Operands = std::vector<std::string>;

#ifndef COURTVOICE_TEMPLATES_DIR
#define COURTVOICE_TEMPLATES_DIR "surveys/templates"
#endif
// The installed tool (COURTVOICE_INSTALL_LAYOUT) reads the service's settings unless given --config,
// so that an administrator at the server types no more than `courtvoice-admin create-account ...`.
#ifndef COURTVOICE_DEFAULT_CONFIG
#define COURTVOICE_DEFAULT_CONFIG ""
#endif

/// Input files are read whole; this keeps a wrong file from exhausting memory.
constexpr std::uintmax_t kMaxInputBytes = 64U << 20U;
/// Paper responses are stored in transactions of this many (see import-responses --help).
constexpr std::size_t kStoreBatch = 1000;
/// Progress is printed every this many lines of a long import.
constexpr std::size_t kProgressEvery = 5000;

/// A mistake in how the tool was called (exit 64).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using server::ExitFailure;  // admin_backup.hpp: a failure with its own exit status

std::string readFile(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  std::ifstream in(path, std::ios::binary);
  if (error || !in) throw ExitFailure("cannot read " + path, Poco::Util::Application::EXIT_NOINPUT);
  if (size > kMaxInputBytes) {
    throw ExitFailure(path + " is larger than " + std::to_string(kMaxInputBytes >> 20U) + " MiB: split it",
                    Poco::Util::Application::EXIT_DATAERR);
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// Writes the file whole, or throws naming it.
void writeFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw ExitFailure("cannot write " + path, Poco::Util::Application::EXIT_CANTCREAT);
  out << content;
  out.close();
  if (!out) throw ExitFailure("writing " + path + " failed", Poco::Util::Application::EXIT_IOERR);
}

int parseVersion(const std::string& text, const std::string& what = "VERSION") {
  std::size_t used = 0;
  int version = 0;
  try {
    version = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || version < 1) throw UsageError(what + " must be a positive whole number, not \"" + text + "\"");
  return version;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text.empty() ? "(none)" : text;
}

// The stores and services on one pool, built only for commands that use the database.
struct Storage {
  explicit Storage(const server::DatabaseSettings& settings)
      : pool(toMySql(settings)), surveys(pool), responses(pool), courts(pool),
        invitationStore(pool), admin(surveys, responses, courts, clock), kpiStore(pool), engine(responses),
        kpis(surveys, courts, kpiStore, engine, clock), populationStore(pool),
        weights(surveys, courts, populationStore), accountStore(pool), auditStore(pool) {}

  static surveys::mysql::MySqlConfig toMySql(const server::DatabaseSettings& settings) {
    surveys::mysql::MySqlConfig config;
    config.host = settings.host;
    config.port = settings.port;
    config.socket = settings.socket;
    config.user = settings.user;
    config.password = settings.password;
    config.database = settings.name;
    config.poolSize = 2;
    return config;
  }

  surveys::mysql::ConnectionPool pool;
  surveys::mysql::MySqlSurveyStore surveys;
  surveys::mysql::MySqlResponseStore responses;
  surveys::mysql::MySqlCourtStore courts;
  surveys::mysql::MySqlInvitationStore invitationStore;
  surveys::SystemClock clock;
  server::AdminService admin;
  surveys::mysql::MySqlKpiStore kpiStore;
  analytics::ResultsEngine engine;  // reads the responses only when a KPI value is asked for
  server::KpiService kpis;
  surveys::mysql::MySqlPopulationStore populationStore;
  server::WeightsService weights;
  surveys::mysql::MySqlAccountStore accountStore;
  surveys::mysql::MySqlAuditStore auditStore;
};

/// "a,b" -> {"a", "b"}; empty pieces dropped.
std::vector<std::string> codeList(const std::string& text) {
  std::vector<std::string> codes;
  std::stringstream in(text);
  std::string code;
  while (std::getline(in, code, ',')) {
    if (!code.empty()) codes.push_back(code);
  }
  return codes;
}

/// A password from the terminal (asked twice, not echoed) or the first line of standard input:
/// never from an argument, which other users could read in the process list.
std::string readPassword(const std::string& account) {
  std::string password;
  if (isatty(STDIN_FILENO) != 0) {
    termios saved{};
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::string again;
    std::cerr << "password for " << account << " (at least 12 characters): " << std::flush;
    std::getline(std::cin, password);
    std::cerr << "\nthe same again: " << std::flush;
    std::getline(std::cin, again);
    std::cerr << "\n";
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    if (password != again) throw ExitFailure("the two passwords differ", Poco::Util::Application::EXIT_DATAERR);
  } else if (!std::getline(std::cin, password)) {
    throw ExitFailure("no password on standard input (one line)", Poco::Util::Application::EXIT_NOINPUT);
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

class AdminTool;

struct Command {
  const char* name;
  const char* arguments;
  std::size_t argumentCount;
  const char* summary;
  const char* details;               ///< more for SUBCOMMAND --help; may be empty
  std::vector<std::string> options;  ///< the options it takes besides --help and --config
  int (AdminTool::*run)(const Operands&);
};

/// Command::argumentCount of a subcommand that checks its operands itself.
constexpr std::size_t kOwnArguments = static_cast<std::size_t>(-1);

/// Options every subcommand takes.
const std::set<std::string> kCommonOptions = {"help", "config"};

class AdminTool final : public Poco::Util::Application {
 public:
  static const std::vector<Command>& commands() {
    static const std::vector<Command> kCommands = {
        {"migrate", "", 0, "apply pending database migrations (safe to run again)", "", {}, &AdminTool::migrate},
        {"backup", "", 0, "write a consistent dump of the database (mariadb-dump) to --output FILE",
         "backup --output=FILE\n"
         "  One transaction's snapshot (the server may keep running), written by mariadb-dump after a header\n"
         "  naming the migrations applied and the time. FILE ending in .gz is compressed. The file gets mode\n"
         "  0600 (it holds password hashes); a failed backup leaves no FILE. The credentials go to the\n"
         "  client in a temporary file of mode 0600, never on its command line.",
         {"output"}, &AdminTool::backup},
        {"restore", "", 0, "load a backup into the database (mariadb), then apply newer migrations",
         "restore --input=FILE [--force]\n"
         "  Checks the whole file first (a CourtVoice backup, complete, of migrations this version knows) and\n"
         "  refuses a database that holds responses unless --force; then empties the database, loads the\n"
         "  dump and applies the migrations newer than the backup. Stop the server first (systemctl stop\n"
         "  courtvoice) and start it afterwards.",
         {"input", "force"}, &AdminTool::restore},
        {"import-survey", "FILE.json", 1, "store a survey definition as a new draft version; prints its id and version",
         "The definition is validated (docs/survey-format.md) and checked against the survey's earlier\n"
         "versions: a kept item id must keep its type and option codes unless it sets series_break.",
         {}, &AdminTool::importSurvey},
        {"publish", "SURVEY_ID VERSION", 2, "publish a draft version (the previously published one closes)", "", {},
         &AdminTool::publish},
        {"close", "SURVEY_ID", 1, "stop a survey accepting responses", "", {}, &AdminTool::close},
        {"archive", "SURVEY_ID VERSION", 2, "archive a closed version (its responses stay in reports)",
         "Only a closed version can be archived. It stays listed and its responses stay readable and\n"
         "summarised with the other versions; nothing new is offered or imported for it.",
         {}, &AdminTool::archive},
        {"list", "", 0, "list surveys and their versions with status", "", {}, &AdminTool::list},
        {"diff", "SURVEY_ID VERSION", 2, "show how a version's items continue the previous version's series",
         "Compares VERSION with VERSION-1 by item id: kept (one series), broken (series_break: the\n"
         "series breaks here), added (a new series starts) and removed (the series stops).",
         {}, &AdminTool::diff},
        {"import-courts", "FILE.csv", 1,
         "insert or update courts from CSV with columns code,name_kk,name_ru,name_en,region,level,active",
         "RFC 4180 CSV, UTF-8 (a byte order mark is fine), header required, columns in any order.\n"
         "code: 1-32 of A-Z 0-9 _ -; a name in each of kk, ru, en; region: a code of\n"
         "surveys/templates/regions.csv (e.g. almaty_city); level: district, specialised, regional,\n"
         "cassation or supreme; active: 1/0, true/false or yes/no. Every line is checked first and\n"
         "each problem is named by line and column; if any line is bad, nothing is stored.",
         {}, &AdminTool::importCourts},
        {"export-courts", "FILE.csv", 1, "write the court registry as CSV (what import-courts reads)", "", {},
         &AdminTool::exportCourts},
        {"import-responses", "SURVEY_ID FILE.csv", 2, "store paper responses typed into a spreadsheet (wide CSV)",
         "Header: submission_id,court,date,language, then one column per item id (any subset, any order;\n"
         "a required item needs its column). One line per paper form:\n"
         "  submission_id  8-64 of A-Z a-z 0-9 _ -, unique; a form imported again is skipped\n"
         "  court          a code in the registry;  date  YYYY-MM-DD or DD.MM.YYYY, not in the future\n"
         "  language       kk, ru or en (a language of the survey)\n"
         "  item columns   the code or scale value; a number (2.5 or 2,5); text; multiple choice as\n"
         "                 codes separated by ';' (e.g. 1;3); NA, DK, NO for not applicable, don't\n"
         "                 know, no opinion (not in text columns); an empty cell is skipped.\n"
         "Each form is checked as the API checks a response (range, options, required and hidden\n"
         "items). Every line is checked before anything is stored: if any is bad, the problems are\n"
         "listed by line and column (at most 100) and nothing is stored. Then the forms are stored\n"
         "in transactions of 1000. If storing fails part way (e.g. the database goes away), the\n"
         "batches before stay stored; running the same command again is safe, since forms whose\n"
         "submission_id is stored are skipped. Channel: paper.",
         {"version"}, &AdminTool::importResponses},
        {"export-responses", "SURVEY_ID FILE.csv", 2,
         "write every answer of a survey in long format (one line per response and item)",
         "Admin-only raw data: every answer of every response, free-text comments included (which may\n"
         "name people), with no suppression of small groups. Keep the file inside the court\n"
         "administration. --no-text leaves out the answers to text items.",
         {"no-text"}, &AdminTool::exportResponses},
        {"invitations", "create|list SURVEY_ID", 2, "make single-use invitation codes for a staff or judge survey, or list batches",
         "invitations create SURVEY_ID (--court=CODE | --region=REGION) --count=N --expires=YYYY-MM-DD\n"
         "                   --csv=FILE.csv [--slips=FILE.html]\n"
         "  makes N (1-5000) codes for one court or every court of a region, accepted until the day\n"
         "  given (UTC, after today). The codes are written once, to the CSV (code,link) and the\n"
         "  printable slip sheet (A4, 10 slips a page, open it in a browser and print); the database\n"
         "  keeps only their hashes, so keep the files safe until the slips are handed out, then\n"
         "  delete them. Links use server.publicBaseUrl (COURTVOICE_PUBLIC_BASE_URL).\n"
         "invitations list SURVEY_ID\n"
         "  every batch with its scope, expiry and how many codes were issued, spent and expired.",
         {"court", "region", "count", "expires", "csv", "slips"}, &AdminTool::invitations},
        {"kpi", "list|show ID|set FILE.json|history ID|values", kOwnArguments,
         "public-confidence KPIs: list, show, define or change (a new version), history, values",
         server::kKpiCliHelp, {"by"}, &AdminTool::kpi},
        {"weights", "load SURVEY_ID FILE.csv|show SURVEY_ID|clear SURVEY_ID", kOwnArguments,
         "population counts for post-stratification weights (summary?weights=on): load, show, clear",
         "weights load SURVEY_ID FILE.csv [--by=NAME]\n"
         "  replaces the survey's population counts with the file's (docs/api.md, \"Weights\"): header\n"
         "  court,case_type,population (case_type may be left out); UTF-8, a byte order mark is fine;\n"
         "  commas, or semicolons as a Russian-locale spreadsheet saves them. One line per cell: a court\n"
         "  code of the registry, a case type (an option code of the survey's case_type item) or empty for\n"
         "  the whole court, and a whole number from 0 (0 drops the cell). All lines give a case type or\n"
         "  none; no cell twice; at most 10000 lines. If any line is bad, every problem is listed by\n"
         "  line and column and nothing changes.\n"
         "weights show SURVEY_ID\n"
         "  when and by whom the counts were loaded, then the counts as CSV (what load reads).\n"
         "weights clear SURVEY_ID\n"
         "  removes the counts (summary?weights=on then answers 400 no_weights).",
         {"by"}, &AdminTool::weights},
        {"create-account", "NAME", 1, "create an account with a role (password from standard input or a prompt)",
         "create-account NAME --role=administrator|analyst|court_manager|viewer [--regions=a,b] [--courts=X,Y]\n"
         "  The password (at least 12 characters, not containing NAME) is read from the terminal, asked\n"
         "  twice, or from the first line of standard input; never from an argument. Without --regions\n"
         "  and --courts the scope is the whole country (administrators always have it).",
         {"role", "regions", "courts"}, &AdminTool::createAccount},
        {"set-password", "NAME", 1, "give an account a new password (ends its sessions)", "", {}, &AdminTool::setPassword},
        {"disable-account", "NAME", 1, "disable an account: its sessions end and its tokens stop working", "", {},
         &AdminTool::disableAccount},
        {"list-accounts", "", 0, "list accounts with role, scope and state", "", {}, &AdminTool::listAccounts},
        {"create-token", "ACCOUNT", 1, "create an API token for an account; prints it once",
         "create-token ACCOUNT --label=TEXT --expires=DAYS [--regions=a,b] [--courts=X,Y]\n"
         "  The token is printed once (only its hash is stored); send it as Authorization: Bearer TOKEN.\n"
         "  Its scope defaults to the account's and may not be wider.",
         {"label", "expires", "regions", "courts"}, &AdminTool::createToken},
        {"list-tokens", "ACCOUNT", 1, "list an account's API tokens (never the tokens themselves)", "", {},
         &AdminTool::listTokens},
        {"revoke-token", "ACCOUNT ID", 2, "revoke an API token (by the id list-tokens shows)", "", {}, &AdminTool::revokeToken},
        {"verify-audit", "", 0, "check the audit trail's hash chain; exit 0 when intact, 65 at the first break",
         "Walks every entry in sequence order: sequences 1, 2, ... with no gap, each entry's previous hash\n"
         "equal to the hash of the entry before, each hash equal to the SHA-256 of the entry's canonical\n"
         "form (docs/api.md, \"Audit\"), the last entry equal to the head row. Prints\n"
         "  N entries checked, chain OK\n"
         "or, at the first break, the sequence and what it looks like (edited, removed, reordered):\n"
         "  audit chain broken at entry 5 (edited): entry 5 does not match its hash: edited\n"
         "  4 entries checked before it", {}, &AdminTool::verifyAudit},
        {"posters", "DIR", 1, "write the A4 poster of every active court for each published citizen survey",
         "Writes DIR/index.html (the list), DIR/SURVEY_ID/COURT.html (prints on one A4 sheet) and\n"
         "DIR/SURVEY_ID/COURT.svg. The files open without the server. The printed link and its QR code\n"
         "start with server.publicBaseUrl (COURTVOICE_PUBLIC_BASE_URL), e.g. https://sot.example.kz.",
         {}, &AdminTool::posters},
        {"demo", "", 0, "load the shipped courts and both editions of each shipped survey, with realistic responses",
         "For court_user, court_staff and judges (those in the templates directory): publishes the first\n"
         "edition (DIR/v1/ID.json) as version 1 and imports its responses, dated 7 to 24 months ago; then\n"
         "publishes the current edition (DIR/ID.json) as version 2 (version 1 closes) and imports its\n"
         "responses, dated in the last 6 months. Without DIR/v1/ID.json the current edition is version 1,\n"
         "answered over the whole 24 months. Citizens answer all the time (--responses per edition);\n"
         "staff (12 per court) and judges (8 per court) in one four-week wave per edition, imported as\n"
         "paper forms (no invitation codes). Idempotent: a version already published is kept, an edition\n"
         "whose next version is published is skipped, and responses already stored are skipped\n"
         "(deterministic submission ids), so a second run adds nothing. Then defines the three demo KPIs\n"
         "(citizens' overall satisfaction, the fairness index, staff engagement) with baselines computed\n"
         "from the data and 2029 targets, unless they exist; and loads DIR/population/court_user.csv (illustrative\n"
         "caseloads per court and case type) as court_user's population counts for weights, unless it has some.",
         {"responses", "templates"},
         &AdminTool::demo},
    };
    return kCommands;
  }

 protected:
  void defineOptions(Poco::Util::OptionSet& options) override {
    Application::defineOptions(options);
    const auto add = [&](const std::string& name, const std::string& shortName, const std::string& text,
                         const std::string& argument, void (AdminTool::*handler)(const std::string&, const std::string&)) {
      Poco::Util::Option option(name, shortName, text);
      option.required(false).repeatable(false).callback(Poco::Util::OptionCallback<AdminTool>(this, handler));
      if (!argument.empty()) option.argument(argument);
      options.addOption(option);
    };
    add("help", "h", "show help (for a subcommand: courtvoice-admin SUBCOMMAND --help)", "", &AdminTool::onHelp);
    add("config", "c", "read db.* settings from a properties file", "FILE", &AdminTool::onConfig);
    add("version", "v", "import-responses: the version the forms answer (default: the newest published or closed one)",
        "N", &AdminTool::onVersion);
    add("no-text", "", "export-responses: leave out the answers to text items", "", &AdminTool::onNoText);
    add("responses", "n", "demo: how many citizens' responses to generate per edition (default 600)", "N", &AdminTool::onResponses);
    add("templates", "t", "demo: the directory with courts.csv, court_user.json (and court_staff.json, judges.json; first editions in v1/)", "DIR", &AdminTool::onTemplates);
    add("court", "", "invitations: the court the codes are for", "CODE", &AdminTool::onText);
    add("region", "", "invitations: the region whose courts the codes are for", "REGION", &AdminTool::onText);
    add("count", "", "invitations: how many codes (1-5000)", "N", &AdminTool::onText);
    add("expires", "", "invitations: the last day the codes are accepted", "DAY", &AdminTool::onText);
    add("csv", "", "invitations: the CSV file to write (code,link)", "FILE", &AdminTool::onText);
    add("slips", "", "invitations: the slip sheet to write (HTML)", "FILE", &AdminTool::onText);
    add("by", "", "kpi, weights: who makes the change (default: $USER)", "NAME", &AdminTool::onText);
    add("role", "", "create-account: administrator, analyst, court_manager or viewer", "ROLE", &AdminTool::onText);
    add("regions", "", "create-account, create-token: region codes of the scope, comma-separated", "CODES", &AdminTool::onText);
    add("courts", "", "create-account, create-token: court codes of the scope, comma-separated", "CODES", &AdminTool::onText);
    add("label", "", "create-token: what the token is for", "TEXT", &AdminTool::onText);
    add("output", "o", "backup: the file to write (.gz: compressed)", "FILE", &AdminTool::onText);
    add("input", "i", "restore: the backup file to load", "FILE", &AdminTool::onText);
    add("force", "", "restore: replace a database that already holds responses", "", &AdminTool::onText);
  }

  int main(const ArgVec& args) override {
    if (args.empty()) {
      if (help_) {
        printHelp();
        return EXIT_OK;
      }
      std::cerr << "courtvoice-admin: no subcommand given\n";
      printHelp();
      return EXIT_USAGE;
    }
    const auto command = std::find_if(commands().begin(), commands().end(),
                                      [&](const Command& c) { return args[0] == c.name; });
    if (command == commands().end()) {
      std::cerr << "courtvoice-admin: unknown subcommand \"" << args[0] << "\"\n";
      printHelp();
      return EXIT_USAGE;
    }
    if (help_) {
      printCommandHelp(*command);
      return EXIT_OK;
    }
    const Operands operands(args.begin() + 1, args.end());
    const std::string name = "courtvoice-admin " + std::string(command->name);
    try {
      if (command->argumentCount != kOwnArguments && operands.size() != command->argumentCount) {
        throw UsageError(std::string(command->name) + " takes " + std::to_string(command->argumentCount) +
                         " argument(s)" + (command->argumentCount > 0 ? ": " + std::string(command->arguments) : ""));
      }
      loadDefaultConfig();
      for (const auto& option : given_) {
        if (!kCommonOptions.contains(option) &&
            std::find(command->options.begin(), command->options.end(), option) == command->options.end()) {
          throw UsageError("--" + option + " does not apply to " + command->name);
        }
      }
      return (this->*command->run)(operands);
    } catch (const UsageError& e) {
      std::cerr << name << ": " << e.what() << "\n";
      printCommandHelp(*command);
      return EXIT_USAGE;
    } catch (const ExitFailure& e) {
      std::cerr << name << ": failed: " << e.what() << "\n";
      return e.exitCode();
    } catch (const surveys::DomainError& e) {
      if (e.errors().empty()) {
        std::cerr << name << ": failed: " << e.what() << (e.field().empty() ? "" : " (" + e.field() + ")") << " ["
                  << e.code() << "]\n";
        // The operator runs the tool: the detail a web client is not shown (host, MySQL's text).
        if (const std::string detail = surveys::errorDetail(e); !detail.empty()) std::cerr << "  " << detail << "\n";
      } else {
        std::cerr << name << ": failed: " << e.errors().size() << " problem(s):\n";
      }
      for (const auto& error : e.errors()) {
        std::cerr << "  " << (error.field.empty() ? "(whole file)" : error.field) << ": " << error.message << " ["
                  << error.code << "]\n";
      }
      return e.kind() == surveys::ErrorKind::Unavailable ? EXIT_UNAVAILABLE : EXIT_DATAERR;
    } catch (const std::exception& e) {
      std::cerr << name << ": failed: " << e.what() << "\n";
      return EXIT_SOFTWARE;
    }
  }

 private:
  server::DatabaseSettings settings() {
    try {
      return server::loadDatabaseSettings(config(), server::processEnvironment());
    } catch (const std::invalid_argument& e) {
      throw ExitFailure(std::string("database settings: ") + e.what(), EXIT_CONFIG);
    }
  }

  int migrate(const Operands&) {
    const auto applied = surveys::mysql::migrateSchema(Storage::toMySql(settings()), [](const surveys::mysql::Migration& m) {
      std::cout << "applied " << m.file.filename().string() << "\n";
    });
    std::cout << (applied.empty() ? "nothing to apply: " : "") << "database schema up to date (" << applied.size()
              << " applied)\n";
    return EXIT_OK;
  }

  int backup(const Operands&) {
    const auto output = text("output");
    if (!output || output->empty()) throw UsageError("--output=FILE is required");
    std::cout << server::backupDatabase(Storage::toMySql(settings()), *output, progressLine) << "\n";
    return EXIT_OK;
  }

  int restore(const Operands&) {
    const auto input = text("input");
    if (!input || input->empty()) throw UsageError("--input=FILE is required");
    const auto summary = server::restoreDatabase(Storage::toMySql(settings()), *input, text("force").has_value(),
                                                 progressLine, [](const std::string& file) {
                                                   std::cout << "applied " << file << "\n" << std::flush;
                                                 });
    std::cout << summary << "\n";
    return EXIT_OK;
  }

  /// A step of a long command, printed at once (the operator watches it).
  static void progressLine(const std::string& line) { std::cout << line << "\n" << std::flush; }

  int importSurvey(const Operands& operands) {
    const std::string json = readFile(operands[0]);
    Storage storage(settings());
    const auto created = storage.admin.createVersion(json);
    std::cout << "created survey " << created.surveyId << " version " << created.version << " (draft)\n";
    std::cout << "publish it with: courtvoice-admin publish " << created.surveyId << " " << created.version << "\n";
    return EXIT_OK;
  }

  int publish(const Operands& operands) {
    const int version = parseVersion(operands[1]);
    Storage storage(settings());
    storage.admin.publish(operands[0], version);
    std::cout << "published survey " << operands[0] << " version " << version << "\n";
    return EXIT_OK;
  }

  int close(const Operands& operands) {
    Storage storage(settings());
    storage.admin.close(operands[0]);
    std::cout << "closed survey " << operands[0] << ": it no longer accepts responses\n";
    return EXIT_OK;
  }

  int archive(const Operands& operands) {
    const int version = parseVersion(operands[1]);
    Storage storage(settings());
    storage.admin.archive(operands[0], version);
    std::cout << "archived survey " << operands[0] << " version " << version
              << ": still listed, its responses stay in reports\n";
    return EXIT_OK;
  }

  int list(const Operands&) {
    Storage storage(settings());
    const auto versions = storage.admin.list();
    if (versions.empty()) {
      std::cout << "no surveys\n";
      return EXIT_OK;
    }
    std::cout << std::left << std::setw(24) << "SURVEY" << std::setw(9) << "VERSION" << std::setw(11) << "STATUS"
              << std::setw(10) << "AUDIENCE" << "TITLE\n";
    for (const auto& info : versions) {
      std::cout << std::left << std::setw(24) << info.surveyId << std::setw(9) << info.version << std::setw(11)
                << toString(info.status) << std::setw(10) << toString(info.audience) << surveys::pick(info.title, "en")
                << "\n";
    }
    return EXIT_OK;
  }

  int diff(const Operands& operands) {
    const int version = parseVersion(operands[1]);
    Storage storage(settings());
    const auto next = storage.admin.getVersion(operands[0], version);
    // Versions are numbered 1, 2, ... without gaps, so the previous one is version - 1.
    const auto previous = version > 1 ? storage.surveys.findVersion(operands[0], version - 1) : std::nullopt;
    const auto d = surveys::diffVersions(previous.value_or(surveys::SurveyDefinition{}), next);
    if (previous) {
      std::cout << "survey " << next.id << " version " << version << " against version " << version - 1 << ":\n";
    } else {
      std::cout << "survey " << next.id << " version " << version << " is the first: every item starts a series\n";
    }
    std::cout << "  kept (one series):       " << joined(d.kept) << "\n"
              << "  broken (series breaks):  " << joined(d.broken) << "\n"
              << "  added (new series):      " << joined(d.added) << "\n"
              << "  removed (series stops):  " << joined(d.removed) << "\n";
    return EXIT_OK;
  }

  int importCourts(const Operands& operands) {
    // The file is checked completely before the database is touched.
    const auto courts = server::parseCourtsCsv(readFile(operands[0]));
    Storage storage(settings());
    std::cout << "upserted " << storage.admin.upsertCourts(courts) << " courts from " << operands[0] << "\n";
    return EXIT_OK;
  }

  int posters(const Operands& operands) {
    server::ServerConfig serverConfig;
    try {
      serverConfig = server::loadServerConfig(config(), server::processEnvironment());
    } catch (const std::invalid_argument& e) {
      throw ExitFailure(std::string("settings: ") + e.what(), EXIT_CONFIG);
    }
    Storage storage(settings());
    const server::SteadyClock steady;
    server::CatalogCache catalog(storage.surveys, storage.courts, steady, std::chrono::milliseconds(0));
    server::PosterService service(catalog, storage.surveys, serverConfig.publicBaseUrl);
    const std::filesystem::path dir(operands[0]);
    const auto head = server::inlinePosterHead(serverConfig.webDir);
    const auto surveyList = service.citizenSurveys();
    const auto courts = service.courts("ru");
    std::size_t written = 0;
    for (const auto& survey : surveyList) {
      std::filesystem::create_directories(dir / survey.surveyId);
      for (const auto& court : courts) {
        const auto poster = service.poster(survey.surveyId, court.code);
        writeFile((dir / survey.surveyId / (court.code + ".html")).string(), server::posterHtml(poster, head));
        writeFile((dir / survey.surveyId / (court.code + ".svg")).string(), server::posterSvg(poster));
        ++written;
      }
      std::cout << survey.surveyId << ": " << courts.size() << " posters\n";
    }
    const auto link = [](const std::string& survey, const std::string& court, const std::string& kind) {
      return survey + "/" + court + "." + kind;
    };
    writeFile((dir / "index.html").string(), server::posterIndexHtml(surveyList, courts, "ru", link, head));
    std::cout << "wrote " << written << " posters (HTML and SVG) and " << (dir / "index.html").string() << "\n";
    return EXIT_OK;
  }

  int exportCourts(const Operands& operands) {
    Storage storage(settings());
    const auto courts = storage.courts.list();
    writeFile(operands[0], server::formatCourtsCsv(courts));
    std::cout << "exported " << courts.size() << " courts to " << operands[0] << "\n";
    return EXIT_OK;
  }

  // The version paper forms are imported into: --version, else the newest published or closed.
  surveys::SurveyDefinition importVersion(Storage& storage, const std::string& surveyId) {
    const auto versions = storage.surveys.listVersions(surveyId);
    if (versions.empty()) {
      throw surveys::DomainError(surveys::ErrorKind::NotFound, "survey_not_found", "no survey " + surveyId, "");
    }
    std::optional<surveys::SurveyVersionInfo> chosen;
    for (const auto& info : versions) {
      const bool importable =
          info.status == surveys::VersionStatus::Published || info.status == surveys::VersionStatus::Closed;
      if (version_ ? info.version == *version_ : importable && (!chosen || info.version > chosen->version)) chosen = info;
    }
    if (!chosen) {
      throw surveys::DomainError(surveys::ErrorKind::NotFound, version_ ? "version_not_found" : "no_importable_version",
                                 version_ ? "survey " + surveyId + " has no version " + std::to_string(*version_)
                                          : "survey " + surveyId + " has no published or closed version",
                                 "version");
    }
    if (chosen->status != surveys::VersionStatus::Published && chosen->status != surveys::VersionStatus::Closed) {
      throw surveys::DomainError(surveys::ErrorKind::Conflict, "version_not_importable",
                                 "responses can be imported only for a published or closed version; version " +
                                     std::to_string(chosen->version) + " is " + toString(chosen->status),
                                 "version");
    }
    return storage.admin.getVersion(surveyId, chosen->version);
  }

  int importResponses(const Operands& operands) {
    const std::string& file = operands[1];
    const std::string text = readFile(file);
    Storage storage(settings());
    const auto def = importVersion(storage, operands[0]);

    server::PaperResponseRules rules;
    for (const auto& court : storage.courts.list()) rules.courts.insert(court.code);
    rules.today = storage.clock.today();
    std::cout << "checking " << file << " against survey " << def.id << " version " << def.version << "\n" << std::flush;
    std::vector<surveys::Response> responses;
    try {
      responses = server::parsePaperResponsesCsv(
          text, def, rules,
          [](std::size_t done, std::size_t total) {
            std::cout << "parsed " << done << "/" << total << " lines\n" << std::flush;
          },
          kProgressEvery);
    } catch (const surveys::DomainError&) {
      std::cerr << "courtvoice-admin import-responses: " << file << " has problems; nothing was stored\n";
      throw;
    }

    std::size_t stored = 0;
    std::size_t created = 0;
    try {
      for (std::size_t start = 0; start < responses.size(); start += kStoreBatch) {
        const std::size_t end = std::min(responses.size(), start + kStoreBatch);
        const auto result = storage.admin.importResponses(
            def, std::vector<surveys::Response>(responses.begin() + static_cast<std::ptrdiff_t>(start),
                                                responses.begin() + static_cast<std::ptrdiff_t>(end)));
        stored = end;
        created += result.created;
        if (end % kProgressEvery == 0 || end == responses.size()) {
          std::cout << "stored " << end << "/" << responses.size() << " (" << created << " new, " << end - created
                    << " already stored)\n"
                    << std::flush;
        }
      }
    } catch (const std::exception&) {
      std::cerr << "courtvoice-admin import-responses: storing failed after " << stored << " of " << responses.size()
                << " forms were stored (" << created << " new); they stay stored. Running the same command again "
                << "is safe: forms already stored are skipped.\n";
      throw;
    }
    std::cout << "imported " << responses.size() << " paper forms from " << file << " into survey " << def.id
              << " version " << def.version << ": " << created << " new, " << responses.size() - created
              << " already stored (skipped)\n";
    return EXIT_OK;
  }

  int exportResponses(const Operands& operands) {
    const std::string& surveyId = operands[0];
    Storage storage(settings());
    if (!storage.surveys.findLatest(surveyId)) {
      throw surveys::DomainError(surveys::ErrorKind::NotFound, "survey_not_found", "no survey " + surveyId, "");
    }
    std::ofstream out(operands[1], std::ios::binary | std::ios::trunc);
    if (!out) throw ExitFailure("cannot write " + operands[1], EXIT_CANTCREAT);
    // The API's writer (long layout) with commas and decimal points, as scripts read this file;
    // court and region names in Russian. Text answers are kept unless --no-text.
    server::ResponseExportOptions options;
    options.style = server::csvStyleFor("comma", "ru");
    options.lang = "ru";
    options.withTexts = !noText_;
    options.query.surveyId = surveyId;
    const server::ResponseExport exported = server::exportResponses(
        storage.surveys, storage.responses, storage.courts.list(), options, [&]() -> std::ostream& { return out; });
    out.close();
    if (!out) throw ExitFailure("writing " + operands[1] + " failed", EXIT_IOERR);
    std::cout << "exported " << exported.responses << " responses of " << surveyId << " to " << operands[1]
              << (noText_ ? " without text answers (" + std::to_string(exported.textsLeftOut) + " left out)" : "")
              << (exported.byCourt ? "" : " with region and level instead of the court (not reported by court)")
              << "; raw data for administrators only\n";
    return EXIT_OK;
  }

  int kpi(const Operands& operands) {
    Storage storage(settings());
    const char* envUser = std::getenv("USER");
    const std::string user = text("by").value_or(envUser != nullptr ? envUser : "");
    try {
      return server::runKpiCli(operands, storage.kpis, user, readFile, std::cout);
    } catch (const server::KpiUsageError& e) {
      throw UsageError(e.what());
    }
  }

  int weights(const Operands& operands) {
    const std::string action = operands.empty() ? "" : operands[0];
    const std::size_t wanted = action == "load" ? 3 : 2;
    if ((action != "load" && action != "show" && action != "clear") || operands.size() != wanted) {
      throw UsageError("weights takes load SURVEY_ID FILE.csv, show SURVEY_ID or clear SURVEY_ID");
    }
    const std::string& surveyId = operands[1];
    if (action == "load") {
      const std::string csv = readFile(operands[2]);
      const char* envUser = std::getenv("USER");
      Storage storage(settings());
      const auto set = storage.weights.load(surveyId, csv, text("by").value_or(envUser != nullptr ? envUser : ""));
      std::int64_t total = 0;
      for (const auto& cell : set.cells) total += cell.population;
      std::cout << "loaded " << set.cells.size() << " population counts for " << surveyId << " ("
                << (set.cells.front().caseType ? "per court and case type" : "per court") << ", total " << total
                << "): summary?weights=on now weights to them\n";
      return EXIT_OK;
    }
    Storage storage(settings());
    if (action == "clear") {
      std::cout << (storage.weights.clear(surveyId) ? "cleared the population counts of " : "no population counts were loaded for ")
                << surveyId << "\n";
      return EXIT_OK;
    }
    const auto set = storage.weights.show(surveyId);
    std::cout << "# " << set.cells.size() << " population counts of " << surveyId << ", loaded " << set.loadedOn
              << " UTC" << (set.loadedBy.empty() ? "" : " by " + set.loadedBy) << "\n";
    std::cout << server::csvLine({"court", "case_type", "population"});
    for (const auto& cell : set.cells) {
      std::cout << server::csvLine({cell.court, cell.caseType ? std::to_string(*cell.caseType) : "",
                                    std::to_string(cell.population)});
    }
    return EXIT_OK;
  }

  int verifyAudit(const Operands&) {
    Storage storage(settings());
    const auto result = surveys::verifyAuditChain(storage.auditStore);
    if (result.ok) {
      std::cout << result.message << "\n";
      return EXIT_OK;
    }
    std::cout << "audit chain broken at entry " << result.brokenAt << " (" << result.problem << "): " << result.message
              << "\n"
              << result.checked << " entries checked before it\n";
    return EXIT_DATAERR;
  }

  int demo(const Operands&) {
    const std::string dir = templatesDir_.empty() ? COURTVOICE_TEMPLATES_DIR : templatesDir_;
    const auto courts = server::parseCourtsCsv(readFile(dir + "/courts.csv"));
    if (!std::filesystem::exists(dir + "/court_user.json")) throw ExitFailure("cannot read " + dir + "/court_user.json", EXIT_NOINPUT);
    Storage storage(settings());
    std::cout << "courts: upserted " << storage.admin.upsertCourts(courts) << " from " << dir << "/courts.csv\n";
    const auto registry = storage.courts.list();
    const auto activeCourts = static_cast<std::size_t>(
        std::count_if(registry.begin(), registry.end(), [](const surveys::Court& c) { return c.active; }));

    std::size_t created = 0;
    std::size_t duplicates = 0;
    for (const char* id : {"court_user", "court_staff", "judges"}) {
      const std::string current = dir + "/" + id + ".json";
      if (!std::filesystem::exists(current)) continue;
      // The editions in order: the first (DIR/v1/ID.json) if shipped, then the current one.
      std::vector<std::string> files;
      if (const std::string first = dir + "/v1/" + id + ".json"; std::filesystem::exists(first)) files.push_back(first);
      files.push_back(current);
      const int editions = static_cast<int>(files.size());
      for (int edition = 1; edition <= editions; ++edition) {
        const auto [added, skipped] = demoEdition(storage, files[static_cast<std::size_t>(edition - 1)], edition, editions,
                                                  activeCourts);
        created += added;
        duplicates += skipped;
      }
    }
    server::loadDemoKpis(storage.kpis, std::cout);
    // Illustrative caseloads per court and case type, so that summary?weights=on shows something.
    if (const std::string population = dir + "/population/court_user.csv"; std::filesystem::exists(population)) {
      if (storage.populationStore.find("court_user")) {
        std::cout << "weights: court_user has population counts already\n";
      } else {
        const auto set = storage.weights.load("court_user", readFile(population), "demo");
        std::cout << "weights: loaded " << set.cells.size() << " population counts for court_user from " << population
                  << "\n";
      }
    }
    std::cout << "demo ready: " << created << " responses added, " << duplicates << " were already there\n";
    return EXIT_OK;
  }

  // Edition `edition` of a shipped survey is its version `edition`: published (unless it is),
  // then given its demo responses. Once a later version is published, this one is done: it is
  // left as it is (a rerun adds nothing). Returns {responses added, responses already stored}.
  std::pair<std::size_t, std::size_t> demoEdition(Storage& storage, const std::string& file, int edition, int editions,
                                                  std::size_t activeCourts) {
    const std::string json = readFile(file);
    const std::string surveyId = surveys::parseDefinition(json).id;
    const auto published = storage.surveys.findPublished(surveyId);
    if (published && published->version > edition) {
      std::cout << "survey " << surveyId << " version " << edition << ": done (version " << published->version
                << " is published)\n";
      return {0, 0};
    }
    std::optional<surveys::SurveyDefinition> def;
    if (published && published->version == edition) {
      std::cout << "survey " << surveyId << ": version " << edition << " already published\n";
      def = published;
    } else {
      int latest = 0;
      bool latestIsDraft = false;
      for (const auto& info : storage.surveys.listVersions(surveyId)) {
        if (info.version > latest) {
          latest = info.version;
          latestIsDraft = info.status == surveys::VersionStatus::Draft;
        }
      }
      if (latest == edition - 1) {
        latest = storage.admin.createVersion(json).version;
        latestIsDraft = true;
      }
      // A draft left by an interrupted run is published now; anything else is not the demo's.
      if (latest != edition || !latestIsDraft) {
        throw surveys::DomainError(surveys::ErrorKind::Conflict, "version_exists",
                                   "survey " + surveyId + " has versions the demo did not make (newest: " +
                                       std::to_string(latest) + "); load the demo into an empty database",
                                   "");
      }
      storage.admin.publish(surveyId, edition);
      std::cout << "survey " << surveyId << ": published version " << edition << " from " << file << "\n";
      def = storage.surveys.findVersion(surveyId, edition);
    }

    const auto options = server::demoEditionOptions(def->audience, edition, editions, activeCourts, responses_);
    const auto responses = server::generateDemoResponses(*def, storage.courts.list(), storage.clock.today(), options);
    // In batches, so that progress shows; each batch is all or nothing, and a rerun skips what
    // is stored (the submission ids are deterministic).
    constexpr std::size_t kBatch = 250;
    std::size_t created = 0;
    std::size_t duplicates = 0;
    for (std::size_t start = 0; start < responses.size(); start += kBatch) {
      const std::size_t end = std::min(responses.size(), start + kBatch);
      const auto result = storage.admin.importResponses(
          *def, std::vector<surveys::Response>(responses.begin() + static_cast<std::ptrdiff_t>(start),
                                               responses.begin() + static_cast<std::ptrdiff_t>(end)));
      created += result.created;
      duplicates += result.duplicates;
      std::cout << "responses " << surveyId << " v" << def->version << ": " << end << "/" << responses.size() << " ("
                << created << " new, " << duplicates << " already stored)\n"
                << std::flush;
    }
    return {created, duplicates};
  }

  void printHelp() {
    Poco::Util::HelpFormatter help(options());
    help.setWidth(100);
    help.setCommand(commandName());
    help.setUsage("SUBCOMMAND [ARGUMENTS] [OPTIONS]");
    std::string header =
        "CourtVoice administration. The database comes from COURTVOICE_DB_HOST, _PORT, _SOCKET, _USER, "
        "_PASSWORD and _NAME (as for the server), or --config FILE.\n\nSubcommands (courtvoice-admin SUBCOMMAND "
        "--help for details):\n";
    for (const auto& c : commands()) {
      header += "  " + std::string(c.name) + (c.arguments[0] ? " " + std::string(c.arguments) : "") + "\n      " +
                c.summary + "\n";
    }
    help.setHeader(header);
    help.setFooter(
        "Exit status: 0 done, 64 wrong usage, 65 bad input (every problem is listed), 66 input file "
        "missing, 69 database unavailable, 70 unexpected failure, 73 output file not writable, 78 bad database settings.");
    help.format(std::cout);
  }

  void printCommandHelp(const Command& command) {
    std::cout << "usage: courtvoice-admin " << command.name << (command.arguments[0] ? " " : "") << command.arguments;
    for (const auto& name : command.options) {
      const auto& option = options().getOption(name);
      std::cout << " [--" << name << (option.takesArgument() ? "=" + option.argumentName() : "") << "]";
    }
    std::cout << "\n  " << command.summary << "\n";
    if (command.details[0]) std::cout << "\n" << command.details << "\n";
    std::cout << "\noptions:\n";
    const auto line = [](const std::string& name, const std::string& text) {
      std::cout << "  --" << std::left << std::setw(14) << name << text << "\n";
    };
    for (const auto& name : command.options) {
      const auto& option = options().getOption(name);
      // The general help says which subcommand an option is for; here that goes without saying.
      std::string text = option.description();
      if (text.rfind(std::string(command.name) + ": ", 0) == 0) text.erase(0, std::string(command.name).size() + 2);
      line(name + (option.takesArgument() ? "=" + option.argumentName() : ""), text);
    }
    line("config=FILE", "read db.* settings from a properties file");
    line("help", "show this help");
  }

  void loadDefaultConfig() {
    const std::string path = COURTVOICE_DEFAULT_CONFIG;
    if (path.empty() || given_.contains("config")) return;
    std::error_code error;
    // Not there: the environment alone. There but unreadable (/etc/courtvoice is root:courtvoice 0750): say so.
    if (!std::filesystem::exists(path, error) && !error) return;
    try {
      loadConfiguration(path);
    } catch (const Poco::Exception& e) {
      throw ExitFailure("cannot read " + path + " (" + e.displayText() +
                            "): run as root or a member of group courtvoice, or give --config FILE",
                        EXIT_CONFIG);
    }
  }

  void onHelp(const std::string& name, const std::string&) {
    given_.insert(name);
    help_ = true;
  }
  void onConfig(const std::string& name, const std::string& value) {
    given_.insert(name);
    loadConfiguration(value);
  }
  void onVersion(const std::string& name, const std::string& value) {
    given_.insert(name);
    try {
      version_ = parseVersion(value, "--version");
    } catch (const UsageError& e) {
      throw Poco::InvalidArgumentException(e.what());
    }
  }
  void onNoText(const std::string& name, const std::string&) {
    given_.insert(name);
    noText_ = true;
  }
  void onResponses(const std::string& name, const std::string& value) {
    given_.insert(name);
    std::size_t used = 0;
    long long n = 0;
    try {
      n = std::stoll(value, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != value.size() || n < 1 || n > 100000) {
      throw Poco::InvalidArgumentException("--responses must be 1..100000, not \"" + value + "\"");
    }
    responses_ = static_cast<std::size_t>(n);
  }
  void onText(const std::string& name, const std::string& value) {
    given_.insert(name);
    texts_[name] = value;
  }
  std::optional<std::string> text(const std::string& name) const {
    const auto found = texts_.find(name);
    return found == texts_.end() ? std::nullopt : std::optional<std::string>(found->second);
  }

  int invitations(const Operands& operands) {
    const std::string& action = operands[0];
    const std::string& surveyId = operands[1];
    if (action == "list") {
      for (const char* option : {"court", "region", "count", "expires", "csv", "slips"}) {
        if (given_.contains(option)) throw UsageError(std::string("--") + option + " does not apply to invitations list");
      }
      return listInvitations(surveyId);
    }
    if (action != "create") throw UsageError("the first argument is create or list, not \"" + action + "\"");
    surveys::InvitationScope scope{text("court").value_or(""), text("region").value_or("")};
    if (scope.court.empty() == scope.region.empty()) throw UsageError("give --court or --region (one of them)");
    const auto count = text("count");
    const auto expires = text("expires");
    const auto csv = text("csv");
    if (!count || !expires || !csv) throw UsageError("--count, --expires and --csv are required");
    std::size_t used = 0;
    int n = 0;
    try {
      n = std::stoi(*count, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != count->size() || n < 1 || n > server::kMaxInvitationsPerBatch) {
      throw UsageError("--count must be 1.." + std::to_string(server::kMaxInvitationsPerBatch) + ", not \"" + *count + "\"");
    }
    const auto expiresOn = surveys::Date::parse(*expires);
    if (!expiresOn) throw UsageError("--expires must be a day written YYYY-MM-DD, not \"" + *expires + "\"");
    // The files are checked writable before any code exists: codes that cannot be written are lost.
    writeFile(*csv, "");
    if (const auto slips = text("slips")) writeFile(*slips, "");
    Storage storage(settings());
    server::InvitationService service(storage.surveys, storage.courts, storage.invitationStore, storage.clock,
                                      publicBaseUrl());
    const auto created = service.create(surveyId, scope, n, *expiresOn);
    writeFile(*csv, service.csv(created));
    if (const auto slips = text("slips")) writeFile(*slips, server::renderSlipSheet(service.slipSheet(created)));
    std::cout << "created batch " << created.batch.id << ": " << created.codes.size() << " codes for survey " << surveyId
              << " (" << (scope.court.empty() ? "region " + scope.region : "court " + scope.court) << "), valid until "
              << expiresOn->toString() << "\n"
              << "codes written to " << *csv << (text("slips") ? " and " + *text("slips") : "")
              << " (shown this once: only their hashes are stored)\n";
    return EXIT_OK;
  }

  int listInvitations(const std::string& surveyId) {
    Storage storage(settings());
    server::InvitationService service(storage.surveys, storage.courts, storage.invitationStore, storage.clock,
                                      publicBaseUrl());
    const auto batches = service.list(surveyId);
    if (batches.empty()) {
      std::cout << "no invitation batches for survey " << surveyId << "\n";
      return EXIT_OK;
    }
    std::cout << std::left << std::setw(7) << "BATCH" << std::setw(26) << "FOR" << std::setw(12) << "EXPIRES"
              << std::setw(9) << "CREATED" << std::setw(8) << "ISSUED" << std::setw(7) << "SPENT" << "EXPIRED\n";
    for (const auto& batch : batches) {
      std::cout << std::left << std::setw(7) << batch.id << std::setw(26)
                << (batch.scope.court.empty() ? "region " + batch.scope.region : "court " + batch.scope.court)
                << std::setw(12) << batch.expiresOn.toString() << std::setw(9) << batch.createdMonth << std::setw(8)
                << batch.issued << std::setw(7) << batch.spent << batch.expired << "\n";
    }
    return EXIT_OK;
  }

  server::AccountService accountService(Storage& storage) {
    server::AccountSettings account;
    try {
      account.passwordIterations = server::loadServerConfig(config(), server::processEnvironment()).accounts.passwordIterations;
    } catch (const std::invalid_argument& e) {
      throw ExitFailure(std::string("settings: ") + e.what(), EXIT_CONFIG);
    }
    static const server::SteadyClock steady;
    return server::AccountService(storage.accountStore, &storage.courts, server::systemUnixSeconds, steady, account);
  }

  std::optional<surveys::AccountScope> scopeOptions() {
    if (!text("regions") && !text("courts")) return std::nullopt;
    return surveys::AccountScope{codeList(text("regions").value_or("")), codeList(text("courts").value_or(""))};
  }

  static std::string scopeText(const surveys::AccountScope& scope) {
    if (scope.country()) return "country";
    std::string out;
    if (!scope.regions.empty()) out += "regions " + joined(scope.regions);
    if (!scope.courts.empty()) out += std::string(out.empty() ? "" : "; ") + "courts " + joined(scope.courts);
    return out;
  }

  int createAccount(const Operands& operands) {
    const auto role = text("role");
    if (!role) throw UsageError("--role is required");
    const std::string password = readPassword(operands[0]);
    Storage storage(settings());
    auto service = accountService(storage);
    const auto account = service.create({operands[0], *role, scopeOptions().value_or(surveys::AccountScope{}), password});
    std::cout << "created account " << account.name << " (" << account.role << ", " << scopeText(account.scope) << ")\n";
    return EXIT_OK;
  }

  int setPassword(const Operands& operands) {
    const std::string password = readPassword(operands[0]);
    Storage storage(settings());
    auto service = accountService(storage);
    server::AccountChange change;
    change.password = password;
    service.update(operands[0], change);
    std::cout << "new password set for " << operands[0] << "; its sessions have ended\n";
    return EXIT_OK;
  }

  int disableAccount(const Operands& operands) {
    Storage storage(settings());
    auto service = accountService(storage);
    server::AccountChange change;
    change.disabled = true;
    service.update(operands[0], change);
    std::cout << "disabled account " << operands[0] << ": its sessions have ended and its tokens no longer work\n";
    return EXIT_OK;
  }

  int listAccounts(const Operands&) {
    Storage storage(settings());
    auto service = accountService(storage);
    const auto accounts = service.list();
    if (accounts.empty()) {
      std::cout << "no accounts (create the first administrator with create-account NAME --role=administrator)\n";
      return EXIT_OK;
    }
    std::cout << std::left << std::setw(24) << "ACCOUNT" << std::setw(15) << "ROLE" << std::setw(10) << "STATE" << "SCOPE\n";
    for (const auto& account : accounts) {
      std::cout << std::left << std::setw(24) << account.name << std::setw(15) << account.role << std::setw(10)
                << (account.disabled ? "disabled" : "active") << scopeText(account.scope) << "\n";
    }
    return EXIT_OK;
  }

  int createToken(const Operands& operands) {
    const auto label = text("label");
    const auto expires = text("expires");
    if (!label || !expires) throw UsageError("--label and --expires (days) are required");
    const int days = parseVersion(*expires, "--expires (days)");
    Storage storage(settings());
    auto service = accountService(storage);
    const auto created = service.createToken(operands[0], *label, days, scopeOptions());
    std::cerr << "token " << created.record.id << " for " << operands[0] << " (" << scopeText(created.record.scope)
              << "), valid for " << days << " days; shown this once, only its hash is stored:\n";
    std::cout << created.token << "\n";
    return EXIT_OK;
  }

  int listTokens(const Operands& operands) {
    Storage storage(settings());
    auto service = accountService(storage);
    const auto tokens = service.listTokens(operands[0]);
    if (tokens.empty()) {
      std::cout << "no tokens for " << operands[0] << "\n";
      return EXIT_OK;
    }
    const auto now = server::systemUnixSeconds();
    std::cout << std::left << std::setw(6) << "ID" << std::setw(10) << "STATE" << std::setw(26) << "LABEL" << "SCOPE\n";
    for (const auto& token : tokens) {
      const char* state = token.revoked ? "revoked" : now >= token.expiresAt ? "expired" : "active";
      std::cout << std::left << std::setw(6) << token.id << std::setw(10) << state << std::setw(26) << token.label
                << scopeText(token.scope) << "\n";
    }
    return EXIT_OK;
  }

  int revokeToken(const Operands& operands) {
    const int id = parseVersion(operands[1], "ID");
    Storage storage(settings());
    auto service = accountService(storage);
    service.revokeToken(operands[0], id);
    std::cout << "revoked token " << id << " of " << operands[0] << "\n";
    return EXIT_OK;
  }

  std::string publicBaseUrl() {
    try {
      return server::loadServerConfig(config(), server::processEnvironment()).publicBaseUrl;
    } catch (const std::invalid_argument& e) {
      throw ExitFailure(std::string("settings: ") + e.what(), EXIT_CONFIG);
    }
  }

  void onTemplates(const std::string& name, const std::string& value) {
    given_.insert(name);
    templatesDir_ = value;
  }

  std::set<std::string> given_;  ///< long names of the options on the command line
  bool help_ = false;
  std::optional<int> version_;
  bool noText_ = false;
  std::size_t responses_ = 600;
  std::string templatesDir_;
  std::map<std::string, std::string> texts_;  ///< options with a plain text value, by long name
};

}  // namespace

// Not POCO_APP_MAIN: a mistake in the options is a usage error (64) with a plain message.
int main(int argc, char** argv) {
  Poco::AutoPtr<AdminTool> tool = new AdminTool;
  try {
    tool->init(argc, argv);
  } catch (const Poco::Exception& e) {
    std::cerr << "courtvoice-admin: " << e.displayText() << " (courtvoice-admin --help lists subcommands and options)\n";
    return Poco::Util::Application::EXIT_USAGE;
  }
  return tool->run();
}
