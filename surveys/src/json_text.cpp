#include "courtvoice/surveys/json_text.hpp"

#include <cstdint>
#include <unordered_set>
#include <vector>

#include "json_support.hpp"

namespace courtvoice::surveys {
namespace {

// Length of the UTF-8 sequence starting at `pos` if it is valid (strict: no overlong forms, no
// surrogates, nothing above U+10FFFF), else 0.
std::size_t validSequenceAt(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t length = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) length = 3;
  else if (lead >= 0xF0 && lead <= 0xF4) length = 4;
  else return 0;
  if (pos + length > text.size()) return 0;
  return detail::isValidUtf8(text.substr(pos, length)) ? length : 0;
}

std::string hexByte(unsigned char byte) {
  static constexpr char kDigits[] = "0123456789abcdef";
  return std::string("\\x") + kDigits[byte >> 4U] + kDigits[byte & 0x0FU];
}

// A byte of the input as a message may show it: 'x' when printable ASCII, else \xNN as text.
std::string describeByte(unsigned char byte) {
  if (byte > 0x20 && byte < 0x7F) return std::string("'") + static_cast<char>(byte) + "'";
  return hexByte(byte);
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void appendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0U | (cp >> 6U));
    out += static_cast<char>(0x80U | (cp & 0x3FU));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0U | (cp >> 12U));
    out += static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (cp & 0x3FU));
  } else {
    out += static_cast<char>(0xF0U | (cp >> 18U));
    out += static_cast<char>(0x80U | ((cp >> 12U) & 0x3FU));
    out += static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (cp & 0x3FU));
  }
}

// Thrown inside the checker only, to leave the scan at the first problem.
struct Stop {
  ValidationError problem;
};

class Checker {
 public:
  Checker(std::string_view text, std::size_t maxDepth) : text_(text), maxDepth_(maxDepth) {}

  JsonTextCheck run() {
    JsonTextCheck result;
    try {
      if (text_.substr(0, 3) == "\xEF\xBB\xBF") {
        malformed("the JSON starts with a byte order mark (U+FEFF); send it without one");
      }
      skipSpace();
      if (pos_ == text_.size()) malformed("the document is empty");
      const char first = text_[pos_];
      result.topLevel = first == '{' ? JsonTopLevel::Object : first == '[' ? JsonTopLevel::Array : JsonTopLevel::Scalar;
      scanDocument();
    } catch (const Stop& stop) {
      result.problem = stop.problem;
    }
    return result;
  }

 private:
  struct Frame {
    bool object = false;
    std::string path;
    std::size_t index = 0;
    std::string key;
    // Keys seen: a short list searched in order (most objects), a hash set past kFewKeys, so
    // that a hostile object of 10,000 keys costs no more than 10,000 lookups.
    std::vector<std::string> fewKeys;
    std::unordered_set<std::string> manyKeys;

    bool addKey(const std::string& name) {
      if (manyKeys.empty() && fewKeys.size() < kFewKeys) {
        for (const auto& seen : fewKeys) {
          if (seen == name) return false;
        }
        fewKeys.push_back(name);
        return true;
      }
      if (manyKeys.empty()) manyKeys.insert(fewKeys.begin(), fewKeys.end());
      return manyKeys.insert(name).second;
    }
  };
  static constexpr std::size_t kFewKeys = 16;

