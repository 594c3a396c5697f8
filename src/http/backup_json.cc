#include "http/backup_json.h"

#include <boost/json.hpp>

#include "http/json/record_json.h"
#include "http/json/review_template_json.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;

constexpr std::string_view kFormat = "debrief-backup";
constexpr int64_t kFormatVersion = 1;

bj::value Optional(const std::optional<int64_t>& value) {
  return value ? bj::value(*value) : bj::value(nullptr);
}
bj::value OptionalId(const std::optional<int64_t>& value) {
  return value ? bj::value(*value) : bj::value(nullptr);
}

bj::value OptionalTime(const std::optional<core::Timestamp>& value) {
  return value ? bj::value(core::FormatRfc3339(*value)) : bj::value(nullptr);
}

template <class T>
bj::array EncodeAll(const std::vector<T>& records) {
  bj::array items;
  for (const T& record : records) items.push_back(json::Encode(record));
  return items;
}

bj::object EncodeIncident(const store::IncidentBackup& backup) {
  bj::object object{{"incident", json::Encode(backup.incident)}};
  store::ForEachRecordList(backup, [&](std::string_view name, const auto& records) {
    object[name] = EncodeAll(records);
  });
  bj::array versions;
  for (const core::PublishedVersion& version : backup.published_versions) {
    versions.push_back({{"id", version.id},
                        {"number", version.number},
                        {"published_at", core::FormatRfc3339(version.published_at)},
                        {"published_by", version.published_by},
                        {"snapshot", version.snapshot}});
  }
  object["published_versions"] = std::move(versions);
  bj::array imports;
  for (const store::EventImportRecord& record : backup.event_imports) {
    imports.push_back({{"id", record.id},
                       {"format", record.what.format},
                       {"name", record.what.name},
                       {"created_by", OptionalId(record.created_by)},
                       {"created_at", core::FormatRfc3339(record.created_at)},
                       {"added", record.added},
                       {"skipped", record.skipped},
                       {"undone_at", OptionalTime(record.undone_at)},
                       {"undone_by", OptionalId(record.undone_by)},
                       {"removed", record.removed}});
  }
  object["event_imports"] = std::move(imports);
  bj::array documents;
  for (const store::ImportedDocument& document : backup.imported_documents) {
    documents.push_back({{"id", document.id},
                         {"name", document.name},
                         {"digest", document.digest},
                         {"content", document.content},
                         {"imported_at", core::FormatRfc3339(document.imported_at)}});
  }
  object["imported_documents"] = std::move(documents);
  return object;
}

// Reads the fields of one JSON object, each by name and type, and remembers the first problem
// with where it is.
class Reader {
 public:
  Reader(const bj::value& value, std::string where) : where_(std::move(where)) {
    if (value.is_object()) {
      object_ = &value.get_object();
    } else {
      Fail("must be an object");
    }
  }

  int64_t Int(std::string_view name) {
    const bj::value* value = Find(name);
    if (value == nullptr) return 0;
    if (!value->is_int64()) Fail(std::string(name) + " must be a whole number");
    return value->is_int64() ? value->get_int64() : 0;
  }
  std::optional<int64_t> OptionalInt(std::string_view name) {
    const bj::value* value = Find(name);
    if (value == nullptr || value->is_null()) return std::nullopt;
    return Int(name);
  }
  std::string String(std::string_view name) {
    const bj::value* value = Find(name);
    if (value == nullptr) return {};
    if (!value->is_string()) Fail(std::string(name) + " must be a string");
    return value->is_string() ? std::string(value->get_string()) : std::string();
  }
  bool Bool(std::string_view name) {
    const bj::value* value = Find(name);
    if (value == nullptr) return false;
    if (!value->is_bool()) Fail(std::string(name) + " must be true or false");
    return value->is_bool() && value->get_bool();
  }
  core::Timestamp Time(std::string_view name) {
    std::string text = String(name);
    auto parsed = core::ParseRfc3339(text);
    if (!parsed && ok()) Fail(std::string(name) + " must be an RFC 3339 time");
    return parsed.value_or(core::Timestamp{});
  }
  std::optional<core::Timestamp> OptionalTime(std::string_view name) {
    const bj::value* value = Find(name);
    if (value == nullptr || value->is_null()) return std::nullopt;
    return Time(name);
  }
  // A field later backups added: absent from older ones, which still restore.
  std::optional<core::Timestamp> AddedTime(std::string_view name) {
    if (object_ == nullptr || !object_->contains(name)) return std::nullopt;
    return OptionalTime(name);
  }
  const bj::array* Array(std::string_view name) {
    const bj::value* value = Find(name);
    if (value == nullptr) return nullptr;
    if (!value->is_array()) Fail(std::string(name) + " must be a list");
    return value->is_array() ? &value->get_array() : nullptr;
  }
  const bj::object* Object() const { return object_; }

