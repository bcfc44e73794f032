#pragma once
// Small helpers around Poco::JSON so that every handler writes and reads JSON the same way.
#include <cstddef>
#include <string>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace courtvoice::server {

/// A JSON object that keeps keys in insertion order (stable, readable output).
Poco::JSON::Object::Ptr makeObject();
Poco::JSON::Array::Ptr makeArray();

/// Compact JSON text, UTF-8 kept as is.
std::string toJson(const Poco::Dynamic::Var& value);

/// Nesting limit of request bodies (arrays/objects).
constexpr std::size_t kMaxBodyDepth = 32;

/// The strict check of surveys::checkJsonText at kMaxBodyDepth, as DomainError(Invalid, code,
/// message, field): malformed_json, too_deep, invalid_utf8 (field of the string), duplicate_key
/// (the repeated key's path, e.g. "answers.q").
void requireStrictJson(const std::string& text);

/// Parses JSON after requireStrictJson. A top-level scalar (42, "x", null) is returned as such,
/// so that callers answer wrong_type rather than malformed_json.
Poco::Dynamic::Var parseJson(const std::string& text);

/// Parses a body that must be one JSON object: also DomainError(Invalid, "wrong_type", ..., "")
/// for any other JSON value.
Poco::JSON::Object::Ptr parseJsonObject(const std::string& text);

/// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(const std::string& text);

}  // namespace courtvoice::server