  // One loop over values, with an explicit stack of open objects and arrays.
  void scanDocument() {
    bool wantValue = true;
    while (true) {
      if (wantValue) {
        skipSpace();
        if (!scanValue()) continue;  // an object or array was opened: read its first member
      }
      wantValue = false;
      skipSpace();
      if (depth_ == 0) {
        if (pos_ != text_.size()) unexpected("after the JSON value");
        return;
      }
      Frame& frame = frames_[depth_ - 1];
      const char close = frame.object ? '}' : ']';
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        skipSpace();
        if (frame.object) {
          scanKey(frame);
        } else {
          ++frame.index;
        }
        wantValue = true;
      } else if (pos_ < text_.size() && text_[pos_] == close) {
        ++pos_;
        --depth_;
      } else {
        unexpected(frame.object ? "where ',' or '}' should follow a member" : "where ',' or ']' should follow an element");
      }
    }
  }

  // Scans one value at pos_. Returns false when it opened a non-empty object or array (the
  // caller then reads its first member), true when the value is complete.
  bool scanValue() {
    if (pos_ == text_.size()) malformed("the document ends where a value should be");
    const char c = text_[pos_];
    if (c == '{' || c == '[') {
      const bool object = c == '{';
      ++pos_;
      skipSpace();
      if (pos_ < text_.size() && text_[pos_] == (object ? '}' : ']')) {
        checkDepth(depth_ + 1);
        ++pos_;
        return true;
      }
      push(object);
      if (object) scanKey(frames_[depth_ - 1]);
      return false;
    }
    if (c == '"') {
      scanString(false, nullptr);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      scanNumber();
    } else if (!literal("true") && !literal("false") && !literal("null")) {
      unexpected("where a value should be");
    }
    return true;
  }

  void checkDepth(std::size_t depth) const {
    if (depth > maxDepth_) {
      throw Stop{{"too_deep", "the JSON is nested deeper than " + std::to_string(maxDepth_) + " levels", ""}};
    }
  }

  void push(bool object) {
    checkDepth(depth_ + 1);
    std::string path = valuePath();
    if (frames_.size() == depth_) frames_.emplace_back();
    Frame& frame = frames_[depth_];
    frame.object = object;
    frame.path = std::move(path);
    frame.index = 0;
    frame.key.clear();
    frame.fewKeys.clear();  // frames are reused, and so is their memory
    frame.manyKeys.clear();
    ++depth_;
  }

  // The field of the value about to be read: "answers.q", "items[3]", "" at the top.
  std::string valuePath() const {
    if (depth_ == 0) return "";
    const Frame& frame = frames_[depth_ - 1];
    return frame.object ? detail::join(frame.path, frame.key) : detail::indexed(frame.path, frame.index);
  }

  // Reads `"key" :` of an object member, refusing a key already seen in the object.
  void scanKey(Frame& frame) {
    if (pos_ == text_.size() || text_[pos_] != '"') {
      if (pos_ == text_.size()) malformed("the document ends where a key should be");
      unexpected("where a key (a string) should be");
    }
    std::string key;
    scanString(true, &key);
    if (!frame.addKey(key)) {
      const std::string field = detail::join(frame.path, key);
      throw Stop{{"duplicate_key",
                  "the key \"" + printableText(detail::keyForField(key)) + "\" appears more than once in " +
                      (frame.path.empty() ? std::string("the object") : "\"" + frame.path + "\""),
                  field}};
    }
    frame.key = std::move(key);
    skipSpace();
    if (pos_ == text_.size() || text_[pos_] != ':') {
      if (pos_ == text_.size()) malformed("the document ends where ':' should follow a key");
      unexpected("where ':' should follow a key");
    }
    ++pos_;
  }

  // The field a problem inside the string being read is reported on: the value's path, or for a
  // key the object's. Built only when there is a problem: most strings have none.
  std::string stringField(bool isKey) const {
    return isKey ? frames_[depth_ - 1].path : valuePath();
  }

  // Reads a string at pos_ (an opening quote), decoding it into `decoded` when given.
  void scanString(bool isKey, std::string* decoded) {
    ++pos_;
    while (true) {
      if (pos_ == text_.size()) malformed("a string is not closed");
      const auto byte = static_cast<unsigned char>(text_[pos_]);
      if (byte == '"') {
        ++pos_;
        return;
      }
      if (byte == '\\') {
        scanEscape(isKey, decoded);
        continue;
      }
      if (byte < 0x20) {
        malformed("a control character (" + hexByte(byte) + ") inside a string must be escaped");
      }
      const std::size_t length = validSequenceAt(text_, pos_);
      if (length == 0) {
        throw Stop{{"invalid_utf8", "the text holds the byte " + hexByte(byte) + ", which is not valid UTF-8",
                    stringField(isKey)}};
      }
      if (decoded != nullptr) decoded->append(text_.substr(pos_, length));
      pos_ += length;
    }
  }

  void scanEscape(bool isKey, std::string* decoded) {
    ++pos_;  // the backslash
    if (pos_ == text_.size()) malformed("a string is not closed");
    const char e = text_[pos_++];
    char plain = 0;
    switch (e) {
      case '"': plain = '"'; break;
      case '\\': plain = '\\'; break;
      case '/': plain = '/'; break;
      case 'b': plain = '\b'; break;
      case 'f': plain = '\f'; break;
      case 'n': plain = '\n'; break;
      case 'r': plain = '\r'; break;
      case 't': plain = '\t'; break;
      case 'u': {
        std::uint32_t cp = hex4();
        if (cp >= 0xDC00 && cp <= 0xDFFF) loneSurrogate(cp, stringField(isKey));
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          // A high surrogate must be followed at once by a low one (\uD83D\uDE00 is one character).
          if (text_.substr(pos_, 2) != "\\u") loneSurrogate(cp, stringField(isKey));
          pos_ += 2;
          const std::uint32_t low = hex4();
          if (low < 0xDC00 || low > 0xDFFF) loneSurrogate(cp, stringField(isKey));
          cp = 0x10000 + ((cp - 0xD800) << 10U) + (low - 0xDC00);
        }
        if (decoded != nullptr) appendUtf8(*decoded, cp);
        return;
      }
      default:
        malformed("the escape \\" + printableText(std::string(1, e)) + " is not one of JSON's (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
    }
    if (decoded != nullptr) *decoded += plain;
  }

  std::uint32_t hex4() {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const int digit = pos_ < text_.size() ? hexValue(text_[pos_]) : -1;
      if (digit < 0) malformed("\\u must be followed by four hexadecimal digits");
      value = (value << 4U) | static_cast<std::uint32_t>(digit);
      ++pos_;
    }
    return value;
  }

  [[noreturn]] static void loneSurrogate(std::uint32_t cp, const std::string& field) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string hex;
    for (int shift = 12; shift >= 0; shift -= 4) hex += kDigits[(cp >> static_cast<unsigned>(shift)) & 0xFU];
    throw Stop{{"invalid_utf8", "\\u" + hex + " is half of a surrogate pair, not a character", field}};
  }

  void scanNumber() {
    const std::size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '0') {
      ++pos_;
    } else if (digits() == 0) {
      malformed("a number at byte " + std::to_string(start) + " has no digits");
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (digits() == 0) malformed("a number at byte " + std::to_string(start) + " has no digits after '.'");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (digits() == 0) malformed("a number at byte " + std::to_string(start) + " has no digits in its exponent");
    }
  }

  std::size_t digits() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    return pos_ - start;
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  void skipSpace() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  // An unexpected byte outside strings; bytes that are not UTF-8 at all get their own code.
  [[noreturn]] void unexpected(const std::string& where) const {
    if (pos_ == text_.size()) malformed("the document ends " + where);
    const auto byte = static_cast<unsigned char>(text_[pos_]);
    if (validSequenceAt(text_, pos_) == 0) {
      throw Stop{{"invalid_utf8", "the byte " + hexByte(byte) + " at byte " + std::to_string(pos_) + " is not valid UTF-8", ""}};
    }
    malformed("unexpected " + describeByte(byte) + " at byte " + std::to_string(pos_) + " " + where);
  }

  [[noreturn]] static void malformed(const std::string& message) { throw Stop{{"malformed_json", message, ""}}; }

  std::string_view text_;
  std::size_t maxDepth_;
  std::size_t pos_ = 0;
  std::vector<Frame> frames_;
  std::size_t depth_ = 0;
};

}  // namespace

JsonTextCheck checkJsonText(std::string_view text, std::size_t maxDepth) { return Checker(text, maxDepth).run(); }

std::string printableText(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  std::size_t pos = 0;
  while (pos < raw.size()) {
    const auto byte = static_cast<unsigned char>(raw[pos]);
    const std::size_t length = validSequenceAt(raw, pos);
    if (length == 0 || byte < 0x20 || byte == 0x7F) {
      out += hexByte(byte);
      ++pos;
    } else {
      out.append(raw.substr(pos, length));
      pos += length;
    }
  }
  return out;
}

}  // namespace courtvoice::surveys