  bool ok() const { return error_.empty(); }
  core::Error error() const { return core::Error::InvalidArgument(error_); }
  void Fail(const std::string& message) {
    if (error_.empty()) error_ = where_ + ": " + message;
  }

 private:
  const bj::value* Find(std::string_view name) {
    if (object_ == nullptr) return nullptr;
    const bj::value* value = object_->if_contains(name);
    if (value == nullptr) Fail(std::string(name) + " is missing");
    return value;
  }

  const bj::object* object_ = nullptr;
  std::string where_;
  std::string error_;
};

bj::object EncodeAlertHook(const core::AlertHook& hook) {
  bj::array routes;
  for (const core::AlertRoute& route : hook.routes) {
    routes.push_back({{"matchers", bj::array(route.matchers.begin(), route.matchers.end())},
                      {"incident_key", route.incident_key}});
  }
  return {{"id", hook.id},
          {"version", hook.version},
          {"created_at", core::FormatRfc3339(hook.created_at)},
          {"updated_at", core::FormatRfc3339(hook.updated_at)},
          {"name", hook.name},
          {"token_hash", hook.token_hash},
          {"routes", std::move(routes)},
          {"open_incidents", hook.open_incidents},
          {"severity", hook.severity},
          {"active", hook.active},
          {"created_by", hook.created_by}};
}

core::Result<core::AlertHook> DecodeAlertHook(Reader& item) {
  core::AlertHook hook;
  hook.id = item.Int("id");
  hook.version = item.Int("version");
  hook.created_at = item.Time("created_at");
  hook.updated_at = item.Time("updated_at");
  hook.name = item.String("name");
  hook.token_hash = item.String("token_hash");
  if (const bj::array* routes = item.Array("routes")) {
    for (const bj::value& value : *routes) {
      Reader route(value, "a route of alert hook " + hook.name);
      core::AlertRoute decoded;
      decoded.incident_key = route.String("incident_key");
      if (const bj::array* matchers = route.Array("matchers")) {
        for (const bj::value& matcher : *matchers) {
          if (!matcher.is_string()) route.Fail("matchers must be strings");
          if (matcher.is_string()) decoded.matchers.emplace_back(matcher.get_string());
        }
      }
      if (!route.ok()) return route.error();
      hook.routes.push_back(std::move(decoded));
    }
  }
  hook.open_incidents = item.Bool("open_incidents");
  hook.severity = item.String("severity");
  hook.active = item.Bool("active");
  hook.created_by = item.Int("created_by");
  if (!item.ok()) return item.error();
  return hook;
}

std::string At(std::string_view where, size_t index) {
  return std::string(where) + "[" + std::to_string(index) + "]";
}

template <class T, class Decode>
core::Result<std::vector<T>> DecodeList(Reader& parent, std::string_view name,
                                        std::string_view where, Decode&& decode) {
  std::vector<T> out;
  const bj::array* items = parent.Array(name);
  if (!parent.ok()) return parent.error();
  if (items == nullptr) return out;
  for (size_t index = 0; index < items->size(); ++index) {
    Reader reader((*items)[index], At(std::string(where) + std::string(name), index));
    if (!reader.ok()) return reader.error();
    DEBRIEF_ASSIGN_OR_RETURN(T item, decode(reader));
    out.push_back(std::move(item));
  }
  return out;
}

