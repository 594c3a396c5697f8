#include "app/erasure.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <map>
#include <set>
#include <type_traits>

#include "app/anonymisation.h"
#include "app/incident_access.h"
#include "app/library_entry.h"
#include "app/users.h"
#include "core/clock.h"
#include "core/comment_anchor.h"
#include "core/schema.h"
#include "render/erasure_text.h"
#include "store/backup.h"

namespace debrief::app {
namespace {

constexpr std::string_view kStandInDomain = "@erased.invalid";
constexpr size_t kLongestOtherName = 120;

// Whether `user`, read at `version`, may be erased by `caller`, as the database is now.
core::Result<void> CheckErasable(store::Store& store, const core::Principal& caller,
                                 const core::User& read, int64_t version) {
  DEBRIEF_ASSIGN_OR_RETURN(core::User user, store.GetUser(read.id));
  if (version != user.version) return StaleUserVersion(user, version);
  if (IsErased(user)) {
    return core::Error::Conflict("user " + std::to_string(user.id) + " is erased already");
  }
  if (user.id == caller.user_id) {
    return core::Error::Conflict("you cannot erase yourself; another admin can");
  }
  DEBRIEF_ASSIGN_OR_RETURN(bool last_admin, IsLastActiveAdmin(store, user));
  if (last_admin) {
    return core::Error::Conflict("user " + std::to_string(user.id) +
                                 " is the last active admin; make another admin first");
  }
  return core::Ok();
}

std::string StandInEmail(int64_t user_id) {
  return "erased-" + std::to_string(user_id) + std::string(kStandInDomain);
}

// Rewrites every text field of `record` (never a secret: hashes name nobody); whether any
// changed.
template <class T>
bool RewriteFields(T& record, const render::ErasureText& eraser) {
  bool changed = false;
  core::ForEachField<T>([&](const auto& field) {
    if (field.access == core::FieldAccess::kSecret) return;
    auto& value = record.*(field.member);
    using Value = std::decay_t<decltype(value)>;
    auto rewrite = [&](std::string& text) {
      if (auto rewritten = eraser.Text(text)) {
        text = std::move(*rewritten);
        changed = true;
      }
    };
    if constexpr (std::is_same_v<Value, std::string>) {
      rewrite(value);
    } else if constexpr (std::is_same_v<Value, std::optional<std::string>>) {
      if (value) rewrite(*value);
    } else if constexpr (std::is_same_v<Value, std::vector<std::string>>) {
      for (std::string& text : value) rewrite(text);
    }
  });
  return changed;
}

// Whether `record` points at the user by id (who wrote it, owns it, was asked to review it).
template <class T>
bool PointsAt(const T& record, int64_t user_id) {
  bool points_at = false;
  core::ForEachField<T>([&](const auto& field) {
    std::string_view name = field.name;
    bool names_a_user = name.ends_with("_id") || name.ends_with("_ids") || name.ends_with("_by");
    if (!names_a_user) return;
    const auto& value = record.*(field.member);
    using Value = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<Value, int64_t>) {
      points_at = points_at || value == user_id;
    } else if constexpr (std::is_same_v<Value, std::optional<int64_t>>) {
      points_at = points_at || value == user_id;
    } else if constexpr (std::is_same_v<Value, std::vector<int64_t>>) {
      points_at = points_at || std::find(value.begin(), value.end(), user_id) != value.end();
    }
  });
  return points_at;
}

// What the person was called in a published snapshot: wherever an object names them by id
// ("user_id" of a participant, "author_id" of an account, "id" of a person the review names),
// the name beside it. Whether the snapshot points at them by any id at all.
bool CollectSnapshotNames(const boost::json::value& value, int64_t user_id,
                          std::set<std::string>& names) {
  bool points_at = false;
  auto is_user = [&](const boost::json::object& object, std::string_view key) {
    const boost::json::value* id = object.if_contains(key);
    return id && id->is_int64() && id->as_int64() == user_id;
  };
  auto add = [&](const boost::json::object& object, std::string_view key) {
    if (const boost::json::value* name = object.if_contains(key); name && name->is_string()) {
      names.emplace(name->as_string());
    }
  };
  if (value.is_array()) {
    for (const boost::json::value& item : value.as_array()) {
      points_at = CollectSnapshotNames(item, user_id, names) || points_at;
    }
  } else if (value.is_object()) {
    const boost::json::object& object = value.as_object();
    if (is_user(object, "user_id")) add(object, "name");
    if (is_user(object, "author_id")) add(object, "author");
    for (const auto& member : object) {
      std::string_view key = member.key();
      if (key == "people" && member.value().is_array()) {
        for (const boost::json::value& person : member.value().as_array()) {
          if (person.is_object() && is_user(person.as_object(), "id")) {
            add(person.as_object(), "name");
            points_at = true;
          }
        }
      }
      if (key.ends_with("_id") && member.value().is_int64() &&
          member.value().as_int64() == user_id) {
        points_at = true;
      }
      if (key.ends_with("_ids") && member.value().is_array()) {
        for (const boost::json::value& id : member.value().as_array()) {
          points_at = points_at || (id.is_int64() && id.as_int64() == user_id);
        }
      }
      points_at = CollectSnapshotNames(member.value(), user_id, names) || points_at;
    }
  }
  return points_at;
}

// Names and addresses of the user the audit log kept: a rename's before and after, the address
// and name they were created with.
void CollectAuditedNames(const boost::json::value& value, std::set<std::string>& names,
                         std::set<std::string>& emails) {
  if (!value.is_object()) return;
  for (const auto& member : value.as_object()) {
    const boost::json::value& field = member.value();
    std::set<std::string>& into = member.key() == "email" ? emails : names;
    bool personal = member.key() == "name" || member.key() == "email";
    if (personal && field.is_string()) into.emplace(field.as_string());
    if (field.is_object()) {
      for (std::string_view side : {"from", "to"}) {
        const boost::json::value* text = field.as_object().if_contains(side);
        if (personal && text && text->is_string()) into.emplace(text->as_string());
      }
      CollectAuditedNames(field, names, emails);  // {"before": {...}, "after": {...}}
    }
  }
}

struct Person {
  std::set<std::string> names;
  // Everyone else's names (the directory, other participants): what the person shares with them
  // stays as written.
  std::set<std::string> others;
  std::set<std::string> emails;
  // Incidents whose published versions point at the person by id: their library entries are
  // made again even where no text names them (names the library took from the directory).
  std::set<int64_t> published_incidents;
};

class Eraser {
 public:
  Eraser(store::Store& store, const core::Clock& clock, const core::Principal& caller,
         core::User user, std::vector<std::string> also_known_as)
      : store_(store),
        clock_(clock),
        caller_(caller),
        user_(std::move(user)),
        also_known_as_(std::move(also_known_as)),
        label_(ErasedLabel(user_.id)) {
    change_.actor_id = caller.user_id != 0 ? std::optional<int64_t>(caller.user_id) : std::nullopt;
    boost::json::object diff{{"erasure", boost::json::object{{"to", label_}}}};
    change_.diff_json = boost::json::serialize(diff);
  }

