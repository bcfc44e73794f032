# Precompiled headers. gcc -ftime-report shows that parsing headers (the standard library, Poco,
# Boost, GoogleTest) is about 60% of a file's compile time here, and the test command builds
# everything twice on 2 cores, so each target parses them once instead of once per file.
# Only headers from the system are listed: our own change too often to be worth it.
option(COURTVOICE_PCH "Precompile the system headers every target includes" ON)
# ccache cannot cache files compiled with a precompiled header unless configured for it; a
# developer build through ccache is fast without them anyway.
if(CMAKE_CXX_COMPILER_LAUNCHER MATCHES "ccache")
  set(COURTVOICE_PCH OFF)
endif()

set(COURTVOICE_PCH_STD <algorithm> <array> <chrono> <cmath> <cstddef> <cstdint> <functional> <map>
  <memory> <optional> <set> <sstream> <stdexcept> <string> <string_view> <unordered_map> <utility>
  <vector>)
set(COURTVOICE_PCH_POCO <Poco/JSON/Object.h> <Poco/JSON/Array.h> <Poco/JSON/Parser.h>)
set(COURTVOICE_PCH_HTTP <Poco/Net/HTTPServerRequest.h> <Poco/Net/HTTPServerResponse.h>
  <Poco/Net/HTTPClientSession.h> <Poco/Net/HTTPRequest.h> <Poco/Net/HTTPResponse.h>)

# courtvoice_pch(target header...): precompiles the standard headers and the ones given.
function(courtvoice_pch target)
  if(COURTVOICE_PCH)
    target_precompile_headers(${target} PRIVATE ${COURTVOICE_PCH_STD} ${ARGN})
  endif()
endfunction()