template <class T>
core::Result<T> DecodeRecord(Reader& reader) {
  auto record = json::DecodeStored<T>(*reader.Object());
  if (!record) {
    reader.Fail(record.error().violations().empty()
                    ? record.error().message()
                    : record.error().violations().front().field + ": " +
                          record.error().violations().front().message);
    return reader.error();
  }
  return *record;
}

core::Result<store::IncidentBackup> DecodeIncident(Reader& reader, const std::string& where) {
  store::IncidentBackup backup;
  const bj::value* incident = reader.Object()->if_contains("incident");
  if (incident == nullptr) {
    reader.Fail("incident is missing");
    return reader.error();
  }
  Reader incident_reader(*incident, where + ".incident");
  if (!incident_reader.ok()) return incident_reader.error();
  DEBRIEF_ASSIGN_OR_RETURN(backup.incident, DecodeRecord<core::Incident>(incident_reader));
  core::Result<void> decoded = core::Ok();
  store::ForEachRecordList(backup, [&](std::string_view name, auto& records) {
    using T = typename std::remove_reference_t<decltype(records)>::value_type;
    if (!decoded) return;
    if (store::AddedToBackupsLater(name) && reader.Object() && !reader.Object()->contains(name)) {
      return;
    }
    auto list = DecodeList<T>(reader, name, where + ".",
                              [&](Reader& item) { return DecodeRecord<T>(item); });
    if (!list) {
      decoded = list.error();
      return;
    }
    records = std::move(*list);
    for (T& record : records) record.incident_id = backup.incident.id;
  });
  DEBRIEF_RETURN_IF_ERROR(decoded);
  DEBRIEF_ASSIGN_OR_RETURN(
      backup.published_versions,
      DecodeList<core::PublishedVersion>(reader, "published_versions", where + ".",
                                         [&](Reader& item) -> core::Result<core::PublishedVersion> {
                                           core::PublishedVersion version;
                                           version.id = item.Int("id");
                                           version.incident_id = backup.incident.id;
                                           version.number = item.Int("number");
                                           version.published_at = item.Time("published_at");
                                           version.published_by = item.Int("published_by");
                                           version.snapshot = item.String("snapshot");
                                           if (!item.ok()) return item.error();
                                           return version;
                                         }));
  // Backups made before imports were kept as units have none: their events stay, not undoable.
  if (reader.Object()->contains("event_imports")) {
    DEBRIEF_ASSIGN_OR_RETURN(backup.event_imports,
                             DecodeList<store::EventImportRecord>(
                                 reader, "event_imports", where + ".",
                                 [&](Reader& item) -> core::Result<store::EventImportRecord> {
                                   store::EventImportRecord record;
                                   record.id = item.Int("id");
                                   record.incident_id = backup.incident.id;
                                   record.what.format = item.String("format");
                                   record.what.name = item.String("name");
                                   record.created_by = item.OptionalInt("created_by");
                                   record.created_at = item.Time("created_at");
                                   record.added = item.Int("added");
                                   record.skipped = item.Int("skipped");
                                   record.undone_at = item.OptionalTime("undone_at");
                                   record.undone_by = item.OptionalInt("undone_by");
                                   record.removed = item.Int("removed");
                                   if (!item.ok()) return item.error();
                                   return record;
                                 }));
  }
  // Backups made before imported documents have none.
  if (reader.Object()->contains("imported_documents")) {
    DEBRIEF_ASSIGN_OR_RETURN(backup.imported_documents,
                             DecodeList<store::ImportedDocument>(
                                 reader, "imported_documents", where + ".",
                                 [&](Reader& item) -> core::Result<store::ImportedDocument> {
                                   store::ImportedDocument document;
                                   document.id = item.Int("id");
                                   document.incident_id = backup.incident.id;
                                   document.name = item.String("name");
                                   document.digest = item.String("digest");
                                   document.content = item.String("content");
                                   document.imported_at = item.Time("imported_at");
                                   if (!item.ok()) return item.error();
                                   return document;
                                 }));
  }
  return backup;
}

