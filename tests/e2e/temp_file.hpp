#pragma once
// A file in the temporary directory, removed at the end of the test.
#include <filesystem>
#include <fstream>
#include <string>

#include "server_fixture.hpp"

namespace courtvoice::e2e {

class TempFile {
 public:
  TempFile(const std::string& suffix, const std::string& content)
      : path_(std::filesystem::temp_directory_path() / ("courtvoice-admin-" + randomHex(10) + suffix)) {
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace courtvoice::e2e
