// Erasing a person on request. Their name and e-mail address give way to a stable label
// ("erased person 7", the same everywhere) in every record, published version, library entry,
// inbox, webhook payload and audit entry that holds them; the accounts they kept to themselves
// (private, shared with the facilitator only, withdrawn) are deleted with their entries and the
// comments on them, while accounts they released to the review stay, under the label: the
// organisation keeps what it learned. The user row stays as the label's stand-in (records point
// at it), disabled, with no password, sessions, tokens, identities, groups, inbox or settings.
// The audit log keeps that the erasure happened and what it changed, never who it was.
//
// All in one transaction: it lands whole or not at all, and nothing written meanwhile can slip a
// name into a record already rewritten. Backups taken before still hold the person: restoring one
// brings them back, so an erasure is repeated after such a restore (docs/operations.md).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/authorization.h"
#include "core/clock.h"
#include "core/result.h"
#include "core/time.h"
#include "store/store.h"

namespace debrief::app {

struct ErasureRequest {
  int64_t user_id = 0;
  // The version of the user the admin confirmed (If-Match); without it, the current one.
  std::optional<int64_t> version;
  // Other names the person went by that records may hold (a chat handle, a nickname); their
  // name in the directory and as a participant are always included.
  std::vector<std::string> also_known_as;
};

// What an erasure changed, for the admin who asked and for the audit log: counts and incident
// keys, never the person's name or address.
struct ErasureReport {
  int64_t user_id = 0;
  std::string label;           // The stand-in's name from now on.
  std::string stand_in_email;  // The stand-in's address (unique, never delivered to).
  core::Timestamp erased_at{};

  struct IncidentChanges {
    std::string key;
    int64_t records_rewritten = 0;
    int64_t accounts_deleted = 0;  // With their entries and the comments on them.
    int64_t accounts_kept = 0;     // Released to the review, now under the label.
    bool published_versions_rewritten = false;
  };
  // Incidents with something changed that the admin may see, by key.
  std::vector<IncidentChanges> incidents;
  // Restricted incidents the admin may not see that had something changed: counted, not named.
  int64_t restricted_incidents_changed = 0;

  int64_t records_rewritten = 0;
  int64_t accounts_deleted = 0;
  int64_t entries_deleted = 0;
  int64_t comments_deleted = 0;
  int64_t accounts_kept = 0;
  int64_t published_incidents_rewritten = 0;  // Incidents whose published versions changed.
  int64_t library_entries_rebuilt = 0;
  int64_t imported_documents_rewritten = 0;
  int64_t event_imports_renamed = 0;
  int64_t notifications_rewritten = 0;
  int64_t webhook_deliveries_rewritten = 0;
  int64_t audit_entries_rewritten = 0;
  int64_t api_token_names_rewritten = 0;
  // File names of imports, audiences, webhook descriptions, alert hook names, allowed phrases.
  int64_t other_texts_rewritten = 0;

  int64_t sessions_ended = 0;
  int64_t identities_removed = 0;
  int64_t group_memberships_removed = 0;
  int64_t notifications_removed = 0;
  bool notification_settings_removed = false;
  // Whether no copy of the old text is left in the database's unused space (SQLite); false on
  // PostgreSQL until its vacuum has run (docs/operations.md).
  bool freed_space_scrubbed = false;
};

// The label an erased user goes by.
std::string ErasedLabel(int64_t user_id);
// Whether the user is an erased person's stand-in: nothing about them changes any more.
bool IsErased(const core::User& user);

// Erases the person. Admins only (the router checks the role); an admin cannot erase themselves
// nor the last active admin (kConflict); an erased user is erased already (kConflict); a stale
// version is kFailedPrecondition.
core::Result<ErasureReport> ErasePerson(store::Store& store, const core::Clock& clock,
                                        const core::Principal& caller,
                                        const ErasureRequest& request);

// The report as JSON: with the keys of the incidents changed (for the admin who asked), or
// without (the audit log's entry, which outlives who may see which incident).
boost::json::object ErasureReportJson(const ErasureReport& report, bool with_incidents);

}  // namespace debrief::app
