// courtvoice-admin: administration from the command line, with the same storage code as the
// server. Each subcommand prints what it did; failures exit non-zero with a clear message.
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include <Poco/Util/Application.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include "courtvoice/server/admin_service.hpp"
#include "courtvoice/server/court_records.hpp"
#include "courtvoice/server/demo_data.hpp"
#include "courtvoice/server/server_config.hpp"
#include "courtvoice/surveys/definition_json.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "courtvoice/surveys/mysql/migrator.hpp"
#include "courtvoice/surveys/mysql/mysql_court_store.hpp"
#include "courtvoice/surveys/mysql/mysql_response_store.hpp"
#include "courtvoice/surveys/mysql/mysql_survey_store.hpp"

namespace {

using namespace courtvoice;

#ifndef COURTVOICE_TEMPLATES_DIR
#define COURTVOICE_TEMPLATES_DIR "surveys/templates"
#endif

/// A mistake in how the tool was called (exit 64).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Command {
  const char* name;
  const char* arguments;
  const char* summary;
  std::size_t argumentCount;
};

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"migrate", "", "apply pending database migrations (safe to run again)", 0},
      {"import-survey", "FILE.json", "store a survey definition as a new draft version; prints its id and version", 1},
      {"publish", "SURVEY_ID VERSION", "publish a draft version (the previously published one closes)", 2},
      {"close", "SURVEY_ID", "stop a survey accepting responses", 1},
      {"list", "", "list surveys and their versions with status", 0},
      {"import-courts", "FILE.csv",
       "insert or update courts from CSV with columns code,name_kk,name_ru,name_en,region,level,active", 1},
      {"demo", "",
       "load the shipped courts and court user survey and generate realistic responses (idempotent; "
       "--responses=N, --templates=DIR)",
       0},
      {"export-responses", "SURVEY_ID FILE.csv",
       "write every answer of a survey in long format (one line per response and item)", 2},
  };
  return kCommands;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

int parseVersion(const std::string& text) {
  std::size_t used = 0;
  int version = 0;
  try {
    version = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || version < 1) throw UsageError("VERSION must be a positive whole number, not \"" + text + "\"");
  return version;
}

