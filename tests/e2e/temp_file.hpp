#pragma once
// A path in the temporary directory, and a file there, removed at the end of the test.
#include <filesystem>
#include <fstream>
#include <string>

#include "server_fixture.hpp"

namespace courtvoice::e2e {

/// A fresh path (nothing there yet) for a program to write; whatever it wrote is removed.
class TempPath {
 public:
  explicit TempPath(const std::string& suffix, const std::string& prefix = "courtvoice-admin-")
      : path_(std::filesystem::temp_directory_path() / (prefix + randomHex(10) + suffix)) {}
  ~TempPath() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

/// A file holding `content`.
class TempFile : public TempPath {
 public:
  TempFile(const std::string& suffix, const std::string& content) : TempPath(suffix) {
    std::ofstream(path(), std::ios::binary) << content;
  }
};

}  // namespace courtvoice::e2e
