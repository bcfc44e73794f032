#include "courtvoice/server/json_log.hpp"

#include <regex>

#include <Poco/DateTimeFormatter.h>

#include "courtvoice/server/json_writer.hpp"

namespace courtvoice::server {

namespace {

const char* levelName(Poco::Message::Priority priority) {
  switch (priority) {
    case Poco::Message::PRIO_FATAL: return "fatal";
    case Poco::Message::PRIO_CRITICAL: return "critical";
    case Poco::Message::PRIO_ERROR: return "error";
    case Poco::Message::PRIO_WARNING: return "warning";
    case Poco::Message::PRIO_NOTICE: return "notice";
    case Poco::Message::PRIO_INFORMATION: return "information";
    case Poco::Message::PRIO_DEBUG: return "debug";
    case Poco::Message::PRIO_TRACE: return "trace";
  }
  return "information";
}

}  // namespace

std::string jsonLogLine(const std::string& time, const std::string& level, const std::string& logger,
                        const std::string& message) {
  JsonWriter out;
  out.beginObject();
  out.key("time").value(time);
  out.key("level").value(level);
  out.key("logger").value(logger);
  out.key("message").value(message);
  // accessLogLine's shape: "<method> <route> <status> <ms> ms id=<id>[ <code>]".
  static const std::regex access(R"(^(\S+) (\S+) ([0-9]{3}) ([0-9]+\.[0-9]) ms id=(\S+)(?: (\S+))?$)");
  std::smatch fields;
  if (logger == "courtvoice.access" && std::regex_match(message, fields, access)) {
    out.key("method").value(fields.str(1));
    out.key("route").value(fields.str(2));
    out.key("status").value(std::stoi(fields.str(3)));
    out.key("ms").value(std::optional<double>(std::stod(fields.str(4))));
    out.key("request_id").value(fields.str(5));
    if (fields[6].matched) out.key("code").value(fields.str(6));
  }
  out.endObject();
  return out.take();
}

void JsonLogFormatter::format(const Poco::Message& message, std::string& text) {
  text = jsonLogLine(Poco::DateTimeFormatter::format(message.getTime(), "%Y-%m-%dT%H:%M:%S.%iZ"),
                     levelName(message.getPriority()), message.getSource(), message.getText());
}

}  // namespace courtvoice::server
