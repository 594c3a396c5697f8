#include "ingest/chat_log.h"

#include <array>
#include <cctype>

#include "ingest/clock_text.h"
#include "ingest/event_mapping.h"
#include "ingest/plain_text.h"

namespace debrief::ingest {
namespace {

using std::chrono::milliseconds;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

struct Stamp {
  std::optional<core::Date> day;
  milliseconds time{0};
  std::optional<std::chrono::minutes> offset;  // East of UTC, when the stamp gives one.
  size_t length = 0;  // Bytes of the line it took, with the space after it.
};

// "H:MM", "HH:MM:SS", "HH:MM:SS.sss", with " AM" / " PM".
std::optional<milliseconds> ReadTime(std::string_view line, size_t& at) {
  size_t start = at;
  size_t hour_digits = at + 1 < line.size() && IsDigit(line[at + 1]) ? 2 : 1;
  auto hours = ReadDigits(line, at, hour_digits);
  if (!hours || at >= line.size() || line[at] != ':') return (at = start, std::nullopt);
  ++at;
  auto minutes = ReadDigits(line, at, 2);
  if (!minutes || *minutes > 59) return (at = start, std::nullopt);
  int seconds = 0;
  if (at < line.size() && line[at] == ':') {
    ++at;
    auto read = ReadDigits(line, at, 2);
    if (!read || *read > 60) return (at = start, std::nullopt);
    seconds = *read;
    if (at < line.size() && (line[at] == '.' || line[at] == ',')) {
      ++at;
      while (at < line.size() && IsDigit(line[at])) ++at;  // Fractions: below what we keep.
    }
  }
  int hour = *hours;
  std::string_view rest = line.substr(at);
  for (std::string_view half : {" AM", " PM", " am", " pm"}) {
    if (!rest.starts_with(half)) continue;
    if (hour < 1 || hour > 12) return (at = start, std::nullopt);
    bool pm = half == " PM" || half == " pm";
    hour = hour % 12 + (pm ? 12 : 0);
    at += half.size();
    break;
  }
  if (hour > 23) return (at = start, std::nullopt);
  return milliseconds((hour * 3600 + *minutes * 60 + seconds) * 1000);
}

// "Z", "+01:00", "-0530" or " UTC" right after a time.
std::optional<std::chrono::minutes> ReadOffset(std::string_view line, size_t& at) {
  if (at < line.size() && line[at] == 'Z') {
    ++at;
    return std::chrono::minutes(0);
  }
  if (line.substr(at).starts_with(" UTC") &&
      (at + 4 == line.size() || line[at + 4] == ' ' || line[at + 4] == ']')) {
    at += 4;
    return std::chrono::minutes(0);
  }
  if (at >= line.size() || (line[at] != '+' && line[at] != '-')) return std::nullopt;
  size_t read = at + 1;
  auto hours = ReadDigits(line, read, 2);
  if (!hours || *hours > 14) return std::nullopt;
  if (read < line.size() && line[read] == ':') ++read;
  auto minutes = ReadDigits(line, read, 2);
  if (!minutes || *minutes > 59) return std::nullopt;
  int sign = line[at] == '-' ? -1 : 1;
  at = read;
  return std::chrono::minutes(sign * (*hours * 60 + *minutes));
}

std::optional<Stamp> ReadStamp(std::string_view line) {
  size_t at = 0;
  bool bracket = !line.empty() && line.front() == '[';
  if (bracket) ++at;
  Stamp stamp;
  stamp.day = ReadIsoDate(line, at);
  if (stamp.day) {
    if (at >= line.size() || (line[at] != ' ' && line[at] != 'T')) return std::nullopt;
    ++at;
  }
  auto time = ReadTime(line, at);
  if (!time) return std::nullopt;
  stamp.time = *time;
  stamp.offset = ReadOffset(line, at);
  if (bracket) {
    if (at >= line.size() || line[at] != ']') return std::nullopt;
    ++at;
  }
  if (at < line.size() && line[at] != ' ' && line[at] != '\t') return std::nullopt;
  while (at < line.size() && (line[at] == ' ' || line[at] == '\t')) ++at;
  stamp.length = at;
  return stamp;
}

// irssi: "--- Day changed Sat Mar 14 2026" / "--- Log opened Sat Mar 14 10:00:00 2026".
std::optional<core::Date> DayChange(std::string_view line) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::string_view lead : {"--- Day changed ", "--- Log opened "}) {
    if (!line.starts_with(lead)) continue;
    std::string_view rest = line.substr(lead.size());
    if (rest.size() < 11) return std::nullopt;
    rest.remove_prefix(4);  // "Sat ".
    unsigned month = 0;
    for (unsigned index = 0; index < kMonths.size(); ++index) {
      if (rest.starts_with(kMonths[index])) month = index + 1;
    }
    if (month == 0) return std::nullopt;
    rest.remove_prefix(4);
    size_t at = 0;
    auto day = ReadDigits(rest, at, rest.size() > 1 && IsDigit(rest[1]) ? 2 : 1);
    size_t space = rest.rfind(' ');
    if (!day || space == std::string_view::npos) return std::nullopt;
    at = space + 1;
    auto year = ReadDigits(rest, at, 4);
    std::chrono::year_month_day date{std::chrono::year{year.value_or(0)}, std::chrono::month{month},
                                     std::chrono::day{static_cast<unsigned>(*day)}};
    if (!year || !date.ok()) return std::nullopt;
    return core::Date{date};
  }
  return std::nullopt;
}

}  // namespace