std::vector<core::NotificationKind> KindsOf(Reader& item, std::string_view name) {
  std::vector<core::NotificationKind> kinds;
  const bj::array* listed = item.Array(name);
  if (listed == nullptr) return kinds;
  for (const bj::value& value : *listed) {
    std::optional<core::NotificationKind> kind;
    if (value.is_string()) {
      kind = core::ParseEnum<core::NotificationKind>(std::string_view(value.get_string()));
    }
    if (!kind) {
      item.Fail(std::string(name) +
                " must list notification kinds: " + core::AllowedValues<core::NotificationKind>());
      return kinds;
    }
    kinds.push_back(*kind);
  }
  return kinds;
}

core::Result<core::NotificationSettings> DecodeNotificationSettings(Reader& item) {
  core::NotificationSettings settings;
  settings.user_id = item.Int("user_id");
  settings.version = item.Int("version");
  settings.email_kinds = KindsOf(item, "email_kinds");
  settings.chat_kinds = KindsOf(item, "chat_kinds");
  if (auto hour = item.OptionalInt("email_digest_hour")) {
    settings.email_digest_hour = static_cast<int>(*hour);
  }
  settings.chat_webhook_url = item.String("chat_webhook_url");
  std::string format = item.String("chat_format");
  if (!item.ok()) return item.error();
  auto chat_format = core::ParseEnum<core::ChatFormat>(std::string_view(format));
  if (!chat_format) {
    item.Fail("chat_format must be " + core::AllowedValues<core::ChatFormat>());
    return item.error();
  }
  settings.chat_format = *chat_format;
  return settings;
}

}  // namespace

bj::object EncodeReviewRule(const core::ReviewRule& rule) {
  return {{"severity", rule.severity},
          {"review_required", rule.review_required},
          {"approvals_required", rule.approvals_required},
          {"due_business_days",
           rule.due_business_days ? bj::value(*rule.due_business_days) : bj::value(nullptr)},
          {"version", rule.version}};
}

bj::object EncodeBackup(const store::Backup& backup) {
  bj::object out{{"format", kFormat}, {"format_version", kFormatVersion}};
  bj::array users;
  for (const core::User& user : backup.users) {
    users.push_back({{"id", user.id},
                     {"email", user.email},
                     {"name", user.name},
                     {"role", core::ToString(user.role)},
                     {"password_hash", user.password_hash},
                     {"disabled", user.disabled},
                     {"created_at", core::FormatRfc3339(user.created_at)}});
  }
  out["users"] = std::move(users);
  bj::array tokens;
  for (const core::ApiToken& token : backup.api_tokens) {
    tokens.push_back({{"id", token.id},
                      {"user_id", token.user_id},
                      {"name", token.name},
                      {"token_hash", token.token_hash},
                      {"created_at", core::FormatRfc3339(token.created_at)},
                      {"last_used_at", OptionalTime(token.last_used_at)},
                      {"expires_at", OptionalTime(token.expires_at)},
                      {"revoked_at", OptionalTime(token.revoked_at)}});
  }
  out["api_tokens"] = std::move(tokens);
  bj::array rules;
  for (const core::ReviewRule& rule : backup.review_rules) rules.push_back(EncodeReviewRule(rule));
  out["review_rules"] = std::move(rules);
  bj::array templates;
  for (const core::ReviewTemplate& review_template : backup.review_templates) {
    templates.push_back(json::EncodeTemplate(review_template));
  }
  out["review_templates"] = std::move(templates);
  bj::array settings;
  for (const core::NotificationSettings& choice : backup.notification_settings) {
    auto kinds = [](const std::vector<core::NotificationKind>& listed) {
      bj::array names;
      for (core::NotificationKind kind : listed) names.emplace_back(core::ToString(kind));
      return names;
    };
    settings.push_back(
        {{"user_id", choice.user_id},
         {"version", choice.version},
         {"email_kinds", kinds(choice.email_kinds)},
         {"chat_kinds", kinds(choice.chat_kinds)},
         {"email_digest_hour",
          choice.email_digest_hour ? bj::value(*choice.email_digest_hour) : bj::value(nullptr)},
         {"chat_webhook_url", choice.chat_webhook_url},
         {"chat_format", core::ToString(choice.chat_format)}});
  }
  out["notification_settings"] = std::move(settings);
  bj::array webhooks;
  for (const core::Webhook& webhook : backup.webhooks) {
    bj::array events;
    for (const std::string& event : webhook.events) events.push_back(bj::string(event));
    webhooks.push_back({{"id", webhook.id},
                        {"version", webhook.version},
                        {"created_at", core::FormatRfc3339(webhook.created_at)},
                        {"updated_at", core::FormatRfc3339(webhook.updated_at)},
                        {"url", webhook.url},
                        {"events", std::move(events)},
                        {"secret", webhook.secret},
                        {"active", webhook.active},
                        {"description", webhook.description}});
  }
  out["webhooks"] = std::move(webhooks);
  bj::array alert_hooks;
  for (const core::AlertHook& hook : backup.alert_hooks)
    alert_hooks.push_back(EncodeAlertHook(hook));
  out["alert_hooks"] = std::move(alert_hooks);
  bj::array incidents;
  for (const store::IncidentBackup& incident : backup.incidents) {
    incidents.push_back(EncodeIncident(incident));
  }
  out["incidents"] = std::move(incidents);
  bj::array audit;
  for (const core::AuditEntry& entry : backup.audit) {
    audit.push_back({{"id", entry.id},
                     {"at", core::FormatRfc3339(entry.at)},
                     {"actor_id", Optional(entry.actor_id)},
                     {"action", entry.action},
                     {"entity", entry.entity},
                     {"entity_id", entry.entity_id},
                     {"incident_id", Optional(entry.incident_id)},
                     {"diff", entry.diff_json}});
  }
  out["audit"] = std::move(audit);
  return out;
}

