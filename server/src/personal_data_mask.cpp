#include "courtvoice/server/personal_data_mask.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <vector>

namespace courtvoice::server {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAsciiAlnum(char c) { return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isLocalChar(char c) { return isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }
bool isDomainChar(char c) { return isAsciiAlnum(c) || c == '.' || c == '-'; }
// What people put between the digits of a phone or card number.
bool isSeparator(char c) { return c == ' ' || c == '-' || c == '(' || c == ')'; }

int digitAt(std::string_view digits, std::size_t i) { return digits[i] - '0'; }

bool isLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// The first six digits are a real day (YYMMDD) of the century the seventh digit names.
bool isIinBirthDate(std::string_view digits) {
  const int centuryDigit = digitAt(digits, 6);
  if (centuryDigit < 1 || centuryDigit > 6) return false;
  const int year = 1800 + 100 * ((centuryDigit - 1) / 2) + digitAt(digits, 0) * 10 + digitAt(digits, 1);
  const int month = digitAt(digits, 2) * 10 + digitAt(digits, 3);
  const int day = digitAt(digits, 4) * 10 + digitAt(digits, 5);
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const int last = kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && isLeapYear(year) ? 1 : 0);
  return day <= last;
}

// Replaces e-mail addresses (ASCII local part @ a dotted ASCII domain).
std::string maskEmails(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    if (at < copied) continue;
    std::size_t begin = at;
    while (begin > copied && isLocalChar(text[begin - 1])) --begin;
    while (begin < at && text[begin] == '.') ++begin;  // a sentence's full stop is not the address
    std::size_t end = at + 1;
    while (end < text.size() && isDomainChar(text[end])) ++end;
    while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
    const std::string_view domain = text.substr(at + 1, end - at - 1);
    const std::size_t dot = domain.rfind('.');
    // a dotted name with a top-level part of two letters or more: "mail.kz", "gov.kz"
    const bool looksLikeDomain = dot != std::string_view::npos && dot > 0 && domain.front() != '.' &&
                                 domain.size() - dot - 1 >= 2;
    if (begin == at || !looksLikeDomain) continue;
    out.append(text.substr(copied, begin - copied));
    out += "[e-mail]";
    copied = end;
    at = end - 1;
  }
  out.append(text.substr(copied));
  return out;
}

// A run of digits in groups, as a phone or card number is written: "+7 (701) 123-45-67".
struct DigitRun {
  bool plus = false;                                     ///< starts with "+"
  std::size_t begin = 0;                                 ///< of the "+" or the first digit
  std::vector<std::pair<std::size_t, std::size_t>> groups;  ///< [begin, end) of each group of digits
};

// What groups first..last of a run hold, if it is personal data.
std::optional<std::string_view> classify(std::string_view text, const DigitRun& run, std::size_t first, std::size_t last) {
  std::string digits;
  bool brackets = false;
  for (std::size_t g = first; g <= last; ++g) {
    const auto [b, e] = run.groups[g];
    digits.append(text.substr(b, e - b));
    if (g > first) {
      const std::string_view between = text.substr(run.groups[g - 1].second, b - run.groups[g - 1].second);
      brackets = brackets || between.find_first_of("()") != std::string_view::npos;
    }
  }
  const bool plus = run.plus && first == 0;
  const std::size_t n = digits.size();
  // +7 / 8 / 7 and ten digits (Kazakhstan and Russia); ten digits from 7 (a mobile without prefix).
  if ((n == 11 && (digits[0] == '7' || (!plus && digits[0] == '8'))) || (n == 10 && !plus && digits[0] == '7')) {
    return "[phone]";
  }
  if (plus || brackets) return std::nullopt;
  if (n == 12) {
    if (isValidIin(digits)) return "[IIN]";
    // Twelve digits written as one number: an IIN mistyped or a BIN; masked all the same.
    if (first == last) return "[number]";
    return std::nullopt;
  }
  if (n >= 13 && n <= 19 && passesLuhn(digits)) return "[card]";
  return std::nullopt;
}

std::string maskNumbers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const bool plus = text[i] == '+' && i + 1 < text.size() && isDigit(text[i + 1]);
    if (!plus && !isDigit(text[i])) {
      ++i;
      continue;
    }
    DigitRun run;
    run.plus = plus;
    run.begin = i;
    std::size_t j = plus ? i + 1 : i;
    for (;;) {
      std::size_t k = j;
      while (k < text.size() && isDigit(text[k])) ++k;
      run.groups.emplace_back(j, k);
      std::size_t m = k;
      while (m < text.size() && m - k < 2 && isSeparator(text[m])) ++m;  // at most two: ") " or " ("
      if (m == k || m >= text.size() || !isDigit(text[m])) break;
      j = m;
    }
    // The longest masked stretch from each group on, so a phone followed by another number
    // ("8 701 123 45 67 2 раза") is still found.
    for (std::size_t first = 0; first < run.groups.size();) {
      std::optional<std::string_view> token;
      std::size_t last = run.groups.size();
      while (last-- > first) {
        token = classify(text, run, first, last);
        if (token) break;
      }
      if (!token) {
        ++first;
        continue;
      }
      const std::size_t begin = first == 0 ? run.begin : run.groups[first].first;
      out.append(text.substr(copied, begin - copied));
      out.append(*token);
      copied = run.groups[last].second;
      first = last + 1;
    }
    i = run.groups.back().second;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace

bool passesLuhn(std::string_view digits) {
  if (digits.size() < 2) return false;
  int sum = 0;
  bool twice = false;
  for (std::size_t i = digits.size(); i-- > 0;) {
    if (!isDigit(digits[i])) return false;
    int d = digitAt(digits, i);
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool isValidIin(std::string_view digits) {
  if (digits.size() != 12) return false;
  for (char c : digits) {
    if (!isDigit(c)) return false;
  }
  if (!isIinBirthDate(digits)) return false;
  static constexpr std::array<int, 11> kFirst{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  static constexpr std::array<int, 11> kSecond{3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
  const auto weighted = [&](const std::array<int, 11>& weights) {
    int sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) sum += digitAt(digits, i) * weights[i];
    return sum % 11;
  };
  int check = weighted(kFirst);
  if (check == 10) check = weighted(kSecond);
  return check != 10 && check == digitAt(digits, 11);
}

std::string maskPersonalData(std::string_view text) { return maskNumbers(maskEmails(text)); }

}  // namespace courtvoice::server
