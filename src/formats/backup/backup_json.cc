#include "formats/backup/backup_json.h"

#include <boost/json.hpp>

#include "formats/backup/backup_incident_json.h"
#include "formats/backup/backup_reader.h"
#include "formats/json/record_json.h"
#include "formats/json/review_template_json.h"

namespace debrief::formats {
namespace {

namespace bj = boost::json;
using backup::At;
using backup::DecodeIncident;
using backup::DecodeList;
using backup::EncodeIncident;
using backup::Optional;
using backup::OptionalTime;
using backup::Reader;

constexpr std::string_view kFormat = "debrief-backup";
constexpr int64_t kFormatVersion = 1;

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

core::Result<core::Group> DecodeGroup(Reader& item) {
  core::Group group;
  group.id = item.Int("id");
  group.version = item.Int("version");
  group.name = item.String("name");
  group.created_at = item.Time("created_at");
  const bj::array* members = item.Array("member_ids");
  if (!item.ok()) return item.error();
  for (const bj::value& member : *members) {
    if (!member.is_int64()) {
      item.Fail("member_ids must hold user ids");
      return item.error();
    }
    group.member_ids.push_back(member.get_int64());
  }
  return group;
}

}  // namespace

bj::object EncodeReviewRule(const core::ReviewRule& rule) { return json::EncodeStored(rule); }

bj::object EncodeBackup(const store::Backup& backup) {
  bj::object out{{"format", kFormat}, {"format_version", kFormatVersion}};
  bj::array users;
  for (const core::User& user : backup.users) users.push_back(json::EncodeStored(user));
  out["users"] = std::move(users);
  bj::array identities;
  for (const core::UserIdentity& identity : backup.user_identities) {
    identities.push_back({{"user_id", identity.user_id},
                          {"issuer", identity.issuer},
                          {"subject", identity.subject},
                          {"created_at", core::FormatRfc3339(identity.created_at)}});
  }
  out["user_identities"] = std::move(identities);
  bj::array groups;
  for (const core::Group& group : backup.groups) {
    bj::array members;
    for (int64_t id : group.member_ids) members.push_back(id);
    groups.push_back({{"id", group.id},
                      {"version", group.version},
                      {"name", group.name},
                      {"member_ids", std::move(members)},
                      {"created_at", core::FormatRfc3339(group.created_at)}});
  }
  out["groups"] = std::move(groups);
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
    webhooks.push_back(json::EncodeStored(webhook));
  }
  out["webhooks"] = std::move(webhooks);
  bj::array alert_hooks;
  for (const core::AlertHook& hook : backup.alert_hooks) {
    alert_hooks.push_back(json::EncodeStored(hook));
  }
  out["alert_hooks"] = std::move(alert_hooks);
  bj::array allow_entries;
  for (const core::LanguageAllowEntry& entry : backup.language_allow_entries) {
    allow_entries.push_back({{"id", entry.id},
                             {"rule_id", entry.rule_id},
                             {"phrase", entry.phrase},
                             {"created_by", Optional(entry.created_by)},
                             {"created_at", core::FormatRfc3339(entry.created_at)}});
  }
  out["language_allow_entries"] = std::move(allow_entries);
  bj::array dismissals;
  for (const core::LanguageDismissal& dismissal : backup.language_dismissals) {
    dismissals.push_back({{"rule_id", dismissal.rule_id},
                          {"sentence_hash", dismissal.sentence_hash},
                          {"phrase", dismissal.phrase},
                          {"user_id", dismissal.user_id},
                          {"created_at", core::FormatRfc3339(dismissal.created_at)}});
  }
  out["language_dismissals"] = std::move(dismissals);
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
      backup.users, DecodeList<core::User>(top, "users", "", backup::DecodeRecord<core::User>));
  // Backups written before sign-in through identity providers have no identities.
  if (top.Object()->contains("user_identities")) {
    DEBRIEF_ASSIGN_OR_RETURN(
        backup.user_identities,
        DecodeList<core::UserIdentity>(top, "user_identities", "",
                                       [](Reader& item) -> core::Result<core::UserIdentity> {
                                         core::UserIdentity identity;
                                         identity.user_id = item.Int("user_id");
                                         identity.issuer = item.String("issuer");
                                         identity.subject = item.String("subject");
                                         identity.created_at = item.Time("created_at");
                                         if (!item.ok()) return item.error();
                                         return identity;
                                       }));
  }
  // Backups written before provisioning over SCIM have no groups.
  if (top.Object()->contains("groups")) {
    DEBRIEF_ASSIGN_OR_RETURN(backup.groups,
                             DecodeList<core::Group>(top, "groups", "", DecodeGroup));
  }
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
  DEBRIEF_ASSIGN_OR_RETURN(backup.review_rules,
                           DecodeList<core::ReviewRule>(top, "review_rules", "",
                                                        backup::DecodeRecord<core::ReviewRule>));
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
      backup.webhooks,
      DecodeList<core::Webhook>(top, "webhooks", "", backup::DecodeRecord<core::Webhook>));
  // Backups from before alert hooks have none.
  if (top.Object()->contains("alert_hooks")) {
    DEBRIEF_ASSIGN_OR_RETURN(
        backup.alert_hooks,
        DecodeList<core::AlertHook>(top, "alert_hooks", "", backup::DecodeRecord<core::AlertHook>));
  }
  // Backups from before the language checker learned from people have neither list.
  if (top.Object()->contains("language_allow_entries")) {
    DEBRIEF_ASSIGN_OR_RETURN(backup.language_allow_entries,
                             DecodeList<core::LanguageAllowEntry>(
                                 top, "language_allow_entries", "",
                                 [](Reader& item) -> core::Result<core::LanguageAllowEntry> {
                                   core::LanguageAllowEntry entry;
                                   entry.id = item.Int("id");
                                   entry.rule_id = item.String("rule_id");
                                   entry.phrase = item.String("phrase");
                                   entry.created_by = item.OptionalInt("created_by");
                                   entry.created_at = item.Time("created_at");
                                   if (!item.ok()) return item.error();
                                   return entry;
                                 }));
  }
  if (top.Object()->contains("language_dismissals")) {
    DEBRIEF_ASSIGN_OR_RETURN(backup.language_dismissals,
                             DecodeList<core::LanguageDismissal>(
                                 top, "language_dismissals", "",
                                 [](Reader& item) -> core::Result<core::LanguageDismissal> {
                                   core::LanguageDismissal dismissal;
                                   dismissal.rule_id = item.String("rule_id");
                                   dismissal.sentence_hash = item.String("sentence_hash");
                                   dismissal.phrase = item.String("phrase");
                                   dismissal.user_id = item.Int("user_id");
                                   dismissal.created_at = item.Time("created_at");
                                   if (!item.ok()) return item.error();
                                   return dismissal;
                                 }));
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

}  // namespace debrief::formats
