#pragma once
// A small W3C WebDriver client for the browser tests. It starts Debian's /usr/bin/chromedriver
// on a free local port (and stops it by PID), opens a headless Chromium session with a fresh
// profile, and drives it over the WebDriver JSON protocol with Poco's HTTP client.
// Header-only on purpose: only the browser tests use it.
#include <Poco/Base64Decoder.h>
#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/Timespan.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace courtvoice::e2e {

/// A WebDriver command failed (the W3C "error" code and message are in what()).
class WebDriverError : public std::runtime_error {
 public:
  WebDriverError(std::string code, const std::string& message)
      : std::runtime_error(code + ": " + message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

/// A reference to an element on the current page.
struct Element {
  std::string id;
};

namespace detail {

inline constexpr const char* kElementKey = "element-6066-11e4-a52e-4f735466cecf";

/// A free TCP port on 127.0.0.1 (bound once to let the OS choose it, then released).
inline int freeLocalPort() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  const int port = socket.address().port();
  socket.close();
  return port;
}

inline std::string toJson(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(value, out);
  return out.str();
}

/// One HTTP exchange with chromedriver; returns the parsed "value" or throws WebDriverError.
inline Poco::Dynamic::Var call(int port, const std::string& method, const std::string& path,
                               const std::optional<std::string>& body = std::nullopt) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  session.setTimeout(Poco::Timespan(120, 0));  // new sessions and page loads can be slow under sanitizers
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (body) {
    request.setContentType("application/json; charset=utf-8");
    request.setContentLength(static_cast<std::streamsize>(body->size()));
    session.sendRequest(request) << *body;
  } else {
    session.sendRequest(request);
  }
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  std::string text;
  Poco::StreamCopier::copyToString(in, text);
  Poco::Dynamic::Var parsed;
  try {
    parsed = Poco::JSON::Parser().parse(text);
  } catch (const Poco::Exception&) {
    throw WebDriverError("bad response", std::to_string(static_cast<int>(response.getStatus())) + " " + text);
  }
  const auto object = parsed.extract<Poco::JSON::Object::Ptr>();
  Poco::Dynamic::Var value = object->get("value");
  if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) {
    std::string code = "unknown error";
    std::string message = text;
    if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
      const auto error = value.extract<Poco::JSON::Object::Ptr>();
      code = error->optValue<std::string>("error", code);
      message = error->optValue<std::string>("message", message);
    }
    throw WebDriverError(code, method + " " + path + ": " + message);
  }
  return value;
}

}  // namespace detail

/// The chromedriver process: started on a free port, stopped by its PID.
class ChromeDriverProcess {
 public:
  explicit ChromeDriverProcess(const std::string& binary = "/usr/bin/chromedriver") {
    if (!std::filesystem::exists(binary)) {
      throw std::runtime_error(binary + " is missing: apt-get install -y chromium-driver");
    }
    // Another process may grab the port between our probe and chromedriver's bind: try a few.
    for (int attempt = 0; attempt < 5; ++attempt) {
      port_ = detail::freeLocalPort();
      // --silent: no banner on the test's output; only local clients may connect.
      handle_.emplace(Poco::Process::launch(binary, {"--port=" + std::to_string(port_), "--silent",
                                                      "--allowed-ips=127.0.0.1"}));
      if (waitReady()) return;
      stop();
    }
    throw std::runtime_error("chromedriver did not start");
  }
  ~ChromeDriverProcess() { stop(); }
  ChromeDriverProcess(const ChromeDriverProcess&) = delete;
  ChromeDriverProcess& operator=(const ChromeDriverProcess&) = delete;

  int port() const { return port_; }

