#pragma once
// Log lines as JSON objects, one per line (server.logFormat = json), for log shippers that index
// fields: {"time","level","logger","message"}, and for a request's access line (logger
// courtvoice.access, request_log.hpp) also "method", "route", "status", "ms", "request_id" and,
// for a reply the connection guard gave itself, "code". Never more than the text line holds.
#include <string>

#include <Poco/Formatter.h>
#include <Poco/Message.h>

namespace courtvoice::server {

/// `time` is UTC with milliseconds, e.g. "2026-12-01T14:25:03.123Z"; `level` Poco's priority name
/// in lower case ("information", "warning", ...).
std::string jsonLogLine(const std::string& time, const std::string& level, const std::string& logger,
                        const std::string& message);

class JsonLogFormatter final : public Poco::Formatter {
 public:
  void format(const Poco::Message& message, std::string& text) override;
};

}  // namespace courtvoice::server
