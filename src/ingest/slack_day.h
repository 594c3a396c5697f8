// SlackDay: the messages of one day file of a Slack export, read with a SAX parser that keeps
// only the fields debrief imports. Real exports carry a dozen more per message (user profiles,
// blocks, team ids); building a JSON tree of them all cost more than the rest of the import.
// Messages are kept in slots reused from day to day, so reading a day allocates little.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace debrief::ingest {

struct SlackMessage {
  std::string subtype;
  std::string ts;
  std::string user;
  std::string text;
  std::string thread_ts;
  std::string username;
  std::string bot_id;
  std::string bot_name;  // bot_profile.name
  bool hidden = false;
  bool has_replies = false;            // reply_count is there: a thread's first message.
  bool pinned = false;                 // pinned_to names a channel.
  std::vector<std::string> reactions;  // Their names.
  std::vector<std::string> files;      // Their titles (else names).

  void Clear();
};

class SlackDay {
 public:
  // Reads `json`, a day file's array of messages; the error says what is wrong and which message.
  core::Result<void> Parse(std::string_view json);
  size_t size() const { return count_; }
  const SlackMessage& operator[](size_t index) const { return messages_[index]; }

 private:
  friend class SlackDayHandler;
  SlackMessage& Begin();

  std::vector<SlackMessage> messages_;  // The first count_ are this day's.
  size_t count_ = 0;
};

}  // namespace debrief::ingest
