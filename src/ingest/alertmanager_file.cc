#include "ingest/alertmanager_file.h"

#include <boost/json.hpp>

#include "ingest/alertmanager.h"

namespace debrief::ingest {
namespace {

namespace bj = boost::json;

// An alert of Alertmanager's API as the one-alert notification its webhook would have sent.
bj::object AsNotification(const bj::object& alert) {
  std::string receiver;
  if (const bj::value* receivers = alert.if_contains("receivers");
      receivers && receivers->is_array() && !receivers->get_array().empty()) {
    const bj::value& first = receivers->get_array().front();
    if (first.is_object()) {
      if (const bj::value* name = first.get_object().if_contains("name");
          name && name->is_string()) {
        receiver = std::string(name->get_string());
      }
    }
  }
  bj::object webhook_alert;
  for (const char* key : {"labels", "annotations", "startsAt", "generatorURL", "fingerprint"}) {
    if (const bj::value* value = alert.if_contains(key)) webhook_alert[key] = *value;
  }
  // The API lists the alerts that are active now; the end it gives is only a refresh deadline.
  webhook_alert["status"] = "firing";
  webhook_alert["endsAt"] = "0001-01-01T00:00:00Z";
  return {{"version", "4"},
          {"receiver", receiver},
          {"status", "firing"},
          {"alerts", bj::array{std::move(webhook_alert)}}};
}

core::Result<void> AddNotification(std::string_view text,
                                   std::vector<core::TimelineEvent>& events) {
  DEBRIEF_ASSIGN_OR_RETURN(AlertmanagerNotification notification,
                           ParseAlertmanagerNotification(text));
  for (const AlertmanagerAlert& alert : notification.alerts) {
    for (core::TimelineEvent& event : AlertEvents(alert, notification.receiver)) {
      events.push_back(std::move(event));
    }
  }
  return core::Ok();
}

}  // namespace

core::Result<std::unique_ptr<EventSource>> AlertmanagerFileSource::Open(
    std::unique_ptr<LineReader> lines) {
  auto source = std::make_unique<AlertmanagerFileSource>();
  std::string text;
  std::vector<std::pair<uint64_t, std::string>> numbered;
  std::string_view line;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool more, lines->Next(line));
    if (!more) break;
    text.append(line).push_back('\n');
    if (line.find_first_not_of(" \t") != std::string_view::npos) {
      numbered.emplace_back(lines->line_number(), std::string(line));
    }
  }
  source->bytes_ = text.size();
  auto problem = [&](uint64_t line_number, std::string_view reason) {
    return core::Error::InvalidArgument(lines->path() + ":" + std::to_string(line_number) + ": " +
                                        std::string(reason));
  };
  boost::system::error_code error;
  bj::value document = bj::parse(text, error);
  if (error) {
    // Not one document: a notification per line, as a receiver logs them.
    for (const auto& [number, content] : numbered) {
      if (auto added = AddNotification(content, source->events_); !added) {
        return problem(number, added.error().message());
      }
    }
  } else if (document.is_object()) {
    if (auto added = AddNotification(text, source->events_); !added) {
      return problem(1, added.error().message());
    }
  } else if (document.is_array()) {
    size_t index = 0;
    for (const bj::value& item : document.get_array()) {
      ++index;
      if (!item.is_object()) {
        return problem(1, "item " + std::to_string(index) + " is not an alert or a notification");
      }
      const bj::object& object = item.get_object();
      std::string one =
          object.contains("alerts") ? bj::serialize(object) : bj::serialize(AsNotification(object));
      if (auto added = AddNotification(one, source->events_); !added) {
        return problem(1, "item " + std::to_string(index) + ": " + added.error().message());
      }
    }
  } else {
    return problem(1, "expected Alertmanager notifications or alerts, as JSON");
  }
  if (numbered.empty()) return problem(1, "is empty (expected Alertmanager notifications)");
  return std::unique_ptr<EventSource>(std::move(source));
}

core::Result<bool> AlertmanagerFileSource::Next(core::TimelineEvent& event) {
  if (next_ >= events_.size()) return false;
  event = std::move(events_[next_++]);
  return true;
}

}  // namespace debrief::ingest
