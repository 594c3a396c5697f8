// ImportProgress: how far an import has read, on standard error. On a terminal, one line redrawn
// at most ten times a second (a bar, bytes and events); otherwise a plain line at each tenth of
// the input (or every million events when its size is unknown), for logs.
#pragma once

#include <chrono>
#include <cstdint>

namespace debrief::cli {

class ImportProgress {
 public:
  ImportProgress();
  void Update(uint64_t bytes, uint64_t total_bytes, int64_t events);
  // Ends a terminal's progress line.
  void Finish();

 private:
  void Draw(uint64_t bytes, uint64_t total_bytes, int64_t events);

  bool terminal_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
  uint64_t next_report_ = 0;  // Plain output: the next tenth, or event count, to report at.
};

}  // namespace debrief::cli
