#pragma once
// Password hashing and the random secrets of accounts (session ids, CSRF and API tokens), with
// OpenSSL. A stored password is self-describing:
//   pbkdf2-sha256$<iterations>$<salt, base64url>$<32-byte key, base64url>
// so that the iteration count can rise later without invalidating stored passwords.
#include <cstdint>
#include <string>

namespace courtvoice::server {

/// The production count (OWASP's 2023 figure for PBKDF2-HMAC-SHA256) and the floor below which
/// the settings refuse to go; tests hash with fewer through hashPassword's argument.
inline constexpr int kDefaultPasswordIterations = 600000;
inline constexpr int kMinPasswordIterations = 100000;

/// Raw PBKDF2-HMAC-SHA256 of `keyLength` bytes.
std::string pbkdf2Sha256(const std::string& password, const std::string& salt, int iterations, std::size_t keyLength);

/// A new stored hash with a random 16-byte salt.
std::string hashPassword(const std::string& password, int iterations);

/// Whether `password` matches `stored` (false for a malformed or unknown format); the comparison
/// takes the same time whatever the content.
bool verifyPassword(const std::string& password, const std::string& stored);

/// Throws DomainError(Invalid, "weak_password", ..., "password") when shorter than 12 characters
/// (code points), longer than 1024 bytes, or containing the account name (any case).
void checkPasswordRules(const std::string& account, const std::string& password);

/// `bytes` random bytes from OpenSSL's CSPRNG, base64url without padding.
std::string randomToken(std::size_t bytes);

/// SHA-256 of `text`, lowercase hex: how session ids and API tokens are stored.
std::string sha256Hex(const std::string& text);

/// Hex of raw bytes (tests compare keys with an independent tool's hex).
std::string toHex(const std::string& bytes);

}  // namespace courtvoice::server
