#pragma once
#include <gtest/gtest.h>

#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::surveys::testing {

/// Runs `action`, expecting a DomainError, and returns it for inspection; records a failure
/// (and returns a placeholder error) when nothing was thrown.
template <typename Action>
DomainError domainErrorOf(Action&& action) {
  try {
    action();
  } catch (const DomainError& error) {
    return error;
  }
  ADD_FAILURE() << "expected a DomainError";
  return DomainError(ErrorKind::Invalid, "none", "no error was thrown");
}

}  // namespace courtvoice::surveys::testing
