#include "ingest/slack_export.h"

#include <boost/json.hpp>

#include <algorithm>

#include "core/event_time.h"
#include "ingest/event_mapping.h"

namespace debrief::ingest {
namespace {

namespace bj = boost::json;

// Subtypes that are not something anyone said.
constexpr std::string_view kPassedOverSubtypes[] = {
    "channel_join", "channel_leave",   "group_join",    "group_leave",
    "tombstone",    "message_deleted", "channel_topic", "channel_purpose",
    "channel_name", "pinned_item",     "unpinned_item"};

std::string_view StringAt(const bj::object& object, std::string_view key) {
  const bj::value* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string_view(value->get_string())
                                                : std::string_view();
}

// The first of the keys that holds a non-empty string.
std::string_view FirstString(const bj::object& object,
                             std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    std::string_view value = StringAt(object, key);
    if (!value.empty()) return value;
  }
  return {};
}

core::Result<bj::value> ParseJson(ExportArchive& archive, std::string_view name) {
  DEBRIEF_ASSIGN_OR_RETURN(std::string text, archive.Read(name));
  boost::system::error_code error;
  bj::value value = bj::parse(text, error);
  if (error) {
    return core::Error::InvalidArgument(archive.path() + "/" + std::string(name) +
                                        ": not valid JSON (" + error.message() + ")");
  }
  return value;
}

// "2026-03-14.json" → midnight UTC of that day.
std::optional<core::Timestamp> DayOf(std::string_view file) {
  if (!file.ends_with(".json") || file.size() != 15) return std::nullopt;
  auto date = core::ParseDate(file.substr(0, 10));
  if (!date) return std::nullopt;
  return core::Timestamp(std::chrono::sys_days(*date));
}

// The start of a thread's first message, to say what a reply answers.
std::string Shorten(std::string text, size_t limit) {
  CutToCharacters(text, limit);
  return text;
}

}  // namespace

core::Result<std::vector<std::string>> SlackChannels(ExportArchive& archive) {
  std::vector<std::string> names;
  for (std::string_view list : {"channels.json", "groups.json"}) {
    auto channels = ParseJson(archive, list);
    if (!channels) {
      if (channels.error().code() == core::ErrorCode::kNotFound) continue;
      return channels.error();
    }
    if (!channels->is_array()) continue;
    for (const bj::value& item : channels->get_array()) {
      const bj::object* channel = item.if_object();
      if (channel != nullptr && !StringAt(*channel, "name").empty()) {
        names.emplace_back(StringAt(*channel, "name"));
      }
    }
  }
  if (names.empty()) {
    return core::Error::InvalidArgument(archive.path() +
                                        ": not a Slack export (it lists no channels)");
  }
  return names;
}

core::Result<std::unique_ptr<SlackExportSource>> SlackExportSource::Open(
    std::unique_ptr<ExportArchive> archive, SlackImportOptions options) {
  if (!options.channel.empty() && options.channel.front() == '#') options.channel.erase(0, 1);
  if (options.channel.empty()) {
    return core::Error::InvalidArgument("name the channel to import (channel)", "channel");
  }
  std::unique_ptr<SlackExportSource> source(
      new SlackExportSource(std::move(archive), std::move(options)));
  DEBRIEF_RETURN_IF_ERROR(source->LoadUsers());
  DEBRIEF_RETURN_IF_ERROR(source->FindChannel());
  return source;
}

core::Result<void> SlackExportSource::LoadUsers() {
  DEBRIEF_ASSIGN_OR_RETURN(bj::value users, ParseJson(*archive_, "users.json"));
  if (!users.is_array()) {
    return core::Error::InvalidArgument(archive_->path() + "/users.json: not a list of users");
  }
  for (const bj::value& item : users.get_array()) {
    const bj::object* user = item.if_object();
    if (user == nullptr || StringAt(*user, "id").empty()) continue;
    SlackUser slack_user;
    slack_user.id = std::string(StringAt(*user, "id"));
    const bj::value* profile_value = user->if_contains("profile");
    const bj::object empty;
    const bj::object& profile = profile_value != nullptr && profile_value->is_object()
                                    ? profile_value->get_object()
                                    : empty;
    std::string_view name = FirstString(profile, {"real_name", "display_name"});
    if (name.empty()) name = FirstString(*user, {"real_name", "name"});
    slack_user.name = std::string(name.empty() ? slack_user.id : name);
    slack_user.email = std::string(StringAt(profile, "email"));
    users_.emplace(slack_user.id, std::move(slack_user));
  }
  return core::Ok();
}

