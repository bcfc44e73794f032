#pragma once
// Text put into HTML and SVG documents the server writes (posters, slips).
#include <cstddef>
#include <string>
#include <vector>

namespace courtvoice::server {

/// Escapes & < > " ' so that `text` is safe inside an element or a quoted attribute.
std::string escapeHtml(const std::string& text);

/// Splits `text` at spaces into lines of at most `maxChars` characters (UTF-8 code points; a
/// longer word gets a line of its own): SVG text does not wrap by itself.
std::vector<std::string> wrapWords(const std::string& text, std::size_t maxChars);

}  // namespace courtvoice::server
