#pragma once
// Masks personal data in free text (respondents' comments) before anyone sees it: Kazakhstan's
// IIN, phone numbers, e-mail addresses and payment card numbers become visible tokens. Names,
// addresses and case numbers are NOT recognised (docs/api.md, "Comments").
#include <string>
#include <string_view>

namespace courtvoice::server {

/// The text with every e-mail address replaced by "[e-mail]", every IIN by "[IIN]", any other
/// 12-digit number by "[number]", phone numbers (+7 / 7 / 8 and ten digits, with spaces, dashes
/// or brackets) by "[phone]", and card numbers (13-19 digits, optionally grouped by spaces or
/// dashes, passing Luhn) by "[card]". Everything else is unchanged, byte for byte.
std::string maskPersonalData(std::string_view text);

/// True when `digits` is 12 ASCII digits forming a valid IIN: YYMMDD birth date, a century and
/// sex digit 1-6, and the check digit of the official two-pass weighted mod-11 rule (weights
/// 1..11, then 3..11,1,2 when the first gives 10; 10 again means no valid IIN has these digits).
bool isValidIin(std::string_view digits);

/// True when `digits` (ASCII digits only, at least 2) passes the Luhn check.
bool passesLuhn(std::string_view digits);

}  // namespace courtvoice::server
