// Password hashing: PBKDF2-HMAC-SHA256 against vectors computed by Python's hashlib
// (tests/fixtures/pbkdf2_vectors.py), the stored format, and the password rules.
#include <gtest/gtest.h>

#include "courtvoice/server/password_hash.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "support/domain_error_of.hpp"

namespace courtvoice::server {
namespace {

using namespace std::string_literals;

struct Vector {
  std::string password;
  std::string salt;
  int iterations;
  std::size_t length;
  std::string hex;
};

TEST(PasswordHash, Pbkdf2MatchesHashlibVectors) {
  const std::vector<Vector> vectors = {
      {"password", "salt", 1, 32, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"},
      {"password", "salt", 2, 32, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"},
      {"password", "salt", 4096, 32, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"},
      {"passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 40,
       "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9"},
      {"pass\0word"s, "sa\0lt"s, 4096, 16, "89b69d0516f829893c696226650a8687"},
  };
  for (const auto& v : vectors) {
    EXPECT_EQ(toHex(pbkdf2Sha256(v.password, v.salt, v.iterations, v.length)), v.hex) << v.iterations;
  }
}

TEST(PasswordHash, StoredHashNamesSchemeAndCountAndVerifies) {
  const std::string stored = hashPassword("correct horse battery", 1000);
  EXPECT_EQ(stored.rfind("pbkdf2-sha256$1000$", 0), 0U) << stored;
  EXPECT_TRUE(verifyPassword("correct horse battery", stored));
  EXPECT_FALSE(verifyPassword("correct horse batterY", stored));
  EXPECT_FALSE(verifyPassword("", stored));
  // Two hashes of one password differ (random salt).
  EXPECT_NE(hashPassword("correct horse battery", 1000), stored);
}

TEST(PasswordHash, MalformedStoredValuesNeverVerify) {
  for (const std::string stored : {"", "plain", "pbkdf2-sha256$x$abc$def", "md5$1$abc$def", "pbkdf2-sha256$1000$***$abc",
                                   "pbkdf2-sha256$0$abc$def", "pbkdf2-sha256$1000$abc$"}) {
    EXPECT_FALSE(verifyPassword("anything at all", stored)) << stored;
  }
}

TEST(PasswordHash, RulesRefuseShortPasswordsAndTheAccountName) {
  EXPECT_EQ(surveys::testing::domainErrorOf([] { checkPasswordRules("anna", "short pass"); }).code(), "weak_password");
  EXPECT_EQ(surveys::testing::domainErrorOf([] { checkPasswordRules("anna", "my name is ANNA, ok?"); }).field(), "password");
  // Twelve characters in Cyrillic are 24 bytes: the length counts characters.
  EXPECT_NO_THROW(checkPasswordRules("anna", "секретныйпар"));
  EXPECT_EQ(surveys::testing::domainErrorOf([] { checkPasswordRules("anna", "секретныйпа"); }).code(), "weak_password");
  EXPECT_NO_THROW(checkPasswordRules("anna", "long enough password"));
}

TEST(PasswordHash, RandomTokensAreLongAndDistinctAndStoredAsSha256) {
  const std::string a = randomToken(32);
  EXPECT_EQ(a.size(), 43U);
  EXPECT_NE(a, randomToken(32));
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace courtvoice::server