ChatLogStyle PastedEventsStyle(core::EventKind kind) {
  return ChatLogStyle{.kind_name = "paste", .kind = kind, .pasted = true};
}

ChatLogSource::ChatLogSource(std::unique_ptr<LineReader> lines, std::optional<core::Date> day,
                             TimeZone zone, ChatLogStyle style)
    : lines_(std::move(lines)), day_(day), zone_(std::move(zone)), style_(std::move(style)) {}

core::Result<std::optional<ChatLogSource::Message>> ChatLogSource::ReadLine(std::string_view line) {
  if (auto day = DayChange(line)) {
    day_ = *day;
    last_time_ = milliseconds(-1);
    ++notices_;
    return std::optional<Message>();
  }
  if (!IsUtf8(line)) return lines_->LineError("not valid UTF-8");
  std::optional<Stamp> stamp = ReadStamp(line);
  if (!stamp) {
    if (TrimSpace(line).empty()) return std::optional<Message>();
    if (!current_) {
      return lines_->LineError(
          "no time at the start of the line (expected a message such as \"[10:02] <nick> "
          "text\")");
    }
    current_->text += "\n" + std::string(TrimSpace(line));
    return std::optional<Message>();
  }
  if (stamp->day) {
    day_ = stamp->day;
  } else if (!day_) {
    return lines_->LineError(
        "the log gives times without a date: say which day it starts on (date, "
        "YYYY-MM-DD)");
  } else if (stamp->time < last_time_) {
    *day_ += std::chrono::days(1);  // Past midnight.
  }
  last_time_ = stamp->time;
  std::string_view rest = line.substr(stamp->length);
  Message message;
  message.at = stamp->offset ? core::Timestamp(*day_ + stamp->time - *stamp->offset)
                             : zone_.ToUtc(*day_, stamp->time);
  if (style_.pasted) {
    for (std::string_view separator : {"- ", "\u2013 ", "\u2014 ", "| "}) {
      if (rest.starts_with(separator)) {
        rest.remove_prefix(separator.size());
        break;
      }
    }
  }
  if (!style_.pasted &&
      (rest.starts_with("-!-") || rest.starts_with("***") || rest.starts_with("--"))) {
    ++notices_;  // Joins, parts, topic and mode changes.
    return std::optional<Message>();
  }
  if (rest.starts_with("<")) {
    size_t close = rest.find('>');
    if (close != std::string_view::npos) {
      std::string_view nick = TrimSpace(rest.substr(1, close - 1));
      while (!nick.empty() &&
             std::string_view("@+%~&").find(nick.front()) != std::string_view::npos) {
        nick.remove_prefix(1);
      }
      message.actor = std::string(nick);
      rest.remove_prefix(close + 1);
    }
  } else if (rest.starts_with("* ")) {
    std::string_view action = rest.substr(2);
    message.actor = std::string(action.substr(0, action.find(' ')));
    rest = action;
  } else if (size_t tab = rest.find('\t'); tab != std::string_view::npos) {
    message.actor = std::string(TrimSpace(rest.substr(0, tab)));
    rest.remove_prefix(tab + 1);
  } else if (size_t colon = rest.find(": ");
             colon != std::string_view::npos &&
             rest.substr(0, colon).find(' ') == std::string_view::npos) {
    message.actor = std::string(rest.substr(0, colon));
    rest.remove_prefix(colon + 2);
  }
  message.text = std::string(TrimSpace(rest));
  if (message.text.empty()) {
    ++notices_;
    return std::optional<Message>();
  }
  return std::optional<Message>(std::move(message));
}

void ChatLogSource::Finish(Message& message, core::TimelineEvent& event) {
  event = core::TimelineEvent{};
  event.at = message.at;
  event.kind = style_.kind;
  event.actor = message.actor.substr(0, 120);
  event.text = std::move(message.text);
  shortened_ += CutToEventText(event.text);
  std::string content =
      std::to_string(core::ToEpochMillis(event.at)) + "\n" + event.actor + "\n" + event.text;
  if (event.at != ids_at_) {
    ids_at_ = event.at;
    ids_seen_.clear();
  }
  int seen = ids_seen_[content]++;
  event.source = "import:" + style_.kind_name + ":" + ContentId(content) +
                 (seen > 0 ? "-" + std::to_string(seen) : "");
}

core::Result<bool> ChatLogSource::Next(core::TimelineEvent& event) {
  while (!ended_) {
    std::string_view line;
    DEBRIEF_ASSIGN_OR_RETURN(bool has_line, lines_->Next(line));
    if (!has_line) {
      ended_ = true;
      break;
    }
    DEBRIEF_ASSIGN_OR_RETURN(std::optional<Message> message, ReadLine(line));
    if (!message) continue;
    if (!current_) {
      current_ = std::move(message);
      continue;
    }
    Finish(*current_, event);
    current_ = std::move(message);
    return true;
  }
  if (!current_) return false;
  Finish(*current_, event);
  current_.reset();
  return true;
}

}  // namespace debrief::ingest