core::Result<void> SlackExportSource::FindChannel() {
  std::string known;
  // Public channels, then private ones (groups.json), where exports that include them list them.
  for (std::string_view list : {"channels.json", "groups.json"}) {
    auto channels = ParseJson(*archive_, list);
    if (!channels) {
      if (channels.error().code() == core::ErrorCode::kNotFound) continue;
      return channels.error();
    }
    if (!channels->is_array()) continue;
    for (const bj::value& item : channels->get_array()) {
      const bj::object* channel = item.if_object();
      if (channel == nullptr) continue;
      std::string_view name = StringAt(*channel, "name");
      std::string_view id = StringAt(*channel, "id");
      if (name == options_.channel || id == options_.channel) {
        channel_id_ = std::string(id);
        channel_name_ = std::string(name);
        members_at_export_.clear();
        if (const bj::value* members = channel->if_contains("members");
            members != nullptr && members->is_array()) {
          for (const bj::value& member : members->get_array()) {
            if (member.is_string()) members_at_export_.emplace_back(member.get_string());
          }
        }
      } else if (known.size() < 400) {
        known += (known.empty() ? "" : ", ") + std::string(name);
      }
    }
  }
  if (channel_name_.empty()) {
    return core::Error::InvalidArgument("the export has no channel " + options_.channel +
                                            (known.empty() ? std::string() : "; it has: " + known),
                                        "channel");
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<ExportArchive::Entry> files, archive_->List(channel_name_));
  for (ExportArchive::Entry& file : files) {
    std::optional<core::Timestamp> day = DayOf(file.name);
    if (!day) continue;
    // A day file holds that UTC day: skip days wholly outside from/to.
    if (options_.from && *day + std::chrono::hours(24) <= *options_.from) continue;
    if (options_.to && *day >= *options_.to) continue;
    total_bytes_ += file.size;
    days_.push_back(std::move(file));
  }
  return core::Ok();
}

std::vector<SlackMembership> SlackExportSource::Memberships() const {
  std::vector<SlackMembership> memberships;
  for (const auto& [user, moves] : movements_) {
    std::vector<std::pair<core::Timestamp, bool>> ordered = moves;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    // A leave before any join: a member from before the first day read.
    std::optional<SlackMembership> open;
    if (!ordered.front().second) open = SlackMembership{user, std::nullopt, std::nullopt};
    for (const auto& [at, joined] : ordered) {
      if (joined && !open) {
        open = SlackMembership{user, at, std::nullopt};
      } else if (!joined && open) {
        open->until = at;
        memberships.push_back(std::move(*open));
        open.reset();
      }
    }
    if (open) memberships.push_back(std::move(*open));
  }
  for (const std::string& user : members_at_export_) {
    if (!movements_.contains(user)) memberships.push_back({user, std::nullopt, std::nullopt});
  }
  return memberships;
}

std::vector<AudienceSpan> SlackExportSource::AudienceSpans() const {
  std::vector<AudienceSpan> spans;
  for (const SlackMembership& membership : Memberships()) {
    AudienceSpan& span = spans.emplace_back();
    span.source = "import:slack:" + channel_id_;
    span.audience = "channel:#" + channel_name_;
    if (auto user = users_.find(membership.user_id); user != users_.end()) {
      span.email = user->second.email;
      span.name = user->second.name;
    }
    if (span.name.empty()) span.name = membership.user_id;
    span.since = membership.since;
    span.until = membership.until;
  }
  return spans;
}

core::Result<bool> SlackExportSource::NextDay() {
  if (next_day_ >= days_.size()) return false;
  day_name_ = channel_name_ + "/" + days_[next_day_++].name;
  DEBRIEF_RETURN_IF_ERROR(archive_->ReadInto(day_name_, day_text_));
  bytes_read_ += day_text_.size();
  if (auto parsed = day_.Parse(day_text_); !parsed) {
    return core::Error::InvalidArgument(archive_->path() + "/" + day_name_ + ": " +
                                        parsed.error().message());
  }
  next_message_ = 0;
  return true;
}

core::Result<bool> SlackExportSource::Next(core::TimelineEvent& event) {
  while (true) {
    if (next_message_ >= day_.size()) {
      DEBRIEF_ASSIGN_OR_RETURN(bool more, NextDay());
      if (!more) return false;
      continue;
    }
    size_t index = next_message_++;
    auto imported = ReadMessage(day_[index], event);
    if (!imported) {
      return core::Error::InvalidArgument(archive_->path() + "/" + day_name_ + ": message " +
                                          std::to_string(index + 1) + ": " +
                                          imported.error().message());
    }
    if (*imported) return true;
  }
}

