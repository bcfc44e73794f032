#pragma once
// Secrets (the database password, the TLS private key) read from files that only their owner may
// read: a file that group or others can read is refused, with the command that fixes it.
#include <string>

namespace courtvoice::server {

/// Throws std::invalid_argument naming `setting` when `path` does not exist, is not a regular
/// file, or grants any permission to group or others ("run: chmod 600 PATH").
void requirePrivateFile(const std::string& setting, const std::string& path);

/// The file's content after requirePrivateFile, without a trailing line break (as `echo` or an
/// editor leaves it). Throws std::invalid_argument naming `setting` when it cannot be read or is empty.
std::string readSecretFile(const std::string& setting, const std::string& path);

}  // namespace courtvoice::server