  core::Result<ErasureReport> Run() {
    report_.user_id = user_.id;
    report_.label = label_;
    report_.stand_in_email = StandInEmail(user_.id);
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<int64_t> hidden, HiddenIncidents(store_, caller_));
    hidden_.insert(hidden.begin(), hidden.end());
    DEBRIEF_ASSIGN_OR_RETURN(
        report_.freed_space_scrubbed,
        store_.InScrubbingTransaction([&]() -> core::Result<void> { return EraseAll(); }));
    return report_;
  }

 private:
  core::Result<void> EraseAll() {
    // Checked again inside the transaction: two admins erasing each other at once would
    // otherwise both pass the check made before it.
    DEBRIEF_RETURN_IF_ERROR(CheckErasable(store_, caller_, user_, user_.version));
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Incident> incidents, AllIncidents());
    DEBRIEF_RETURN_IF_ERROR(FindPerson(incidents));
    std::vector<std::string> names(person_.names.begin(), person_.names.end());
    std::vector<std::string> emails(person_.emails.begin(), person_.emails.end());
    std::vector<std::string> others(person_.others.begin(), person_.others.end());
    eraser_.emplace(std::move(names), std::move(emails), label_, others, also_known_as_);
    for (core::Incident& incident : incidents) DEBRIEF_RETURN_IF_ERROR(EraseFrom(incident));
    DEBRIEF_RETURN_IF_ERROR(RewriteStoredTexts());
    DEBRIEF_RETURN_IF_ERROR(RebuildLibraryEntries());
    return MakeStandIn();
  }

  // The label as a name in the directory ("Erased person 7").
  std::string StandInName() const {
    std::string name = label_;
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    return name;
  }

  core::Result<std::vector<core::Incident>> AllIncidents() {
    std::vector<core::Incident> incidents;
    store::IncidentQuery query;
    query.limit = 500;
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(store::IncidentPage page, store_.ListIncidents(query));
      for (core::Incident& incident : page.incidents) incidents.push_back(std::move(incident));
      if (!page.next_before_id) break;
      query.before_id = page.next_before_id;
    }
    return incidents;
  }

  // Every name and address the person went by that the database holds.
  core::Result<void> FindPerson(const std::vector<core::Incident>& incidents) {
    if (user_.name != user_.email) person_.names.insert(user_.name);
    person_.emails.insert(user_.email);
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::User> users, store_.ListUsers());
    for (const core::User& other : users) {
      if (other.id != user_.id) person_.others.insert(other.name);
    }
    for (const core::Incident& incident : incidents) {
      DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Participant> participants,
                               store_.participants().List(incident.id));
      for (const core::Participant& participant : participants) {
        if (participant.user_id == user_.id) {
          person_.names.insert(participant.name);
        } else if (participant.user_id) {
          person_.others.insert(participant.name);
        }
      }
      DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::PublishedVersion> versions,
                               store_.ListPublishedVersions(incident.id));
      for (const core::PublishedVersion& listed : versions) {
        DEBRIEF_ASSIGN_OR_RETURN(core::PublishedVersion version,
                                 store_.GetPublishedVersion(incident.id, listed.number));
        boost::system::error_code error;
        boost::json::value snapshot = boost::json::parse(version.snapshot, error);
        if (error) continue;  // Rewritten as text all the same.
        if (CollectSnapshotNames(snapshot, user_.id, person_.names)) {
          person_.published_incidents.insert(incident.id);
        }
      }
    }
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::UserIdentity> identities,
                             store_.ListUserIdentities());
    for (const core::UserIdentity& identity : identities) {
      // A SCIM userName or a provider's subject that is an address is one of theirs.
      if (identity.user_id == user_.id && identity.subject.find('@') != std::string::npos) {
        person_.emails.insert(identity.subject);
      }
    }
    store::AuditQuery audit;
    audit.limit = 500;
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::AuditEntry> page, store_.ListAudit(audit));
      if (page.empty()) break;
      audit.before_id = page.back().id;
      for (const core::AuditEntry& entry : page) {
        if (entry.entity != "users" || entry.entity_id != user_.id) continue;
        boost::system::error_code error;
        boost::json::value diff = boost::json::parse(entry.diff_json, error);
        if (!error) CollectAuditedNames(diff, person_.names, person_.emails);
      }
    }
    // A name that is only an address is matched as the address.
    std::erase_if(person_.names, [&](const std::string& name) {
      return name.empty() || person_.emails.contains(name) || name.find('@') != std::string::npos;
    });
    // Someone else known by one of the person's own names cannot be told apart from them: the
    // name is the person's (a participant typed in by hand under their name is them).
    std::erase_if(person_.others, [&](const std::string& name) {
      return person_.names.contains(name) || name.find('@') != std::string::npos;
    });
    return core::Ok();
  }

  core::Result<void> EraseFrom(core::Incident& incident) {
    store::IncidentBackup records;
    records.incident = incident;
    core::Result<void> read = core::Ok();
    store::ForEachRecordList(records, [&](std::string_view, auto& list) {
      if (!read) return;
      using T = typename std::decay_t<decltype(list)>::value_type;
      auto listed = store::RecordsOf<T>(store_).List(incident.id);
      if (listed) {
        list = std::move(*listed);
      } else {
        read = listed.error();
      }
    });
    DEBRIEF_RETURN_IF_ERROR(read);
    ErasureReport::IncidentChanges changes;
    changes.key = incident.key;
    DEBRIEF_RETURN_IF_ERROR(DeleteUnreleasedAccounts(incident.id, records, changes));
    // Whether anything of the incident shows the person by their user row (an author's or an
    // owner's name is read from it): its generation must move, so that every cache of it, on
    // every instance, is made again with the label.
    bool points_at = person_.published_incidents.contains(incident.id) ||
                     PointsAt(incident, user_.id) || changes.accounts_deleted > 0;
    core::Result<void> written = core::Ok();
    store::ForEachRecordList(records, [&](std::string_view, auto& list) {
      using T = typename std::decay_t<decltype(list)>::value_type;
      for (T& record : list) {
        if (!written) return;
        if (deleted_.contains({std::string(T::kCollection), record.id})) continue;
        points_at = points_at || PointsAt(record, user_.id);
        int64_t version = record.version;
        if (!RewriteFields(record, *eraser_)) continue;
        auto updated = store::RecordsOf<T>(store_).Update(record, version, change_);
        if (!updated) {
          written = updated.error();
          return;
        }
        ++changes.records_rewritten;
      }
    });
    DEBRIEF_RETURN_IF_ERROR(written);
    int64_t incident_version = incident.version;
    std::string key = incident.key;
    bool rewritten = RewriteFields(incident, *eraser_);
    incident.key = key;  // Server-made, never a name.
    if (rewritten || (points_at && changes.records_rewritten == 0)) {
      DEBRIEF_RETURN_IF_ERROR(store_.UpdateIncident(incident, incident_version, change_));
      if (rewritten) ++changes.records_rewritten;
    }
    for (const core::Account& account : records.accounts) {
      if (account.author_id == user_.id &&
          account.visibility == core::AccountVisibility::kInReview) {
        ++changes.accounts_kept;
      }
    }
    report_.records_rewritten += changes.records_rewritten;
    report_.accounts_kept += changes.accounts_kept;
    changes_by_incident_[incident.id] = std::move(changes);
    return core::Ok();
  }

  // The person's accounts not released to the review go, with their entries and every comment
  // anchored on them (replies included).
  core::Result<void> DeleteUnreleasedAccounts(int64_t incident_id,
                                              const store::IncidentBackup& records,
                                              ErasureReport::IncidentChanges& changes) {
    std::set<int64_t> accounts;
    for (const core::Account& account : records.accounts) {
      if (account.author_id == user_.id &&
          account.visibility != core::AccountVisibility::kInReview) {
        accounts.insert(account.id);
      }
    }
    if (accounts.empty()) return core::Ok();
    std::set<int64_t> entries;
    for (const core::AccountEntry& entry : records.entries) {
      if (accounts.contains(entry.account_id)) entries.insert(entry.id);
    }
    std::set<int64_t> comments;
    for (const core::ReviewComment& comment : records.comments) {  // Oldest first: replies after.
      auto anchor = core::ParseCommentAnchor(comment.anchor);
      bool on_deleted =
          anchor && ((anchor->kind == "account" && accounts.contains(anchor->record_id)) ||
                     (anchor->kind == "entry" && entries.contains(anchor->record_id)));
      if (on_deleted || (comment.reply_to && comments.contains(*comment.reply_to))) {
        comments.insert(comment.id);
      }
    }
    for (auto comment = records.comments.rbegin(); comment != records.comments.rend(); ++comment) {
      if (!comments.contains(comment->id)) continue;
      DEBRIEF_RETURN_IF_ERROR(
          store_.comments().Delete(incident_id, comment->id, comment->version, change_));
      deleted_.emplace(std::string(core::ReviewComment::kCollection), comment->id);
    }
    for (const core::AccountEntry& entry : records.entries) {
      if (!entries.contains(entry.id)) continue;
      DEBRIEF_RETURN_IF_ERROR(
          store_.entries().Delete(incident_id, entry.id, entry.version, change_));
      deleted_.emplace(std::string(core::AccountEntry::kCollection), entry.id);
    }
    for (const core::Account& account : records.accounts) {
      if (!accounts.contains(account.id)) continue;
      DEBRIEF_RETURN_IF_ERROR(
          store_.accounts().Delete(incident_id, account.id, account.version, change_));
      deleted_.emplace(std::string(core::Account::kCollection), account.id);
    }
    changes.accounts_deleted = static_cast<int64_t>(accounts.size());
    report_.accounts_deleted += changes.accounts_deleted;
    report_.entries_deleted += static_cast<int64_t>(entries.size());
    report_.comments_deleted += static_cast<int64_t>(comments.size());
    return core::Ok();
  }

  core::Result<void> RewriteStoredTexts() {
    const render::ErasureText& eraser = *eraser_;
    store::TextRewrite as_text = [&](std::string_view text) { return eraser.Text(text); };
    store::TextRewrite as_json = [&](std::string_view text) { return eraser.Json(text); };
    auto rewrite = [&](store::StoredText kind, const store::TextRewrite& how,
                       int64_t& count) -> core::Result<std::vector<int64_t>> {
      DEBRIEF_ASSIGN_OR_RETURN(std::vector<int64_t> changed, store_.RewriteStoredTexts(kind, how));
      count = static_cast<int64_t>(changed.size());
      return changed;
    };
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<int64_t> published,
                             rewrite(store::StoredText::kPublishedSnapshots, as_json,
                                     report_.published_incidents_rewritten));
    for (int64_t incident_id : published) {
      person_.published_incidents.insert(incident_id);
      changes_by_incident_[incident_id].published_versions_rewritten = true;
    }
    DEBRIEF_RETURN_IF_ERROR(rewrite(store::StoredText::kImportedDocuments, as_text,
                                    report_.imported_documents_rewritten));
    DEBRIEF_RETURN_IF_ERROR(
        rewrite(store::StoredText::kEventImportNames, as_text, report_.event_imports_renamed));
    DEBRIEF_RETURN_IF_ERROR(
        rewrite(store::StoredText::kNotificationTitles, as_text, report_.notifications_rewritten));
    DEBRIEF_RETURN_IF_ERROR(rewrite(store::StoredText::kWebhookPayloads, as_json,
                                    report_.webhook_deliveries_rewritten));
    DEBRIEF_RETURN_IF_ERROR(
        rewrite(store::StoredText::kAuditDiffs, as_json, report_.audit_entries_rewritten));
    DEBRIEF_RETURN_IF_ERROR(
        rewrite(store::StoredText::kApiTokenNames, as_text, report_.api_token_names_rewritten));
    // Names kept beside the records: a file's, an audience's (rewritten as the events' "visible
    // to" are, so the two still match), what admins called hooks, allowed phrases.
    for (store::StoredText kind :
         {store::StoredText::kImportedDocumentNames, store::StoredText::kAudiences,
          store::StoredText::kWebhookDescriptions, store::StoredText::kAlertHookNames,
          store::StoredText::kAllowedPhrases}) {
      int64_t count = 0;
      DEBRIEF_RETURN_IF_ERROR(rewrite(kind, as_text, count));
      report_.other_texts_rewritten += count;
    }
    return core::Ok();
  }

  // The user row becomes the label's stand-in, audited with what changed (counts, no keys: the
  // log outlives who may see which incident).
  core::Result<void> MakeStandIn() {
    for (auto& [incident_id, changes] : changes_by_incident_) {
      bool changed = changes.records_rewritten > 0 || changes.accounts_deleted > 0 ||
                     changes.published_versions_rewritten;
      if (!changed) continue;
      if (hidden_.contains(incident_id)) {
        ++report_.restricted_incidents_changed;
      } else {
        report_.incidents.push_back(changes);
      }
    }
    report_.erased_at = clock_.Now();
    auto change = [&](const store::StandInRemovals& removals) {
      report_.sessions_ended = removals.sessions;
      report_.identities_removed = removals.identities;
      report_.group_memberships_removed = removals.group_memberships;
      report_.notifications_removed = removals.notifications;
      report_.notification_settings_removed = removals.notification_settings > 0;
      store::Change audited = change_;
      audited.diff_json = boost::json::serialize(ErasureReportJson(report_, false));
      return audited;
    };
    DEBRIEF_RETURN_IF_ERROR(store_.MakeErasedStandIn(user_.id, user_.version, StandInName(),
                                                     report_.stand_in_email, change));
    return core::Ok();
  }

  core::Result<void> RebuildLibraryEntries() {
    // The entries name the person as the stand-in will (it is made last, with the report).
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::User> users, store_.ListUsers());
    for (core::User& user : users) {
      if (user.id == user_.id) user.name = StandInName();
    }
    Anonymisation anonymisation(store_);
    for (int64_t incident_id : person_.published_incidents) {
      DEBRIEF_RETURN_IF_ERROR(IndexLatestVersion(store_, anonymisation, users, incident_id));
      ++report_.library_entries_rebuilt;
    }
    return core::Ok();
  }

  store::Store& store_;
  const core::Clock& clock_;
  const core::Principal& caller_;
  core::User user_;
  std::vector<std::string> also_known_as_;
  std::string label_;
  store::Change change_;
  Person person_;
  std::optional<render::ErasureText> eraser_;
  std::set<int64_t> hidden_;
  std::set<std::pair<std::string, int64_t>> deleted_;
  std::map<int64_t, ErasureReport::IncidentChanges> changes_by_incident_;
  ErasureReport report_;
};

}  // namespace

