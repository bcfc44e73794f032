#pragma once
// Internal to surveys_mysql: spending invitation codes inside a response's storing transaction.
#include <vector>

#include "courtvoice/surveys/response.hpp"

namespace courtvoice::surveys::mysql {

class Session;

/// Spends the invitation code of every response that has one, in the caller's open transaction:
/// unspent, not expired (UTC_DATE()), of the response's survey, and the response's court inside
/// the code's court or region. Then sets `stir` of every spent code of each batch touched to one
/// new value, so that all of them carry this transaction's id (see migration 004). Throws DomainError
/// Forbidden "invitation_unknown" / Conflict "invitation_spent" / "invitation_expired" (field
/// "invitation_code") for the first code that cannot be spent; the caller's transaction then
/// rolls back.
void spendInvitations(Session& session, const std::vector<const Response*>& responses);

}  // namespace courtvoice::surveys::mysql
