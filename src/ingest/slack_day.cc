#include "ingest/slack_day.h"

#include <boost/json/basic_parser_impl.hpp>

namespace debrief::ingest {

void SlackMessage::Clear() {
  for (std::string* field :
       {&subtype, &ts, &user, &text, &thread_ts, &username, &bot_id, &bot_name}) {
    field->clear();
  }
  hidden = has_replies = pinned = false;
  reactions.clear();
  files.clear();
}

SlackMessage& SlackDay::Begin() {
  if (count_ == messages_.size()) messages_.emplace_back();
  SlackMessage& message = messages_[count_++];
  message.Clear();
  return message;
}

// Depth 1 is the day's array, 2 a message, 3 a field's array or object (pinned_to, reactions,
// files, bot_profile), 4 an object inside such an array (a reaction, a file).
class SlackDayHandler {
 public:
  static constexpr size_t max_object_size = size_t(-1);
  static constexpr size_t max_array_size = size_t(-1);
  static constexpr size_t max_key_size = size_t(-1);
  static constexpr size_t max_string_size = size_t(-1);

  explicit SlackDayHandler(SlackDay& day) : day_(day) {}

  std::string problem;

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_array_begin(boost::system::error_code&) {
    if (depth_ == 0) {
      ++depth_;
      return true;
    }
    if (depth_ <= 1) return NotAnObject();
    if (depth_ == 2 && field_ == "pinned_to") in_pinned_ = true;
    ++depth_;
    return true;
  }
  bool on_array_end(std::size_t, boost::system::error_code&) {
    --depth_;
    in_pinned_ = false;
    return true;
  }
  bool on_object_begin(boost::system::error_code&) {
    if (depth_ == 0) return Fail("the file is not a list of messages");
    if (depth_ == 1) message_ = &day_.Begin();
    if (depth_ == 3 && field_ == "files") message_->files.emplace_back();
    ++depth_;
    inner_key_.clear();
    return true;
  }
  bool on_object_end(std::size_t, boost::system::error_code&) {
    --depth_;
    if (depth_ == 3 && field_ == "files" && !message_->files.empty() &&
        message_->files.back().empty()) {
      message_->files.pop_back();
    }
    return true;
  }
  bool on_string_part(std::string_view part, std::size_t, boost::system::error_code&) {
    string_.append(part);
    return true;
  }
  bool on_string(std::string_view part, std::size_t, boost::system::error_code&) {
    if (depth_ <= 1) return NotAnObject();
    std::string_view value = part;
    if (!string_.empty()) {
      string_.append(part);
      value = string_;
    }
    Take(value);
    string_.clear();
    return true;
  }
  bool on_key_part(std::string_view part, std::size_t, boost::system::error_code&) {
    key_.append(part);
    return true;
  }
  bool on_key(std::string_view part, std::size_t, boost::system::error_code&) {
    key_.append(part);
    if (depth_ == 2) {
      field_ = key_;
    } else {
      inner_key_ = key_;
    }
    key_.clear();
    return true;
  }
  bool on_number_part(std::string_view, boost::system::error_code&) { return true; }
  bool on_int64(int64_t, std::string_view, boost::system::error_code&) { return Number(); }
  bool on_uint64(uint64_t, std::string_view, boost::system::error_code&) { return Number(); }
  bool on_double(double, std::string_view, boost::system::error_code&) { return Number(); }
  bool on_bool(bool value, boost::system::error_code&) {
    if (depth_ <= 1) return NotAnObject();
    if (depth_ == 2 && field_ == "hidden") message_->hidden = value;
    return true;
  }
  bool on_null(boost::system::error_code&) { return depth_ <= 1 ? NotAnObject() : true; }
  bool on_comment_part(std::string_view, boost::system::error_code&) { return true; }
  bool on_comment(std::string_view, boost::system::error_code&) { return true; }

 private:
  bool Fail(std::string reason) {
    problem = std::move(reason);
    return false;
  }
  // An element of the day's array that is not a message, or a file that is not a list.
  bool NotAnObject() {
    if (depth_ == 0) return Fail("the file is not a list of messages");
    return Fail("message " + std::to_string(day_.count_ + 1) + " is not an object");
  }
  bool Number() {
    if (depth_ <= 1) return NotAnObject();
    if (depth_ == 2 && field_ == "reply_count") message_->has_replies = true;
    return true;
  }
  void Take(std::string_view value) {
    if (depth_ == 2) {
      std::string* target = field_ == "ts"          ? &message_->ts
                            : field_ == "text"      ? &message_->text
                            : field_ == "user"      ? &message_->user
                            : field_ == "subtype"   ? &message_->subtype
                            : field_ == "thread_ts" ? &message_->thread_ts
                            : field_ == "username"  ? &message_->username
                            : field_ == "bot_id"    ? &message_->bot_id
                                                    : nullptr;
      if (target != nullptr) target->assign(value);
    } else if (depth_ == 3) {
      if (in_pinned_) message_->pinned = true;
      if (field_ == "bot_profile" && inner_key_ == "name") message_->bot_name.assign(value);
    } else if (depth_ == 4) {
      if (field_ == "reactions" && inner_key_ == "name") message_->reactions.emplace_back(value);
      if (field_ == "files" && !message_->files.empty() &&
          (inner_key_ == "title" || (inner_key_ == "name" && message_->files.back().empty()))) {
        message_->files.back().assign(value);
      }
    }
  }

  SlackDay& day_;
  SlackMessage* message_ = nullptr;
  int depth_ = 0;
  bool in_pinned_ = false;
  std::string field_;      // The message's key being read (depth 2).
  std::string inner_key_;  // The key inside bot_profile, a reaction or a file.
  std::string key_;
  std::string string_;
};

core::Result<void> SlackDay::Parse(std::string_view json) {
  count_ = 0;
  boost::json::basic_parser<SlackDayHandler> parser(boost::json::parse_options{}, *this);
  boost::system::error_code error;
  parser.write_some(false, json.data(), json.size(), error);
  if (!parser.handler().problem.empty())
    return core::Error::InvalidArgument(parser.handler().problem);
  if (error) return core::Error::InvalidArgument("not valid JSON (" + error.message() + ")");
  if (!parser.done()) return core::Error::InvalidArgument("not valid JSON (it ends early)");
  return core::Ok();
}

}  // namespace debrief::ingest