std::string ErasedLabel(int64_t user_id) { return "erased person " + std::to_string(user_id); }

bool IsErased(const core::User& user) { return user.email.ends_with(kStandInDomain); }

boost::json::object ErasureReportJson(const ErasureReport& report, bool with_incidents) {
  boost::json::object json{
      {"user_id", report.user_id},
      {"label", report.label},
      {"stand_in_email", report.stand_in_email},
      {"erased_at", core::FormatRfc3339(report.erased_at)},
      {"records_rewritten", report.records_rewritten},
      {"accounts_deleted", report.accounts_deleted},
      {"entries_deleted", report.entries_deleted},
      {"comments_deleted", report.comments_deleted},
      {"accounts_kept", report.accounts_kept},
      {"published_incidents_rewritten", report.published_incidents_rewritten},
      {"library_entries_rebuilt", report.library_entries_rebuilt},
      {"imported_documents_rewritten", report.imported_documents_rewritten},
      {"event_imports_renamed", report.event_imports_renamed},
      {"notifications_rewritten", report.notifications_rewritten},
      {"webhook_deliveries_rewritten", report.webhook_deliveries_rewritten},
      {"audit_entries_rewritten", report.audit_entries_rewritten},
      {"api_token_names_rewritten", report.api_token_names_rewritten},
      {"other_texts_rewritten", report.other_texts_rewritten},
      {"sessions_ended", report.sessions_ended},
      {"identities_removed", report.identities_removed},
      {"group_memberships_removed", report.group_memberships_removed},
      {"notifications_removed", report.notifications_removed},
      {"notification_settings_removed", report.notification_settings_removed},
      {"freed_space_scrubbed", report.freed_space_scrubbed},
      {"restricted_incidents_changed", report.restricted_incidents_changed},
  };
  if (with_incidents) {
    boost::json::array incidents;
    for (const ErasureReport::IncidentChanges& changes : report.incidents) {
      incidents.push_back(boost::json::object{
          {"key", changes.key},
          {"records_rewritten", changes.records_rewritten},
          {"accounts_deleted", changes.accounts_deleted},
          {"accounts_kept", changes.accounts_kept},
          {"published_versions_rewritten", changes.published_versions_rewritten},
      });
    }
    json["incidents"] = std::move(incidents);
  } else {
    json["incidents_changed"] =
        static_cast<int64_t>(report.incidents.size()) + report.restricted_incidents_changed;
  }
  return json;
}

core::Result<ErasureReport> ErasePerson(store::Store& store, const core::Clock& clock,
                                        const core::Principal& caller,
                                        const ErasureRequest& request) {
  DEBRIEF_ASSIGN_OR_RETURN(core::User user, store.GetUser(request.user_id));
  // Erased at the version the admin confirmed: the transaction checks it (with the rest of
  // CheckErasable) against the user as stored.
  if (request.version) user.version = *request.version;
  std::vector<std::string> also_known_as;
  for (const std::string& given : request.also_known_as) {
    std::string name(given);
    name.erase(0, name.find_first_not_of(" \t\r\n"));
    name.erase(name.find_last_not_of(" \t\r\n") + 1);
    if (name.size() < 2 || name.size() > kLongestOtherName) {
      return core::Error::InvalidArgument(
          "each name in also_known_as must be 2 to " + std::to_string(kLongestOtherName) +
              " bytes once spaces are trimmed; leave out initials and empty entries",
          "also_known_as");
    }
    also_known_as.push_back(std::move(name));
  }
  return Eraser(store, clock, caller, std::move(user), std::move(also_known_as)).Run();
}

}  // namespace debrief::app
