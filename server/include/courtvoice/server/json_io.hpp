#pragma once
// Small helpers around Poco::JSON so that every handler writes and reads JSON the same way.
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

/// Parses a request body. Throws DomainError(Invalid, "malformed_json", ..., "") when it is not
/// JSON at all.
Poco::Dynamic::Var parseJson(const std::string& text);

/// Parses a body that must be one JSON object: also DomainError(Invalid, "wrong_type", ..., "")
/// for any other JSON value.
Poco::JSON::Object::Ptr parseJsonObject(const std::string& text);

/// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(const std::string& text);

/// Refuses text nested deeper than `maxDepth` arrays/objects before any parser recurses into it
/// (DomainError(Invalid, "too_deep", ..., "")). Strings are skipped correctly.
void checkJsonNesting(const std::string& text, int maxDepth = 32);

}  // namespace courtvoice::server
