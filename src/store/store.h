// Store: where debrief keeps everything. One interface, one adapter per database (sqlite/ now,
// postgres/ for teams running several instances); callers never know which one they have, and
// tests/store/store_conformance_test.cc holds every adapter to the same behaviour.
//
// Promises, for every adapter:
// - Each write is atomic together with its audit entry, and bumps the row's `version`. Writes
//   that name a stale version fail with kFailedPrecondition and change nothing.
// - Missing rows are kNotFound; unique conflicts are kAlreadyExists naming the field.
// - A Store is used by one thread at a time (the server runs one event loop); open one per
//   thread otherwise.
//
// The interface is split by aggregate (incident_store.h, review_store.h, library_store.h,
// people_store.h, integration_store.h, notification_store.h, language_store.h); Store is all of
// them, plus what spans them: transactions, the audit log and restoring a backup.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <span>

#include "core/result.h"
#include "store/audience_store.h"
#include "store/erasure_store.h"
#include "store/group_store.h"
#include "store/incident_store.h"
#include "store/integration_store.h"
#include "store/language_store.h"
#include "store/library_store.h"
#include "store/notification_store.h"
#include "store/people_store.h"
#include "store/pulse_store.h"
#include "store/record_store.h"
#include "store/review_store.h"

namespace debrief::store {

using core::Result;

struct Backup;  // store/backup.h
struct IncidentBackup;

// A restore under way (Store::BeginRestore): one transaction, rolled back if the writer is
// dropped before Finish or after a failure.
class BackupWriter {
 public:
  virtual ~BackupWriter() = default;
  // One incident with all of its records, in any order (ids are the backup's).
  virtual Result<void> WriteIncident(const IncidentBackup& incident) = 0;
  // Entries of the audit log, in any order.
  virtual Result<void> WriteAudit(std::span<const core::AuditEntry> entries) = 0;
  // Sets what the database draws next after the restored ids and keys, and commits.
  virtual Result<void> Finish() = 0;
};
struct IncidentBackup;

struct AuditQuery {
  std::optional<int64_t> incident_id;
  std::optional<int64_t> before_id;
  int limit = 100;
  // Incidents the reader may not see: the entries about them are left out.
  std::vector<int64_t> hidden_incident_ids;
};

// What a database snapshot holds: its schema version and the rows of its main tables.
struct SnapshotSummary {
  int schema_version = 0;
  std::vector<std::pair<std::string, int64_t>> rows;  // Table name and row count, by name.
};

class Store : public IncidentStore,
              public ReviewSettingsStore,
              public PublishedVersionStore,
              public LibraryStore,
              public PeopleStore,
              public WebhookStore,
              public AlertHookStore,
              public NotificationStore,
              public LanguageFeedbackStore,
              public AudienceStore,
              public PulseStore,
              public GroupStore,
              public ErasureStore {
 public:
  virtual ~Store() = default;

  // Cheap round trip to the database, for /readyz.
  virtual Result<void> Ping() = 0;
  // A count that moves whenever this store writes a row (also in a transaction rolled back
  // later): equal before and after some work, the work wrote nothing. The server compares it to
  // know that a request which met a busy database (core::Error::busy()) may simply run again.
  virtual int64_t WriteCount() const = 0;
  // The schema version the database is at (its last migration applied).
  virtual int schema_version() const = 0;
  // Another connection to this database, for another thread of this process, sharing what this
  // store keeps in memory for the process (on PostgreSQL, the library's replica), so request
  // workers add connections, not copies. Its statements wait at most `lock_wait` for a lock
  // another transaction holds (unset: as long as it takes). kFailedPrecondition where a back end
  // serves requests from one connection (SQLite: its writes go one at a time whatever the
  // connections).
  virtual Result<std::unique_ptr<Store>> OpenSibling(
      std::optional<std::chrono::milliseconds> /*lock_wait*/) {
    return core::Error::FailedPrecondition("this database serves requests from one connection");
  }
  // Runs `work` in one transaction: all of its writes land, or none.
  virtual Result<void> InTransaction(const std::function<Result<void>()>& work) = 0;

  // Runs `work` in one transaction, as InTransaction, for writes that take text out for good
  // (erasing a person): where the database keeps bytes it no longer uses (SQLite: the free space
  // of its pages, the full-text indexes' old segments, the write-ahead log), none of what `work`
  // removed or rewrote is left behind. Returns whether that last step is complete: another
  // process reading the database can hold the log until a later checkpoint, and PostgreSQL keeps
  // old row versions until its vacuum reclaims them.
  virtual Result<bool> InScrubbingTransaction(const std::function<Result<void>()>& work) {
    DEBRIEF_RETURN_IF_ERROR(InTransaction(work));
    return false;
  }

  // Runs `work`, which only reads, on one snapshot of the database: everything it reads is as it
  // was at one moment, whatever other connections write meanwhile (a backup under load).
  virtual Result<void> InSnapshot(const std::function<Result<void>()>& work) = 0;

  // Copies the whole database, as it is at one moment, into a new database file at `path`
  // (which must not exist), while others keep writing; then checks the copy (integrity, foreign
  // keys) and says what it holds. Unimplemented (kFailedPrecondition) where the back end has its
  // own tools for this.
  virtual Result<SnapshotSummary> CopySnapshot(const std::string& path) = 0;
  // The same checks on this database (after a restore): damage is an error.
  virtual Result<SnapshotSummary> Verify() = 0;

  // Writes a backup (store/backup.h) into this database, which must hold no users and no
  // incidents: every id, version and timestamp is kept, and the next incident key of each year
  // follows the restored ones. All of it lands, or nothing does.
  Result<void> Restore(const Backup& backup);
  // The same piece by piece, for a database larger than memory (`debrief copy`): everything of
  // `head` but its incidents and audit log is written now, the rest through the writer, all in
  // one transaction the writer's Finish commits. The writer must not outlive the store.
  virtual Result<std::unique_ptr<BackupWriter>> BeginRestore(const Backup& head) = 0;

  virtual Result<std::vector<core::AuditEntry>> ListAudit(const AuditQuery& query) = 0;
};

}  // namespace debrief::store
