// Clock: where "now" comes from. Core never reads the system clock; the server passes the real
// clock in (cli/system_clock.h) and tests pass a FixedClock, so every rule about time is exact.
#pragma once

#include "core/time.h"

namespace debrief::core {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

// A clock that stands still until told to move. For tests and for seeding examples.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp now) : now_(now) {}
  Timestamp Now() const override { return now_; }
  void Set(Timestamp now) { now_ = now; }
  void Advance(Duration by) { now_ += by; }

 private:
  Timestamp now_;
};

}  // namespace debrief::core
