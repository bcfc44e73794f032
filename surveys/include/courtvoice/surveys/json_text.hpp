#pragma once
// A strict reading of JSON text before any parser builds values from it. Poco's parser lets the
// last of two equal keys win silently, quotes raw bytes in its messages, cannot say which field
// holds invalid UTF-8, and refuses a top-level 42 as if it were not JSON: this check does all of
// that first, for every JSON the system reads (request bodies, definition files, KPI bodies).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::surveys {

/// What the document's top-level value is (JSON allows any value there).
enum class JsonTopLevel { Object, Array, Scalar };

struct JsonTextCheck {
  /// The first problem in document order, if any: "malformed_json" (field ""), "too_deep"
  /// (field ""), "invalid_utf8" (the field of the string or key, "" outside any string) or
  /// "duplicate_key" (the field path of the repeated key, e.g. "answers.q").
  std::optional<ValidationError> problem;
  JsonTopLevel topLevel = JsonTopLevel::Object;
};

/// Checks `text` against RFC 8259 (no BOM, no trailing commas, no comments, strict UTF-8, no
/// lone surrogate escapes, no repeated key in one object, keys compared after unescaping) and
/// nesting of at most `maxDepth` arrays/objects. Iterative: no recursion on hostile input.
JsonTextCheck checkJsonText(std::string_view text, std::size_t maxDepth);

/// `raw` made safe to put into a message: valid UTF-8 is kept, every byte that is not part of
/// a valid sequence, and every ASCII control byte, becomes the four characters `\xNN`.
std::string printableText(std::string_view raw);

}  // namespace courtvoice::surveys
