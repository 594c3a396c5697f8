// What erasing a person (app/erasure.h) asks of the store beyond the records' own writes: their
// user row kept as a stand-in under a label, their ways in and their inbox gone, and the texts
// kept outside the records of incidents rewritten in place.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/user.h"
#include "store/record_store.h"

namespace debrief::store {

// The texts kept outside records that may name a person, each in its own column.
enum class StoredText {
  kPublishedSnapshots,     // Published versions (JSON).
  kImportedDocuments,      // The postmortems incidents were imported from (as they were).
  kEventImportNames,       // What an event import read: a file, a channel.
  kNotificationTitles,     // The sentence each inbox item says.
  kWebhookPayloads,        // Deliveries made and to make (JSON).
  kAuditDiffs,             // What each audited change changed (JSON).
  kApiTokenNames,          // What the owner called each token.
  kImportedDocumentNames,  // The file names of the postmortems imported.
  kAudiences,              // Who was in which channel or on which receiver: the audience's name.
  kWebhookDescriptions,    // What an admin wrote of a webhook.
  kAlertHookNames,         // What an admin called an alert hook.
  kAllowedPhrases,         // The language checker's allow-entries (a name is a common one).
};

// A rewrite of one stored text: the new text, or nothing when it stays as it is.
using TextRewrite = std::function<std::optional<std::string>(std::string_view)>;

// What a stand-in keeps of the ways the person signed in and was told things: how many of each
// were removed.
struct StandInRemovals {
  int64_t sessions = 0;
  int64_t identities = 0;  // At OpenID providers and SCIM.
  int64_t group_memberships = 0;
  int64_t notifications = 0;  // Their inbox, with deliveries not yet made.
  int64_t notification_settings = 0;
};

class ErasureStore {
 public:
  virtual ~ErasureStore() = default;

  // Makes user `user_id` (at `expected_version`) a stand-in for an erased person: `name` and
  // `email` replace theirs, the password goes, they are disabled; their sessions, identities,
  // group memberships, inbox and notification settings are removed. Records keep pointing at
  // the stand-in (who wrote an account, owns an action). Audited (action "erase") with what
  // `change` makes of the removals. kFailedPrecondition on a stale version.
  virtual Result<StandInRemovals> MakeErasedStandIn(
      int64_t user_id, int64_t expected_version, std::string_view name, std::string_view email,
      const std::function<Change(const StandInRemovals&)>& change) = 0;

  // Runs `rewrite` over every text of `kind`, a page at a time in key order, and stores what it
  // changed, unaudited (the erasure's own entry says it happened). Returns the ids of the rows
  // changed (for published versions: their incidents' ids, once each).
  virtual Result<std::vector<int64_t>> RewriteStoredTexts(StoredText kind,
                                                          const TextRewrite& rewrite) = 0;
};

}  // namespace debrief::store
