#include "courtvoice/server/secret_file.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace courtvoice::server {

namespace {

std::string octalMode(mode_t mode) {
  std::ostringstream out;
  out << '0' << std::oct << (mode & 07777);
  return out.str();
}

}  // namespace

void requirePrivateFile(const std::string& setting, const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    throw std::invalid_argument(setting + ": cannot read " + path + " (" + std::strerror(errno) + ")");
  }
  if (!S_ISREG(info.st_mode)) throw std::invalid_argument(setting + ": " + path + " is not a regular file");
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    throw std::invalid_argument(setting + ": " + path + " holds a secret but group or others may access it (mode " +
                                octalMode(info.st_mode) + "); run: chmod 600 " + path);
  }
}

std::string readSecretFile(const std::string& setting, const std::string& path) {
  requirePrivateFile(setting, path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(setting + ": cannot read " + path);
  std::ostringstream content;
  content << in.rdbuf();
  std::string secret = content.str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.empty()) throw std::invalid_argument(setting + ": " + path + " is empty");
  return secret;
}

}  // namespace courtvoice::server
