// The one mapping from an Error to a process exit code: 2 when the command was used wrongly
// (bad arguments or input), 1 when it could not be carried out. Success is 0.
#pragma once

#include <cstdio>
#include <string>

#include "core/error.h"

namespace debrief::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

inline int ExitCodeFor(const core::Error& error) {
  return error.code() == core::ErrorCode::kInvalidArgument ||
                 error.code() == core::ErrorCode::kAlreadyExists ||
                 error.code() == core::ErrorCode::kNotFound
             ? kExitUsage
             : kExitFailure;
}

// Prints "debrief: <message>" to stderr and returns the exit code for it.
inline int Fail(const core::Error& error) {
  std::fprintf(stderr, "debrief: %s\n", error.message().c_str());
  return ExitCodeFor(error);
}

}  // namespace debrief::cli
