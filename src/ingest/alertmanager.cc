#include "ingest/alertmanager.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdint>

#include "core/validation.h"

namespace debrief::ingest {
namespace {

namespace bj = boost::json;

std::string Path(std::string_view where, std::string_view name) {
  return std::string(where) + std::string(name);
}

core::Error Invalid(std::string_view where, std::string_view reason) {
  return core::Error::InvalidArgument(std::string(where) + ": " + std::string(reason),
                                      std::string(where));
}

// Reads a string field into `out` (left empty when the field is missing or null).
core::Result<void> StringField(const bj::object& object, std::string_view name,
                               std::string_view where, bool required, std::string& out) {
  const bj::value* value = object.if_contains(name);
  if (value == nullptr || value->is_null()) {
    if (required) return Invalid(Path(where, name), "is required");
    out.clear();
    return core::Ok();
  }
  if (!value->is_string()) return Invalid(Path(where, name), "must be a string");
  out = std::string(value->get_string());
  return core::Ok();
}

core::Result<Labels> LabelsField(const bj::object& object, std::string_view name,
                                 std::string_view where) {
  Labels labels;
  const bj::value* value = object.if_contains(name);
  if (value == nullptr || value->is_null()) return labels;
  if (!value->is_object()) return Invalid(Path(where, name), "must be an object");
  for (const auto& [key, label] : value->get_object()) {
    if (!label.is_string()) {
      return Invalid(Path(where, name) + "." + std::string(key), "must be a string");
    }
    labels.emplace_back(std::string(key), std::string(label.get_string()));
  }
  std::sort(labels.begin(), labels.end());
  return labels;
}

// Alertmanager writes Go's zero time for an end it does not know yet.
bool IsZeroTime(std::string_view text) { return text.starts_with("0001-01-01T00:00:00"); }

core::Result<std::optional<core::Timestamp>> TimeField(const bj::object& object,
                                                       std::string_view name,
                                                       std::string_view where) {
  std::string text;
  DEBRIEF_RETURN_IF_ERROR(StringField(object, name, where, false, text));
  if (text.empty() || IsZeroTime(text)) return std::optional<core::Timestamp>();
  std::optional<core::Timestamp> instant = core::ParseRfc3339(text);
  if (!instant) return Invalid(Path(where, name), "is not an RFC 3339 time: " + text);
  return instant;
}

// FNV-1a over the sorted labels, as hex: stable for the same labels, which is all it is for.
std::string FingerprintOf(const Labels& labels) {
  uint64_t hash = 14695981039346656037ULL;
  auto mix = [&](std::string_view text) {
    for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ULL;
    hash = (hash ^ 0xff) * 1099511628211ULL;  // Separates "ab","c" from "a","bc".
  };
  for (const auto& [name, value] : labels) {
    mix(name);
    mix(value);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text(16, '0');
  for (int digit = 15; digit >= 0; --digit, hash >>= 4) text[digit] = kHex[hash & 0xf];
  return text;
}

core::Result<AlertmanagerAlert> ParseAlert(const bj::value& value, size_t index) {
  std::string where = "alerts[" + std::to_string(index) + "].";
  if (!value.is_object()) return Invalid(where.substr(0, where.size() - 1), "must be an object");
  const bj::object& object = value.get_object();
  AlertmanagerAlert alert;
  std::string status;
  DEBRIEF_RETURN_IF_ERROR(StringField(object, "status", where, true, status));
  if (status != "firing" && status != "resolved") {
    return Invalid(where + "status", "must be firing or resolved, not " + status);
  }
  alert.resolved = status == "resolved";
  DEBRIEF_ASSIGN_OR_RETURN(alert.labels, LabelsField(object, "labels", where));
  if (alert.labels.empty()) return Invalid(where + "labels", "an alert needs labels");
  DEBRIEF_ASSIGN_OR_RETURN(alert.annotations, LabelsField(object, "annotations", where));
  DEBRIEF_ASSIGN_OR_RETURN(std::optional<core::Timestamp> starts_at,
                           TimeField(object, "startsAt", where));
  if (!starts_at) return Invalid(where + "startsAt", "is required");
  alert.starts_at = *starts_at;
  DEBRIEF_ASSIGN_OR_RETURN(alert.ends_at, TimeField(object, "endsAt", where));
  if (alert.resolved && !alert.ends_at) {
    return Invalid(where + "endsAt", "a resolved alert needs the time it ended");
  }
  DEBRIEF_RETURN_IF_ERROR(StringField(object, "generatorURL", where, false, alert.generator_url));
  DEBRIEF_RETURN_IF_ERROR(StringField(object, "fingerprint", where, false, alert.fingerprint));
  if (alert.fingerprint.empty()) alert.fingerprint = FingerprintOf(alert.labels);
  return alert;
}

// "name=value, ..." for the labels other than alertname, which the text names already.
std::string DescribeLabels(const Labels& labels) {
  std::string text;
  for (const auto& [name, value] : labels) {
    if (name == "alertname") continue;
    text += (text.empty() ? "" : ", ") + name + "=" + value;
  }
  return text;
}

bool IsWebLink(std::string_view url) { return core::IsSafeLink(url); }

}  // namespace

core::Result<AlertmanagerNotification> ParseAlertmanagerNotification(std::string_view body) {
  boost::system::error_code error;
  bj::value document = bj::parse(body, error);
  if (error) return core::Error::InvalidArgument("the body is not JSON: " + error.message());
  if (!document.is_object()) {
    return core::Error::InvalidArgument("the body must be Alertmanager's notification object");
  }
  const bj::object& object = document.get_object();
  AlertmanagerNotification notification;
  std::string version;
  DEBRIEF_RETURN_IF_ERROR(StringField(object, "version", "", false, version));
  if (!version.empty() && version != "4") {
    return Invalid("version", "only version 4 of the notification is understood, not " + version);
  }
  DEBRIEF_RETURN_IF_ERROR(StringField(object, "receiver", "", false, notification.receiver));
  std::string status;
  DEBRIEF_RETURN_IF_ERROR(StringField(object, "status", "", false, status));
  notification.resolved = status == "resolved";
  DEBRIEF_RETURN_IF_ERROR(StringField(object, "groupKey", "", false, notification.group_key));
  DEBRIEF_ASSIGN_OR_RETURN(notification.group_labels, LabelsField(object, "groupLabels", ""));
  DEBRIEF_ASSIGN_OR_RETURN(notification.common_labels, LabelsField(object, "commonLabels", ""));
  DEBRIEF_ASSIGN_OR_RETURN(notification.common_annotations,
                           LabelsField(object, "commonAnnotations", ""));
  DEBRIEF_RETURN_IF_ERROR(StringField(object, "externalURL", "", false, notification.external_url));
  if (const bj::value* truncated = object.if_contains("truncatedAlerts");
      truncated != nullptr && truncated->is_int64()) {
    notification.truncated_alerts = truncated->get_int64();
  }
  const bj::value* alerts = object.if_contains("alerts");
  if (alerts == nullptr || !alerts->is_array()) {
    return Invalid("alerts", "must be a list of alerts");
  }
  for (size_t index = 0; index < alerts->get_array().size(); ++index) {
    DEBRIEF_ASSIGN_OR_RETURN(AlertmanagerAlert alert,
                             ParseAlert(alerts->get_array()[index], index));
    notification.alerts.push_back(std::move(alert));
  }
  if (notification.group_key.empty()) {
    // Old senders: the group is what its labels say it is.
    notification.group_key = "{}:{" + DescribeLabels(notification.group_labels) + "}";
  }
  return notification;
}

std::string AlertFiringKey(const AlertmanagerAlert& alert) {
  return alert.fingerprint + "@" + std::to_string(core::ToEpochMillis(alert.starts_at));
}

std::vector<core::TimelineEvent> AlertEvents(const AlertmanagerAlert& alert,
                                             std::string_view receiver) {
  std::string_view name = LabelValue(alert.labels, "alertname");
  std::string_view summary = LabelValue(alert.annotations, "summary");
  if (summary.empty()) summary = LabelValue(alert.annotations, "description");
  std::string labels = DescribeLabels(alert.labels);
  auto text_for = [&](std::string_view state) {
    std::string text = std::string(name.empty() ? "alert" : name) + " " + std::string(state);
    if (!summary.empty()) text += ": " + std::string(summary);
    if (!labels.empty()) text += " (" + labels + ")";
    return text;
  };
  core::TimelineEvent firing;
  firing.at = alert.starts_at;
  firing.kind = core::EventKind::kAlert;
  firing.actor = "alertmanager";
  firing.source = "import:alertmanager:" + AlertFiringKey(alert);
  firing.text = text_for("firing");
  if (IsWebLink(alert.generator_url)) firing.evidence_links.push_back(alert.generator_url);
  std::string_view runbook = LabelValue(alert.annotations, "runbook_url");
  if (IsWebLink(runbook)) firing.evidence_links.emplace_back(runbook);
  if (!receiver.empty()) firing.visible_to.push_back("receiver:" + std::string(receiver));
  std::vector<core::TimelineEvent> events{firing};
  if (alert.resolved && alert.ends_at) {
    core::TimelineEvent resolved = firing;
    resolved.at = *alert.ends_at;
    resolved.source += "/resolved";
    resolved.text = text_for("resolved");
    events.push_back(std::move(resolved));
  }
  return events;
}

std::string IncidentTitleFor(const AlertmanagerNotification& notification) {
  std::string_view summary = LabelValue(notification.common_annotations, "summary");
  std::string_view name = LabelValue(notification.common_labels, "alertname");
  if (name.empty()) name = LabelValue(notification.group_labels, "alertname");
  std::string title;
  if (!summary.empty()) {
    title = std::string(summary);
  } else if (!name.empty()) {
    title = std::string(name);
    std::string_view service = LabelValue(notification.common_labels, "service");
    if (!service.empty()) title += " on " + std::string(service);
  } else {
    title = "Alert from Alertmanager";
  }
  if (title.size() > 200) {  // Incident titles hold 200 characters; cut between characters.
    size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
    title.resize(cut);
  }
  return title;
}

}  // namespace debrief::ingest
