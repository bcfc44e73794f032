#pragma once
// Single-use invitation codes for staff and judge surveys: "K7QM-X2PD-9TRH-WC4N", 16 symbols of
// a 32-symbol alphabet without 0/O and 1/I (80 random bits). Only the SHA-256 of the
// normalised code is ever stored; the plaintext is shown once, when a batch is made.
#include <optional>
#include <string>
#include <string_view>

namespace courtvoice::surveys {

inline constexpr std::string_view kInvitationAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
inline constexpr std::size_t kInvitationSymbols = 16;

/// A new code from the operating system's CSPRNG (/dev/urandom through Poco::RandomInputStream),
/// normalised (16 symbols, no hyphens).
std::string generateInvitationCode();

/// The 16 symbols of `input`, upper-cased, with spaces and hyphens dropped; nullopt when anything
/// else is left or the count is not 16 (O, I, 0 and 1 are not symbols: refused, not guessed).
std::optional<std::string> normaliseInvitationCode(std::string_view input);

/// "K7QM-X2PD-9TRH-WC4N" from a normalised code: groups of 4 joined by "-".
std::string formatInvitationCode(std::string_view normalised);

/// The 32 raw bytes of SHA-256 over the normalised code: the key the stores use.
std::string hashInvitationCode(std::string_view normalised);

}  // namespace courtvoice::surveys