std::string csvField(const std::string& value) {
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// An answer's value as one CSV cell, by the item's type.
std::string valueText(const surveys::Item& item, const surveys::Answer& answer) {
  switch (item.type) {
    case surveys::ItemType::MultipleChoice: {
      std::string value;
      for (int code : answer.codes) value += (value.empty() ? "" : ";") + std::to_string(code);
      return value;
    }
    case surveys::ItemType::Number: {
      std::ostringstream number;
      number << answer.number;
      return number.str();
    }
    case surveys::ItemType::Text: return answer.text;
    default: return std::to_string(answer.code);
  }
}

// The stores and services on one pool, built only for commands that use the database.
struct Storage {
  explicit Storage(const server::DatabaseSettings& settings)
      : pool(toMySql(settings)), surveys(pool), responses(pool), courts(pool),
        admin(surveys, responses, courts, clock) {}

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
  surveys::SystemClock clock;
  server::AdminService admin;
};

class AdminTool final : public Poco::Util::Application {
 protected:
  void defineOptions(Poco::Util::OptionSet& options) override {
    Application::defineOptions(options);
    options.addOption(Poco::Util::Option("help", "h", "show help (for a subcommand: courtvoice-admin SUBCOMMAND --help)")
                          .required(false)
                          .repeatable(false)
                          .callback(Poco::Util::OptionCallback<AdminTool>(this, &AdminTool::onHelp)));
    options.addOption(Poco::Util::Option("config", "c", "read db.* settings from a properties file")
                          .required(false)
                          .repeatable(false)
                          .argument("FILE")
                          .callback(Poco::Util::OptionCallback<AdminTool>(this, &AdminTool::onConfig)));
    options.addOption(Poco::Util::Option("responses", "n", "demo: how many responses to generate (default 600)")
                          .required(false)
                          .repeatable(false)
                          .argument("N")
                          .callback(Poco::Util::OptionCallback<AdminTool>(this, &AdminTool::onResponses)));
    options.addOption(Poco::Util::Option("templates", "t", "demo: the directory with courts.csv and court_user.json")
                          .required(false)
                          .repeatable(false)
                          .argument("DIR")
                          .callback(Poco::Util::OptionCallback<AdminTool>(this, &AdminTool::onTemplates)));
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
    const std::vector<std::string> operands(args.begin() + 1, args.end());
    try {
      if (operands.size() != command->argumentCount) {
        throw UsageError(std::string(command->name) + " takes " + std::to_string(command->argumentCount) +
                         " argument(s): " + command->arguments);
      }
      return runCommand(command->name, operands);
    } catch (const UsageError& e) {
      std::cerr << "courtvoice-admin " << command->name << ": " << e.what() << "\n";
      printCommandHelp(*command);
      return EXIT_USAGE;
    } catch (const surveys::DomainError& e) {
      std::cerr << "courtvoice-admin " << command->name << ": failed: " << e.what()
                << (e.field().empty() ? "" : " (" + e.field() + ")") << " [" << e.code() << "]\n";
      for (const auto& error : e.errors()) {
        std::cerr << "  " << (error.field.empty() ? "(whole file)" : error.field) << ": " << error.message << " ["
                  << error.code << "]\n";
      }
      return e.kind() == surveys::ErrorKind::Unavailable ? EXIT_UNAVAILABLE : EXIT_DATAERR;
    } catch (const std::exception& e) {
      std::cerr << "courtvoice-admin " << command->name << ": failed: " << e.what() << "\n";
      return EXIT_SOFTWARE;
    }
  }

 private:
  int runCommand(const std::string& name, const std::vector<std::string>& operands) {
    const server::DatabaseSettings settings = server::loadDatabaseSettings(config(), server::processEnvironment());
    if (name == "import-courts") {
      // The file is checked completely before the database is touched.
      const auto courts = server::parseCourtsCsv(readFile(operands[0]));
      Storage storage(settings);
      std::cout << "upserted " << storage.admin.upsertCourts(courts) << " courts from " << operands[0] << "\n";
      return EXIT_OK;
    }
    if (name == "import-survey") {
      const std::string json = readFile(operands[0]);
      Storage storage(settings);
      const auto created = storage.admin.createVersion(json);
      std::cout << "created survey " << created.surveyId << " version " << created.version << " (draft)\n";
      std::cout << "publish it with: courtvoice-admin publish " << created.surveyId << " " << created.version << "\n";
      return EXIT_OK;
    }
    if (name == "publish") {
      const int version = parseVersion(operands[1]);
      Storage storage(settings);
      storage.admin.publish(operands[0], version);
      std::cout << "published survey " << operands[0] << " version " << version << "\n";
      return EXIT_OK;
    }
    Storage storage(settings);
    if (name == "migrate") return migrate(storage);
    if (name == "close") {
      storage.admin.close(operands[0]);
      std::cout << "closed survey " << operands[0] << ": it no longer accepts responses\n";
      return EXIT_OK;
    }
    if (name == "list") return list(storage);
    if (name == "demo") return demo(storage);
    if (name == "export-responses") return exportResponses(storage, operands[0], operands[1]);
    throw UsageError("unknown subcommand " + name);
  }

  static int migrate(Storage& storage) {
    surveys::mysql::Migrator migrator(storage.pool);
    const auto applied = migrator.migrate([](const surveys::mysql::Migration& m) {
      std::cout << "applied " << m.file.filename().string() << "\n";
    });
    std::cout << (applied.empty() ? "nothing to apply: " : "") << "database schema up to date (" << applied.size()
              << " applied)\n";
    return EXIT_OK;
  }

  static int list(Storage& storage) {
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

  int demo(Storage& storage) {
    const std::string dir = templatesDir_.empty() ? COURTVOICE_TEMPLATES_DIR : templatesDir_;
    const auto courts = server::parseCourtsCsv(readFile(dir + "/courts.csv"));
    std::cout << "courts: upserted " << storage.admin.upsertCourts(courts) << " from " << dir << "/courts.csv\n";

    const surveys::SurveyDefinition shipped = surveys::parseDefinition(readFile(dir + "/court_user.json"));
    // Idempotent: a survey that is already published is used as it is.
    auto def = storage.surveys.findPublished(shipped.id);
    if (def) {
      std::cout << "survey " << def->id << ": version " << def->version << " already published\n";
    } else {
      const auto created = storage.admin.createVersion(readFile(dir + "/court_user.json"));
      storage.admin.publish(created.surveyId, created.version);
      def = storage.surveys.findVersion(created.surveyId, created.version);
      std::cout << "survey " << created.surveyId << ": created and published version " << created.version << "\n";
    }

    server::DemoOptions options;
    options.count = responses_;
    const auto responses = server::generateDemoResponses(*def, storage.courts.list(), storage.clock.today(), options);
    // In batches, so that progress shows; each batch is all or nothing, and a rerun skips what
    // is stored (the submission ids are deterministic).
    constexpr std::size_t kBatch = 100;
    std::size_t created = 0;
    std::size_t duplicates = 0;
    for (std::size_t start = 0; start < responses.size(); start += kBatch) {
      const std::size_t end = std::min(responses.size(), start + kBatch);
      const auto result =
          storage.admin.importResponses(*def, std::vector<surveys::Response>(responses.begin() + static_cast<long>(start),
                                                                            responses.begin() + static_cast<long>(end)));
      created += result.created;
      duplicates += result.duplicates;
      std::cout << "responses: " << end << "/" << responses.size() << " (" << created << " new, " << duplicates
                << " already stored)\n"
                << std::flush;
    }
    std::cout << "demo ready: " << created << " responses added, " << duplicates << " were already there\n";
    return EXIT_OK;
  }

  static int exportResponses(Storage& storage, const std::string& surveyId, const std::string& file) {
    if (!storage.surveys.findLatest(surveyId)) {
      throw surveys::DomainError(surveys::ErrorKind::NotFound, "survey_not_found", "no survey " + surveyId, "");
    }
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + file);
    // Long format, no response or submission ids: a row says nothing that links it to a person.
    out << "response,survey_id,version,court,region,channel,language,date,item_id,value,non_answer\n";
    surveys::ResponseQuery query;
    query.surveyId = surveyId;
    std::size_t count = 0;
    std::map<int, std::optional<surveys::SurveyDefinition>> definitions;  // versions never change
    storage.responses.forEach(query, [&](const surveys::StoredResponse& stored) {
      ++count;
      const auto& r = stored.response;
      const std::string prefix = std::to_string(count) + "," + csvField(r.surveyId) + "," + std::to_string(r.version) +
                                 "," + csvField(r.courtCode) + "," + csvField(stored.region) + "," +
                                 toString(r.channel) + "," + r.language + "," + r.givenOn.toString() + ",";
      auto def = definitions.find(r.version);
      if (def == definitions.end()) {
        def = definitions.emplace(r.version, storage.surveys.findVersion(surveyId, r.version)).first;
      }
      for (const auto& answer : r.answers) {
        const surveys::Item* item = def->second ? def->second->findItem(answer.itemId) : nullptr;
        out << prefix << csvField(answer.itemId) << "," << csvField(answer.nonAnswer || !item ? "" : valueText(*item, answer))
            << "," << (answer.nonAnswer ? toString(*answer.nonAnswer) : "") << "\n";
      }
    });
    out.close();
    if (!out) throw std::runtime_error("writing " + file + " failed");
    std::cout << "exported " << count << " responses of " << surveyId << " to " << file << "\n";
    return EXIT_OK;
  }

  void printHelp() {
    Poco::Util::HelpFormatter help(options());
    help.setCommand(commandName());
    help.setUsage("SUBCOMMAND [ARGUMENTS] [--help]");
    std::string header =
        "CourtVoice administration. The database comes from COURTVOICE_DB_HOST, _PORT, _SOCKET, _USER, "
        "_PASSWORD and _NAME (as for the server).\n\nSubcommands:\n";
    for (const auto& c : commands()) {
      header += "  " + std::string(c.name) + (c.arguments[0] ? " " + std::string(c.arguments) : "") + "\n      " +
                c.summary + "\n";
    }
    help.setHeader(header);
    help.format(std::cout);
  }

  static void printCommandHelp(const Command& command) {
    std::cout << "usage: courtvoice-admin " << command.name << (command.arguments[0] ? " " : "") << command.arguments
              << "\n  " << command.summary << "\n";
  }

  void onHelp(const std::string&, const std::string&) { help_ = true; }
  void onConfig(const std::string&, const std::string& value) { loadConfiguration(value); }
  void onResponses(const std::string&, const std::string& value) {
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
  void onTemplates(const std::string&, const std::string& value) { templatesDir_ = value; }

  bool help_ = false;
  std::size_t responses_ = 600;
  std::string templatesDir_;
};

}  // namespace

POCO_APP_MAIN(AdminTool)
