#include "cli/import_progress.h"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace debrief::cli {
namespace {

constexpr uint64_t kQuietBelow = 16 << 20;

std::string Megabytes(uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return text;
}

}  // namespace

ImportProgress::ImportProgress() : terminal_(::isatty(STDERR_FILENO) == 1) {}

void ImportProgress::Update(uint64_t bytes, uint64_t total_bytes, int64_t events) {
  if (terminal_) {
    auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    Draw(bytes, total_bytes, events);
    return;
  }
  // A small file is read in a moment: only its result is worth a line.
  if (total_bytes > 0 && total_bytes < kQuietBelow) return;
  uint64_t reached = total_bytes > 0 ? bytes * 10 / total_bytes : static_cast<uint64_t>(events);
  if (reached < next_report_ || (total_bytes > 0 && reached == 0)) return;
  next_report_ = total_bytes > 0 ? reached + 1 : reached + 1'000'000;
  if (total_bytes > 0) {
    std::fprintf(stderr, "debrief: read %llu%% (%s of %s), %lld events\n",
                 static_cast<unsigned long long>(bytes * 100 / total_bytes),
                 Megabytes(bytes).c_str(), Megabytes(total_bytes).c_str(),
                 static_cast<long long>(events));
  } else {
    std::fprintf(stderr, "debrief: read %s, %lld events\n", Megabytes(bytes).c_str(),
                 static_cast<long long>(events));
  }
}

void ImportProgress::Draw(uint64_t bytes, uint64_t total_bytes, int64_t events) {
  std::string line = "\r";
  if (total_bytes > 0) {
    constexpr int kWidth = 30;
    auto filled = static_cast<int>(bytes * kWidth / total_bytes);
    line += "[" + std::string(static_cast<size_t>(filled), '#') +
            std::string(static_cast<size_t>(kWidth - filled), ' ') + "] " +
            std::to_string(bytes * 100 / total_bytes) + "% " + Megabytes(bytes) + " of " +
            Megabytes(total_bytes);
  } else {
    line += Megabytes(bytes);
  }
  line += ", " + std::to_string(events) + " events";
  std::fputs(line.c_str(), stderr);
  drawn_ = true;
}

void ImportProgress::Finish() {
  if (terminal_ && drawn_) std::fputs("\n", stderr);
}

}  // namespace debrief::cli
