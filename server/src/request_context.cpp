#include "courtvoice/server/request_context.hpp"

namespace courtvoice::server {

namespace {
thread_local RequestContext context;
}

RequestContext& currentRequest() { return context; }

void resetCurrentRequest() { context = RequestContext{}; }

}  // namespace courtvoice::server
