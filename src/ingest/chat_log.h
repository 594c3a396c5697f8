// ChatLogSource: a chat log as plain text, one message per line with its time first, as IRC
// clients, bridges and copy-paste write them:
//   [10:02] <priya> payments 5xx up          irssi / HexChat ("<@priya>" too)
//   10:02 <priya> payments 5xx up
//   [2026-03-14 10:02:31] priya: checking    full dates, "nick:" speakers
//   2026-03-14 10:02:31\tpriya\tchecking     WeeChat (tabs)
//   [10:02 AM] * priya restarts the pool     12-hour clocks, actions
// A time may carry its offset ("10:02Z", "2026-03-14T10:02:31+01:00"), which then wins over
// `zone`. Lines without a time continue the message before them. Joins, parts and other "-!-" /
// "***" notices are passed over; irssi's "--- Day changed Sat Mar 14 2026" moves the day on. Times
// without a date need the day the log starts (`day`); a time earlier than the one before it is
// the next day. Times are local to `zone`.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/time.h"
#include "ingest/event_source.h"
#include "ingest/line_reader.h"
#include "ingest/time_zone.h"

namespace debrief::ingest {

// What the lines are: a chat's messages, or events pasted one per line ("14:05 - pool
// exhausted"), whose separator after the time is no part of the text.
struct ChatLogStyle {
  std::string kind_name = "chat";  // The <kind> of "import:<kind>:<id>".
  core::EventKind kind = core::EventKind::kCommunication;
  // Lines typed or pasted by hand: "- ", "– ", "— " or "| " after the time is passed over, and
  // no line is a chat's notice (a join, a part).
  bool pasted = false;
};

// The style of events pasted into the timeline, one per line with its time first.
ChatLogStyle PastedEventsStyle(core::EventKind kind);

class ChatLogSource final : public EventSource {
 public:
  ChatLogSource(std::unique_ptr<LineReader> lines, std::optional<core::Date> day, TimeZone zone,
                ChatLogStyle style = {});

  core::Result<bool> Next(core::TimelineEvent& event) override;
  uint64_t bytes_read() const override { return lines_->bytes_read(); }
  uint64_t total_bytes() const override { return lines_->total_bytes(); }
  int64_t shortened() const override { return shortened_; }
  int64_t notices() const { return notices_; }  // Lines passed over.

 private:
  struct Message {
    core::Timestamp at{};
    std::string actor;
    std::string text;
  };
  // Reads the next line into a message (true), a continuation or notice (false), or fails.
  core::Result<std::optional<Message>> ReadLine(std::string_view line);
  void Finish(Message& message, core::TimelineEvent& event);

  std::unique_ptr<LineReader> lines_;
  std::optional<core::Date> day_;
  TimeZone zone_;
  ChatLogStyle style_;
  std::chrono::milliseconds last_time_{-1};
  std::optional<Message> current_;
  bool ended_ = false;
  // Messages already given at the current instant, by content: the same words from the same
  // person at the same time are told apart by their order. Cleared when the time moves on.
  core::Timestamp ids_at_{};
  std::map<std::string, int> ids_seen_;
  int64_t shortened_ = 0;
  int64_t notices_ = 0;
};

}  // namespace debrief::ingest