 private:
  bool waitReady() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      if (!Poco::Process::isRunning(*handle_)) return false;
      try {
        const auto status = detail::call(port_, "GET", "/status").extract<Poco::JSON::Object::Ptr>();
        if (status->optValue<bool>("ready", false)) return true;
      } catch (const Poco::Exception&) {
        // not listening yet
      } catch (const WebDriverError&) {
        // not ready yet
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  void stop() {
    if (!handle_) return;
    // /shutdown quits the browsers of any session still open; a signal alone would leave them running.
    try {
      detail::call(port_, "GET", "/shutdown");
    } catch (const Poco::Exception&) {
      // not answering: the signals below
    } catch (const WebDriverError&) {
      // same
    }
    if (Poco::Process::isRunning(*handle_)) {
      Poco::Process::requestTermination(handle_->id());
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
      while (Poco::Process::tryWait(*handle_) == -1 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      if (Poco::Process::isRunning(*handle_)) {
        Poco::Process::kill(*handle_);
      }
    }
    try {
      Poco::Process::wait(*handle_);
    } catch (const Poco::Exception&) {
      // already reaped
    }
    handle_.reset();
  }

  int port_ = 0;
  std::optional<Poco::ProcessHandle> handle_;
};

/// A headless Chromium session driven through chromedriver.
class Browser {
 public:
  struct Options {
    int width = 1280;
    int height = 800;
    std::string workDir;       ///< where the profile and downloads go
    std::string downloadDir;   ///< empty: <workDir>/downloads
  };

  explicit Browser(Options options) : options_(std::move(options)) {
    namespace fs = std::filesystem;
    fs::create_directories(options_.workDir);
    profileDir_ = options_.workDir + "/profile";
    fs::remove_all(profileDir_);  // a fresh profile: no cache, no storage from an earlier run
    fs::create_directories(profileDir_);
    if (options_.downloadDir.empty()) options_.downloadDir = options_.workDir + "/downloads";
    fs::create_directories(options_.downloadDir);
    driver_.emplace();

    Poco::JSON::Array::Ptr args = new Poco::JSON::Array;
    for (const char* arg : {"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
                            "--hide-scrollbars", "--disable-dev-shm-usage", "--lang=en-US"}) {
      args->add(std::string(arg));
    }
    args->add("--user-data-dir=" + profileDir_);
    args->add("--window-size=" + std::to_string(options_.width) + "," + std::to_string(options_.height));
    Poco::JSON::Object::Ptr prefs = new Poco::JSON::Object;
    prefs->set("download.default_directory", options_.downloadDir);
    prefs->set("download.prompt_for_download", false);
    Poco::JSON::Object::Ptr chrome = new Poco::JSON::Object;
    chrome->set("args", args);
    chrome->set("prefs", prefs);
    if (std::filesystem::exists("/usr/lib/chromium/chromium")) {
      chrome->set("binary", std::string("/usr/lib/chromium/chromium"));  // skip Debian's wrapper script
    }
    Poco::JSON::Object::Ptr always = new Poco::JSON::Object;
    always->set("browserName", std::string("chrome"));
    always->set("goog:chromeOptions", chrome);
    always->set("pageLoadStrategy", std::string("normal"));
    Poco::JSON::Object::Ptr capabilities = new Poco::JSON::Object;
    capabilities->set("alwaysMatch", always);
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("capabilities", capabilities);

    const auto value = detail::call(driver_->port(), "POST", "/session", detail::toJson(body));
    sessionId_ = value.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("sessionId");
  }

  ~Browser() {
    try {
      if (!sessionId_.empty()) detail::call(driver_->port(), "DELETE", "/session/" + sessionId_);
    } catch (...) {
      // the driver is stopped below anyway
    }
    driver_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(profileDir_, ignored);
  }
  Browser(const Browser&) = delete;
  Browser& operator=(const Browser&) = delete;

  const std::string& downloadDir() const { return options_.downloadDir; }

  void navigate(const std::string& url) { post("/url", object({{"url", url}})); }
  std::string currentUrl() { return get("/url").toString(); }
  void refresh() { post("/refresh", "{}"); }

  void setWindowSize(int width, int height) {
    Poco::JSON::Object::Ptr rect = new Poco::JSON::Object;
    rect->set("width", width);
    rect->set("height", height);
    post("/window/rect", detail::toJson(rect));
  }

  /// The first element matching the CSS selector; throws WebDriverError("no such element") if none.
  Element find(const std::string& css) { return toElement(post("/element", locator(css))); }

  std::vector<Element> findAll(const std::string& css) {
    std::vector<Element> result;
    const auto list = post("/elements", locator(css)).extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < list->size(); ++i) result.push_back(toElement(list->get(static_cast<unsigned>(i))));
    return result;
  }

  std::optional<Element> tryFind(const std::string& css) {
    auto all = findAll(css);
    if (all.empty()) return std::nullopt;
    return all.front();
  }

  /// Clicks the element's centre as a person would: after bringing it to the middle of the
  /// screen (chromedriver alone does not scroll when a sticky bar covers a visible element).
  void click(const Element& e) {
    Poco::JSON::Object::Ptr reference = new Poco::JSON::Object;
    reference->set(detail::kElementKey, e.id);
    Poco::JSON::Array::Ptr args = new Poco::JSON::Array;
    args->add(reference);
    execute("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", args);
    post("/element/" + e.id + "/click", "{}");
  }
  void click(const std::string& css) { click(find(css)); }
  void sendKeys(const Element& e, const std::string& text) { post("/element/" + e.id + "/value", object({{"text", text}})); }
  void sendKeys(const std::string& css, const std::string& text) { sendKeys(find(css), text); }
  void clear(const Element& e) { post("/element/" + e.id + "/clear", "{}"); }
  std::string text(const Element& e) { return get("/element/" + e.id + "/text").toString(); }
  /// The text of the element matching `css` now. The page may re-render between finding the
  /// element and reading it (a report arriving while a test reads the previous one, which the
  /// slower sanitizer build shows); the element is then found again.
  std::string text(const std::string& css) {
    for (int attempt = 1;; ++attempt) {
      try {
        return text(find(css));
      } catch (const WebDriverError& e) {
        if (e.code() != "stale element reference" || attempt == 5) throw;
      }
    }
  }
  bool displayed(const Element& e) { return get("/element/" + e.id + "/displayed").convert<bool>(); }
  bool displayed(const std::string& css) {
    auto e = tryFind(css);
    return e && displayed(*e);
  }
  std::string property(const Element& e, const std::string& name) {
    const auto v = get("/element/" + e.id + "/property/" + name);
    return v.isEmpty() ? std::string() : v.toString();
  }

  /// Presses and releases each key on the real keyboard, into whatever has focus. A key is one
  /// character, or one of WebDriver's special keys (e.g. kArrowRight).
  void pressKeys(const std::vector<std::string>& keys) {
    Poco::JSON::Array::Ptr steps = new Poco::JSON::Array;
    for (const auto& key : keys) {
      for (const char* type : {"keyDown", "keyUp"}) {
        Poco::JSON::Object::Ptr step = new Poco::JSON::Object;
        step->set("type", std::string(type));
        step->set("value", key);
        steps->add(step);
      }
    }
    Poco::JSON::Object::Ptr keyboard = new Poco::JSON::Object;
    keyboard->set("type", std::string("key"));
    keyboard->set("id", std::string("keyboard"));
    keyboard->set("actions", steps);
    Poco::JSON::Array::Ptr sources = new Poco::JSON::Array;
    sources->add(keyboard);
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("actions", sources);
    post("/actions", detail::toJson(body));
  }
  static constexpr const char* kTab = "\xee\x80\x84";         // U+E004
  static constexpr const char* kEnter = "\xee\x80\x87";       // U+E007
  static constexpr const char* kArrowRight = "\xee\x80\x94";  // U+E014
  static constexpr const char* kArrowDown = "\xee\x80\x95";   // U+E015

  /// Runs `script` (a function body; use `return`) in the page and returns its JSON value.
  Poco::Dynamic::Var execute(const std::string& script, Poco::JSON::Array::Ptr args = nullptr) {
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("script", script);
    body->set("args", args.isNull() ? Poco::JSON::Array::Ptr(new Poco::JSON::Array) : args);
    return post("/execute/sync", detail::toJson(body));
  }
  /// Like execute(), for scripts that return a string, a number or a boolean.
  std::string evalString(const std::string& script) {
    const auto v = execute(script);
    return v.isEmpty() ? std::string() : v.toString();
  }
  bool evalBool(const std::string& script) { return execute(script).convert<bool>(); }
  double evalNumber(const std::string& script) { return execute(script).convert<double>(); }

  /// Resizes the window so that the page's viewport (innerWidth x innerHeight) is width x height:
  /// headless Chromium still reserves room for its toolbar inside the window size.
  void setViewportSize(int width, int height) {
    const int innerWidth = static_cast<int>(evalNumber("return window.innerWidth;"));
    const int innerHeight = static_cast<int>(evalNumber("return window.innerHeight;"));
    if (innerWidth != width || innerHeight != height) {
      const int outerWidth = static_cast<int>(evalNumber("return window.outerWidth;"));
      const int outerHeight = static_cast<int>(evalNumber("return window.outerHeight;"));
      setWindowSize(outerWidth + width - innerWidth, outerHeight + height - innerHeight);
    }
  }

  /// Renders the page as for "print" or "screen" (Chromium's DevTools command through chromedriver).
  void emulateMedia(const std::string& media) {
    Poco::JSON::Object::Ptr params = new Poco::JSON::Object;
    params->set("media", media);
    devTools("Emulation.setEmulatedMedia", params);
  }

  /// Forgets everything the browser keeps for `origin` (localStorage, IndexedDB, cache, cookies...):
  /// a browser shared by several tests starts each one as a new device would.
  void clearOriginData(const std::string& origin) {
    Poco::JSON::Object::Ptr params = new Poco::JSON::Object;
    params->set("origin", origin);
    params->set("storageTypes", std::string("all"));
    devTools("Storage.clearDataForOrigin", params);
  }

  /// A Chrome DevTools Protocol command, through chromedriver.
  void devTools(const std::string& command, Poco::JSON::Object::Ptr params) {
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("cmd", command);
    body->set("params", params);
    post("/goog/cdp/execute", detail::toJson(body));
  }

  /// Runs `script` in every page this session opens from now on, before the page's own scripts
  /// (DevTools Page.addScriptToEvaluateOnNewDocument): e.g. to stand in for a server endpoint.
  /// Returns its identifier for removeScriptOnNewDocument (the browser outlives a test).
  std::string addScriptOnNewDocument(const std::string& script) {
    Poco::JSON::Object::Ptr params = new Poco::JSON::Object;
    params->set("source", script);
    const auto value = cdp("Page.addScriptToEvaluateOnNewDocument", params);
    return value.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("identifier");
  }

  void removeScriptOnNewDocument(const std::string& identifier) {
    Poco::JSON::Object::Ptr params = new Poco::JSON::Object;
    params->set("identifier", identifier);
    cdp("Page.removeScriptToEvaluateOnNewDocument", params);
  }

  /// One DevTools command through chromedriver; returns its result.
  Poco::Dynamic::Var cdp(const std::string& command, Poco::JSON::Object::Ptr params) {
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("cmd", command);
    body->set("params", params);
    return post("/goog/cdp/execute", detail::toJson(body));
  }

  /// Saves a PNG of the viewport.
  void screenshot(const std::string& path) {
    const std::string base64 = get("/screenshot").toString();
    std::istringstream in(base64);
    Poco::Base64Decoder decoder(in);
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream out(path, std::ios::binary);
    Poco::StreamCopier::copyStream(decoder, out);
  }

  /// Polls `condition` until it holds or `timeout` passes; returns whether it held. Exceptions
  /// from the condition (e.g. an element not there yet) count as "not yet".
  bool waitUntil(const std::function<bool()>& condition,
                 std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      try {
        if (condition()) return true;
      } catch (const WebDriverError&) {
        // not yet
      }
      if (std::chrono::steady_clock::now() >= deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  /// Waits until an element matching `css` is displayed.
  bool waitVisible(const std::string& css, std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
    return waitUntil([&] { return displayed(css); }, timeout);
  }

 private:
  static std::string object(std::initializer_list<std::pair<std::string, std::string>> fields) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    for (const auto& [k, v] : fields) o->set(k, v);
    return detail::toJson(o);
  }
  static std::string locator(const std::string& css) { return object({{"using", "css selector"}, {"value", css}}); }
  static Element toElement(const Poco::Dynamic::Var& v) {
    return Element{v.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>(detail::kElementKey)};
  }

  Poco::Dynamic::Var post(const std::string& path, const std::string& body) {
    return detail::call(driver_->port(), "POST", "/session/" + sessionId_ + path, body);
  }
  Poco::Dynamic::Var get(const std::string& path) {
    return detail::call(driver_->port(), "GET", "/session/" + sessionId_ + path);
  }

  Options options_;
  std::string profileDir_;
  std::optional<ChromeDriverProcess> driver_;
  std::string sessionId_;
};

}  // namespace courtvoice::e2e