core::Result<bool> SlackExportSource::ReadMessage(const SlackMessage& message,
                                                  core::TimelineEvent& event) {
  bool joins = message.subtype == "channel_join" || message.subtype == "group_join";
  bool leaves = message.subtype == "channel_leave" || message.subtype == "group_leave";
  if ((joins || leaves) && !message.user.empty()) {
    // A join without a readable time says nothing about when; it is passed over like the rest.
    auto at = core::ParseEventTime(message.ts, core::EventTimeFormat::kSlackTs);
    if (at) movements_[message.user].emplace_back(*at, joins);
  }
  if (message.hidden || std::find(std::begin(kPassedOverSubtypes), std::end(kPassedOverSubtypes),
                                  message.subtype) != std::end(kPassedOverSubtypes)) {
    return false;
  }
  const std::string& ts = message.ts;
  if (ts.empty()) return core::Error::InvalidArgument("it has no ts");
  DEBRIEF_ASSIGN_OR_RETURN(core::Timestamp at,
                           core::ParseEventTime(ts, core::EventTimeFormat::kSlackTs));
  std::string actor = message.bot_name;
  if (actor.empty() && !message.user.empty()) actor = NameOf(message.user);
  if (actor.empty()) actor = !message.username.empty() ? message.username : message.bot_id;
  std::string text = Readable(message.text);
  for (const std::string& file : message.files) {
    text += (text.empty() ? "" : " ") + std::string("[file: ") + file + "]";
  }
  const std::string& thread = message.thread_ts;
  if (!thread.empty() && thread == ts && message.has_replies) {
    threads_.emplace(ts, actor + ": " + Shorten(text, 60));
  }
  // Key: pinned in the channel, or marked with one of the key reactions.
  std::string mark = message.pinned ? "pinned" : "";
  for (const std::string& reaction : message.reactions) {
    if (!mark.empty()) break;
    if (std::find(options_.key_reactions.begin(), options_.key_reactions.end(), reaction) !=
        options_.key_reactions.end()) {
      mark = ":" + reaction + ":";
    }
  }
  bool in_window = (!options_.from || at >= *options_.from) && (!options_.to || at < *options_.to);
  if (!in_window || (mark.empty() && !options_.all_messages)) {
    ++passed_over_;
    return false;
  }
  event = core::TimelineEvent{};
  event.at = at;
  event.kind = core::EventKind::kCommunication;
  event.actor = std::move(actor);
  event.source = "import:slack:" + channel_id_ + ":" + ts;
  event.visible_to = {"channel:#" + channel_name_};
  if (!mark.empty()) event.text = "[key, " + mark + "] ";
  if (!thread.empty() && thread != ts) {
    auto parent = threads_.find(thread);
    event.text += parent != threads_.end() ? "↳ reply to " + parent->second + " — "
                                           : std::string("↳ reply in a thread — ");
  }
  event.text += text;
  shortened_ += CutToEventText(event.text);
  return true;
}

std::string SlackExportSource::NameOf(std::string_view user_id) const {
  auto found = users_.find(std::string(user_id));
  return found != users_.end() ? found->second.name : std::string(user_id);
}

std::string SlackExportSource::Readable(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  size_t position = 0;
  while (position < text.size()) {
    char c = text[position];
    if (c == '<') {
      size_t end = text.find('>', position);
      if (end != std::string_view::npos) {
        std::string_view inside = text.substr(position + 1, end - position - 1);
        size_t bar = inside.find('|');
        std::string_view target = inside.substr(0, bar);
        std::string_view label =
            bar == std::string_view::npos ? std::string_view() : inside.substr(bar + 1);
        if (target.starts_with("@")) {
          out += "@" + (label.empty() ? NameOf(target.substr(1)) : std::string(label));
        } else if (target.starts_with("#")) {
          out += "#" + std::string(label.empty() ? target.substr(1) : label);
        } else if (target.starts_with("!")) {
          out += "@" + std::string(label.empty() ? target.substr(1) : label);
        } else {
          out += label.empty() ? std::string(target)
                               : std::string(label) + " (" + std::string(target) + ")";
        }
        position = end + 1;
        continue;
      }
    }
    if (c == '&') {
      std::string_view rest = text.substr(position);
      if (rest.starts_with("&amp;")) {
        out += '&';
        position += 5;
        continue;
      }
      if (rest.starts_with("&lt;")) {
        out += '<';
        position += 4;
        continue;
      }
      if (rest.starts_with("&gt;")) {
        out += '>';
        position += 4;
        continue;
      }
    }
    out += c;
    ++position;
  }
  return out;
}

}  // namespace debrief::ingest
