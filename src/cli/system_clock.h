// The real clock, for the server and the CLI. Tests use core::FixedClock instead.
#pragma once

#include "core/clock.h"

namespace debrief::cli {

class SystemClock final : public core::Clock {
 public:
  core::Timestamp Now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

}  // namespace debrief::cli
