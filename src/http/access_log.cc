#include "http/access_log.h"

#include <boost/json.hpp>

namespace debrief::http {

namespace bj = boost::json;

void AccessLog::Write(const AccessRecord& record) {
  if (out_ == nullptr) return;
  bj::object line;
  line["time"] = core::FormatRfc3339(record.at);
  line["request_id"] = record.request_id;
  line["method"] = record.method;
  line["path"] = record.path;
  line["route"] = record.route;
  line["status"] = record.status;
  line["duration_ms"] = std::chrono::duration<double, std::milli>(record.duration).count();
  line["bytes"] = record.bytes;
  line["user_id"] = record.user_id ? bj::value(*record.user_id) : bj::value(nullptr);
  line["client"] = record.client_address;
  std::string text = bj::serialize(line);
  text += '\n';
  std::fwrite(text.data(), 1, text.size(), out_);
}

void AccessLog::Flush() {
  if (out_ != nullptr) std::fflush(out_);
}

void AccessLog::Event(core::Timestamp at, std::string_view event, std::string_view detail) {
  if (out_ == nullptr) return;
  bj::object line{{"time", core::FormatRfc3339(at)}, {"event", event}, {"detail", detail}};
  std::string text = bj::serialize(line);
  text += '\n';
  std::fwrite(text.data(), 1, text.size(), out_);
  std::fflush(out_);
}

}  // namespace debrief::http
