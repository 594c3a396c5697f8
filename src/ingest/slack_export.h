// SlackExportSource: the messages of one channel of a Slack workspace export (the zip or its
// folder: channels.json and groups.json list the channels, users.json the people, and each
// channel's folder holds one JSON array of messages per day, YYYY-MM-DD.json).
//
// Messages that are pinned or carry one of the key reactions are the channel's key moments and
// are always imported, marked as such; the others only when asked for. Thread replies are kept
// and say which message they answer. Joins, leaves, deleted and hidden messages are passed over.
// Each event's source is import:slack:<channel id>:<ts>, so importing an export again, or a
// later export of the same channel, adds only the new messages.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "ingest/event_source.h"
#include "ingest/export_archive.h"
#include "ingest/slack_day.h"

namespace debrief::ingest {

struct SlackImportOptions {
  std::string channel;  // Its name ("incident-142", a leading # allowed) or id.
  std::optional<core::Timestamp> from = std::nullopt;  // Messages at or after.
  std::optional<core::Timestamp> to = std::nullopt;    // Messages before.
  std::vector<std::string> key_reactions = {"pushpin", "round_pushpin", "key"};
  bool all_messages = false;  // Import every message, not only key ones.
};

// When someone of the workspace was in the channel: from its join message (or from before the
// export's first day, when none was read) until its leave message (or the export's end).
struct SlackMembership {
  std::string user_id;
  std::optional<core::Timestamp> since;
  std::optional<core::Timestamp> until;
};

struct SlackUser {
  std::string id;
  std::string name;  // The name people know them by: real name, else display name, else handle.
  std::string email;
};

// The names of the export's channels (public, then private ones where the export has them), to
// choose one from.
core::Result<std::vector<std::string>> SlackChannels(ExportArchive& archive);

class SlackExportSource final : public EventSource {
 public:
  static core::Result<std::unique_ptr<SlackExportSource>> Open(
      std::unique_ptr<ExportArchive> archive, SlackImportOptions options);

  core::Result<bool> Next(core::TimelineEvent& event) override;
  uint64_t bytes_read() const override { return bytes_read_; }
  uint64_t total_bytes() const override { return total_bytes_; }
  int64_t shortened() const override { return shortened_; }

  // The workspace's people, by Slack user id. Renaming one changes the actor of their messages
  // (to the name of the incident's participant they are).
  const std::map<std::string, SlackUser>& users() const { return users_; }
  void Rename(const std::string& user_id, std::string name) {
    users_[user_id].name = std::move(name);
  }
  // Messages read and not imported: not key ones (without all_messages) and outside from/to.
  int64_t passed_over() const { return passed_over_; }
  // Who was in the channel when, from its member list (channels.json, as of the export) and
  // the join and leave messages of the days read; complete once Next has returned false. A
  // member who left and is listed again rejoined on a day not read: when is unknown, so that
  // stretch is left out rather than guessed (a message they did not see must not look seen).
  std::vector<SlackMembership> Memberships() const;
  // The same as the people the export names (email, name), in "channel:#<name>".
  std::vector<AudienceSpan> AudienceSpans() const override;

 private:
  SlackExportSource(std::unique_ptr<ExportArchive> archive, SlackImportOptions options)
      : archive_(std::move(archive)), options_(std::move(options)) {}
  core::Result<void> LoadUsers();
  core::Result<void> FindChannel();
  core::Result<bool> NextDay();
  // Fills `event` from the message; false for messages that are not imported.
  core::Result<bool> ReadMessage(const SlackMessage& message, core::TimelineEvent& event);
  // Message text with Slack's markup (<@U1>, <#C1|name>, <url|label>, &amp;) made readable.
  std::string Readable(std::string_view text) const;
  std::string NameOf(std::string_view user_id) const;

  std::unique_ptr<ExportArchive> archive_;
  SlackImportOptions options_;
  std::map<std::string, SlackUser> users_;
  std::string channel_id_;
  std::string channel_name_;
  std::vector<ExportArchive::Entry> days_;
  size_t next_day_ = 0;
  std::string day_name_;
  SlackDay day_;          // The messages of the day being read.
  std::string day_text_;  // Its bytes; the buffer is reused from day to day.
  size_t next_message_ = 0;
  uint64_t bytes_read_ = 0;
  uint64_t total_bytes_ = 0;
  int64_t shortened_ = 0;
  int64_t passed_over_ = 0;
  std::vector<std::string> members_at_export_;  // The channel's "members", as exported.
  // Joins (true) and leaves (false) read so far, by user, in the order of the days.
  std::map<std::string, std::vector<std::pair<core::Timestamp, bool>>, std::less<>> movements_;
  // Thread parents seen so far (their ts → "who: the start of what they wrote").
  std::map<std::string, std::string, std::less<>> threads_;
};

}  // namespace debrief::ingest
