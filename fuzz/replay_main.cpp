// Runs a fuzz target without libFuzzer, in the sanitize build that ctest runs:
//   corpus_NAME DIR...                 every file of the directories once (the committed corpus:
//                                      seeds and every input a campaign crashed on)
//   corpus_NAME --mutations=N DIR...   then N inputs made by mutating those files, from a fixed seed
//                                      (--seed=S, default 1), so a run is bounded and repeatable
// The mutation run is CI's bounded fuzzing: blind (no coverage feedback, which needs clang's
// libFuzzer build, scripts/fuzz.sh, too slow to build within CI's 30 minutes), but under gcc's ASan
// and UBSan, and reproducible: on an abort (a finding; ASan and UBSan abort with abort_on_error=1)
// it names the mutation, and --seed=S --print=K writes that input to stdout, to add to the corpus.
#include <csignal>
#include <cstddef>
#include <cstdio>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

// Bytes and tokens the readers treat specially: JSON and CSV syntax, escapes, numbers at the
// edges, invalid UTF-8, and the keys of responses and definitions.
const std::vector<std::string> kTokens = {
    "{", "}", "[", "]", "\"", ",", ":", "\\", "\\u0000", "\\ud800", "\\uDFFF", "\xff", "\xc0\x80", "\xed\xa0\x80",
    "\xe2\x80\xae", "\r\n", "\n", "\r", "\t", "\0", ";", "=", "+", "-", "@", "null", "true", "false", "0", "-0",
    "1e999", "-1e-999", "9223372036854775808", "1.5", "\"\"", "{}", "[]", "\"answers\"", "\"version\"",
    "\"court\"", "\"channel\"", "\"items\"", "\"id\"", "\"type\"", "\"scale\"", "\"options\"", "\"show_if\"",
    "\"texts\"", "\"kk\"", "\"ru\"", "\"en\"", "court_code", "region", "level", "paper",
};

using Input = std::string;

// The mutation being run, for the abort handler (0: the corpus itself).
volatile std::sig_atomic_t currentMutation = 0;
char abortNote[160];

void writeNumber(char*& out, unsigned long long value) {
  char digits[24];
  int n = 0;
  do digits[n++] = static_cast<char>('0' + value % 10); while ((value /= 10) != 0);
  while (n > 0) *out++ = digits[--n];
}

// Async-signal-safe: only write(2) of a text prepared before.
extern "C" void onAbort(int) {
  char line[64] = "finding at mutation ";
  char* out = line + 20;
  writeNumber(out, static_cast<unsigned long long>(currentMutation));
  *out++ = '\n';
  [[maybe_unused]] const auto a = ::write(2, line, static_cast<std::size_t>(out - line));
  [[maybe_unused]] const auto b = ::write(2, abortNote, std::char_traits<char>::length(abortNote));
  std::signal(SIGABRT, SIG_DFL);
  std::raise(SIGABRT);
}

std::vector<Input> readCorpus(const std::vector<std::string>& dirs) {
  std::vector<Input> inputs;
  for (const auto& dir : dirs) {
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      inputs.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  return inputs;
}

void run(const Input& input) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

/// One to four stacked edits of a corpus input, as libFuzzer's mutators do them (bit flips,
/// byte changes, insertions and removals, copies of a stretch, tokens, splices with another input).
class Mutator {
 public:
  Mutator(const std::vector<Input>& corpus, std::uint64_t seed) : corpus_(corpus), random_(seed) {}

  Input next() {
    Input text = corpus_[below(corpus_.size())];
    const std::size_t edits = 1 + below(4);
    for (std::size_t i = 0; i < edits; ++i) edit(text);
    if (text.size() > kMaxLength) text.resize(kMaxLength);
    return text;
  }

 private:
  static constexpr std::size_t kMaxLength = 65536;

  std::size_t below(std::size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }

  void edit(Input& text) {
    const std::size_t at = below(text.size() + 1);
    switch (below(7)) {
      case 0:  // flip a bit
        if (!text.empty()) text[below(text.size())] ^= static_cast<char>(1U << below(8));
        break;
      case 1:  // any byte
        if (!text.empty()) text[below(text.size())] = static_cast<char>(below(256));
        break;
      case 2:  // insert a token
        text.insert(at, kTokens[below(kTokens.size())]);
        break;
      case 3:  // remove a stretch
        if (at < text.size()) text.erase(at, 1 + below(std::min<std::size_t>(16, text.size() - at)));
        break;
      case 4: {  // copy a stretch elsewhere (deep nesting, long lists, repeated keys)
        if (text.empty()) break;
        const std::size_t from = below(text.size());
        const std::string stretch = text.substr(from, 1 + below(std::min<std::size_t>(64, text.size() - from)));
        for (std::size_t copies = 1 + below(8); copies > 0; --copies) text.insert(at, stretch);
        break;
      }
      case 5: {  // splice: this input's head, another's tail
        const Input& other = corpus_[below(corpus_.size())];
        text = text.substr(0, at) + other.substr(below(other.size() + 1));
        break;
      }
      default:  // a digit or a quote changed: numbers and strings at their edges
        if (!text.empty()) text[below(text.size())] = "0123456789\"'.eE-"[below(16)];
        break;
    }
  }

  const std::vector<Input>& corpus_;
  std::mt19937_64 random_;
};

bool option(const std::string& arg, const std::string& name, unsigned long long& value) {
  if (arg.rfind(name, 0) != 0) return false;
  value = std::stoull(arg.substr(name.size()));
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned long long mutations = 0;
  unsigned long long seed = 1;
  unsigned long long print = 0;
  bool printing = false;
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (option(arg, "--mutations=", mutations) || option(arg, "--seed=", seed)) continue;
    if (option(arg, "--print=", print)) {
      printing = true;
      continue;
    }
    dirs.push_back(arg);
  }
  const auto corpus = readCorpus(dirs);
  if (corpus.empty()) {
    std::cerr << "no inputs in the directories given: an empty corpus would test nothing\n";
    return 1;
  }
  std::snprintf(abortNote, sizeof abortNote, "(0: a corpus file) rerun: --seed=%llu --print=K > input\n", seed);
  std::signal(SIGABRT, onAbort);
  Mutator mutator(corpus, seed);
  if (printing) {  // mutation K of this seed, to keep as a corpus file
    for (unsigned long long k = 1; k < print; ++k) mutator.next();
    std::cout << mutator.next();
    return 0;
  }
  for (const auto& input : corpus) run(input);
  std::cout << corpus.size() << " inputs replayed\n" << std::flush;
  for (unsigned long long k = 1; k <= mutations; ++k) {
    if (k % 10000 == 0) std::cout << k << " of " << mutations << " mutations (seed " << seed << ")\n" << std::flush;
    currentMutation = static_cast<std::sig_atomic_t>(k);
    run(mutator.next());
  }
  if (mutations > 0) std::cout << mutations << " mutated inputs run (seed " << seed << ")\n";
  return 0;
}