core::Result<store::Backup> DecodeBackup(const bj::value& json) {
  Reader top(json, "the backup");
  if (!top.ok()) return top.error();
  if (top.String("format") != kFormat) {
    return core::Error::InvalidArgument(
        "this is not a debrief backup (format is not \"debrief-backup\"); make one with "
        "`debrief export --all`");
  }
  int64_t version = top.Int("format_version");
  if (version != kFormatVersion) {
    return core::Error::InvalidArgument("this backup has format_version " +
                                        std::to_string(version) + "; this debrief reads " +
                                        std::to_string(kFormatVersion));
  }
  store::Backup backup;
  DEBRIEF_ASSIGN_OR_RETURN(
      backup.users,
      DecodeList<core::User>(top, "users", "", [](Reader& item) -> core::Result<core::User> {
        core::User user;
        user.id = item.Int("id");
        user.email = item.String("email");
        user.name = item.String("name");
        std::string role = item.String("role");
        auto parsed = core::ParseEnum<core::Role>(role);
        if (!parsed && item.ok()) item.Fail("role must be " + core::AllowedValues<core::Role>());
        user.role = parsed.value_or(core::Role::kViewer);
        user.password_hash = item.String("password_hash");
        user.disabled = item.Bool("disabled");
        user.created_at = item.Time("created_at");
        if (!item.ok()) return item.error();
        return user;
      }));
  DEBRIEF_ASSIGN_OR_RETURN(
      backup.api_tokens,
      DecodeList<core::ApiToken>(top, "api_tokens", "",
                                 [](Reader& item) -> core::Result<core::ApiToken> {
                                   core::ApiToken token;
                                   token.id = item.Int("id");
                                   token.user_id = item.Int("user_id");
                                   token.name = item.String("name");
                                   token.token_hash = item.String("token_hash");
                                   token.created_at = item.Time("created_at");
                                   token.last_used_at = item.OptionalTime("last_used_at");
                                   token.expires_at = item.AddedTime("expires_at");
                                   token.revoked_at = item.AddedTime("revoked_at");
                                   if (!item.ok()) return item.error();
                                   return token;
                                 }));
  DEBRIEF_ASSIGN_OR_RETURN(
      backup.review_rules,
      DecodeList<core::ReviewRule>(
          top, "review_rules", "", [](Reader& item) -> core::Result<core::ReviewRule> {
            core::ReviewRule rule;
            rule.severity = item.String("severity");
            rule.review_required = item.Bool("review_required");
            rule.approvals_required = static_cast<int>(item.Int("approvals_required"));
            if (auto due = item.OptionalInt("due_business_days")) {
              rule.due_business_days = static_cast<int>(*due);
            }
            rule.version = item.Int("version");
            if (!item.ok()) return item.error();
            return rule;
          }));
  // Backups written before notifications existed have no settings: everyone gets the defaults.
  if (top.Object()->contains("notification_settings")) {
    DEBRIEF_ASSIGN_OR_RETURN(backup.notification_settings,
                             DecodeList<core::NotificationSettings>(
                                 top, "notification_settings", "", DecodeNotificationSettings));
  }
  // Backups written before review templates existed have none.
  if (top.Object()->contains("review_templates")) {
    DEBRIEF_ASSIGN_OR_RETURN(
        backup.review_templates,
        DecodeList<core::ReviewTemplate>(
            top, "review_templates", "", [](Reader& item) -> core::Result<core::ReviewTemplate> {
              core::ReviewTemplate review_template;
              review_template.severity = item.String("severity");
              review_template.version = item.Int("version");
              if (!item.ok()) return item.error();
              auto sections = json::DecodeTemplateSections(*item.Object());
              if (!sections) {
                item.Fail(sections.error().message());
                return item.error();
              }
              review_template.sections = std::move(*sections);
              return review_template;
            }));
  }
  DEBRIEF_ASSIGN_OR_RETURN(
      backup.webhooks, DecodeList<core::Webhook>(
                           top, "webhooks", "", [](Reader& item) -> core::Result<core::Webhook> {
                             core::Webhook webhook;
                             webhook.id = item.Int("id");
                             webhook.version = item.Int("version");
                             webhook.created_at = item.Time("created_at");
                             webhook.updated_at = item.Time("updated_at");
                             webhook.url = item.String("url");
                             if (const bj::array* events = item.Array("events")) {
                               for (const bj::value& event : *events) {
                                 if (!event.is_string())
                                   item.Fail("events must be a list of event names");
                                 if (event.is_string())
                                   webhook.events.emplace_back(event.get_string());
                               }
                             }
                             webhook.secret = item.String("secret");
                             webhook.active = item.Bool("active");
                             webhook.description = item.String("description");
                             if (!item.ok()) return item.error();
                             return webhook;
                           }));
  // Backups from before alert hooks have none.
  if (top.Object()->contains("alert_hooks")) {
    DEBRIEF_ASSIGN_OR_RETURN(backup.alert_hooks,
                             DecodeList<core::AlertHook>(top, "alert_hooks", "", DecodeAlertHook));
  }
  const bj::array* incidents = top.Array("incidents");
  if (!top.ok()) return top.error();
  for (size_t index = 0; incidents != nullptr && index < incidents->size(); ++index) {
    std::string where = At("incidents", index);
    Reader reader((*incidents)[index], where);
    if (!reader.ok()) return reader.error();
    DEBRIEF_ASSIGN_OR_RETURN(store::IncidentBackup incident, DecodeIncident(reader, where));
    backup.incidents.push_back(std::move(incident));
  }
  DEBRIEF_ASSIGN_OR_RETURN(
      backup.audit, DecodeList<core::AuditEntry>(
                        top, "audit", "", [](Reader& item) -> core::Result<core::AuditEntry> {
                          core::AuditEntry entry;
                          entry.id = item.Int("id");
                          entry.at = item.Time("at");
                          entry.actor_id = item.OptionalInt("actor_id");
                          entry.action = item.String("action");
                          entry.entity = item.String("entity");
                          entry.entity_id = item.Int("entity_id");
                          entry.incident_id = item.OptionalInt("incident_id");
                          entry.diff_json = item.String("diff");
                          if (!item.ok()) return item.error();
                          return entry;
                        }));
  return backup;
}

}  // namespace debrief::http
