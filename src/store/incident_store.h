// The incident aggregate: incidents, the records that belong to them, their imports of timeline
// events and of files, and the generation that tags every view of one.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/account.h"
#include "core/action_item.h"
#include "core/contributing_factor.h"
#include "core/decision_point.h"
#include "core/incident.h"
#include "core/incident_access.h"
#include "core/lesson.h"
#include "core/participant.h"
#include "core/review.h"
#include "core/review_template.h"
#include "core/timeline_event.h"
#include "core/work_as_done.h"
#include "store/record_store.h"

namespace debrief::store {

using core::Result;

struct IncidentQuery {
  std::optional<core::IncidentStatus> status;
  std::optional<core::IncidentKind> kind;  // Incidents or near misses only.
  std::optional<std::string> severity;
  std::optional<std::string> service;
  std::string text;                  // Matched against key, title, summary and impact.
  std::optional<int64_t> before_id;  // The cursor: newest first, ids below this one.
  int limit = 50;
  // Incidents the reader may not see (app::HiddenIncidents): left out as if they were not there.
  std::vector<int64_t> hidden_incident_ids;
};

struct IncidentPage {
  std::vector<core::Incident> incidents;
  std::optional<int64_t> next_before_id;  // Set when there may be more.
};

struct ActionQuery {
  std::optional<int64_t> owner_id;
  std::optional<core::ActionStatus> status;
  // Due before this date and not done or dropped.
  std::optional<core::Date> overdue_on;
  std::optional<int64_t> after_id;
  int limit = 100;
  // Incidents the reader may not see: their action items are left out.
  std::vector<int64_t> hidden_incident_ids;
};

// An action item with the key of its incident, for lists across incidents.
struct ActionWithIncident {
  core::ActionItem action;
  std::string incident_key;
};

// How an import went: events stored, and events passed over because the incident's timeline
// already holds their source (the same system and external id: a file imported again, a webhook
// delivered twice).
struct ImportCounts {
  int64_t added = 0;
  int64_t skipped = 0;
};

// How an incident's events changed after a generation (see Store::EventChangesSince): the ids
// created or updated, the ids deleted, and the imports that added events. An import is one audit
// entry for many events, so it names its unit (EventImportRecord::id) instead of each event;
// Store::ListImportedEvents reads them. Nothing here depends on the order ids were drawn in.
struct EventChanges {
  std::vector<int64_t> written;
  std::vector<int64_t> deleted;
  std::vector<int64_t> imports;

  bool empty() const { return written.empty() && deleted.empty() && imports.empty(); }
};

// What an import brought in, for the list of an incident's imports: one unit, undone whole.
struct ImportDescription {
  std::string format;  // "slack", "alertmanager", "jsonl", "paste", "markdown", ...
  std::string name;    // What was imported: a file's name, a channel, an alert hook.
};

// An import as the incident keeps it (event_imports): who brought in what, when, how much, and
// whether it was undone.
struct EventImportRecord {
  int64_t id = 0;
  int64_t incident_id = 0;
  ImportDescription what;
  std::optional<int64_t> created_by;
  core::Timestamp created_at{};
  int64_t added = 0;
  int64_t skipped = 0;
  std::optional<core::Timestamp> undone_at;
  std::optional<int64_t> undone_by;
  int64_t removed = 0;  // Events the undo took away (some may have been deleted by hand before).
};

// One import of timeline events into an incident: Add as many batches as the source gives, then
// Commit, which lands them all in one transaction. Destroyed uncommitted (a malformed line, a dry
// run, Ctrl-C), it leaves the database as it was. Adding holds no lock on the incident's data,
// so other writers go on while a large file is read.
class EventImport {
 public:
  virtual ~EventImport() = default;
  // Events need `source` set to "import:<kind>:<external id>"; incident_id is set here.
  virtual Result<void> Add(const std::vector<core::TimelineEvent>& events) = 0;
  // What Commit would add and pass over, as of now.
  virtual Result<ImportCounts> Count() = 0;
  // Lands the import with one audit entry (`change`, plus the counts). An import that adds
  // events is kept as one unit (EventImportRecord) its events point to, so it can be undone.
  virtual Result<ImportCounts> Commit(const Change& change, const ImportDescription& what) = 0;
  // Memberships the source knew (a Slack channel's members over time), written by Commit in its
  // transaction in place of those `source` recorded before (AudienceStore); one of a participant
  // removed meanwhile is left out.
  virtual void KeepAudienceMemberships(std::string source,
                                       std::vector<core::AudienceMembership> memberships) = 0;
};

// A file an incident was imported from (a postmortem written in Markdown), kept whole beside
// the incident it became.
struct ImportedDocument {
  int64_t id = 0;
  int64_t incident_id = 0;
  std::string name;    // The file's path as it was given.
  std::string digest;  // Of its bytes (BLAKE2b-256, hex): the same file is found again by it.
  std::string content;
  core::Timestamp imported_at{};
};

class IncidentStore {
 public:
  virtual ~IncidentStore() = default;

  // Incidents. CreateIncident assigns the next key for the year of `created_at`.
  virtual Result<core::Incident> CreateIncident(core::Incident incident, const Change& change) = 0;
  virtual Result<core::Incident> GetIncident(std::string_view key) = 0;
  virtual Result<core::Incident> UpdateIncident(core::Incident incident, int64_t expected_version,
                                                const Change& change) = 0;
  virtual Result<IncidentPage> ListIncidents(const IncidentQuery& query) = 0;

  // Restricted incidents (core/incident_access.h). The readers named for the incident (none when
  // there are none); and every restricted incident with all who may see it, by id.
  virtual Result<core::IncidentReaders> ListIncidentReaders(int64_t incident_id) = 0;
  virtual Result<std::vector<core::RestrictedIncident>> ListRestrictedIncidents() = 0;
  // Names `readers` the incident's readers in place of those it had, with one audit entry.
  // kInvalidArgument (field "readers") naming a user or group that does not exist.
  virtual Result<void> ReplaceIncidentReaders(int64_t incident_id,
                                              const core::IncidentReaders& readers,
                                              const Change& change) = 0;

  // Starts an import of timeline events into the incident (see EventImport).
  virtual Result<std::unique_ptr<EventImport>> BeginEventImport(int64_t incident_id) = 0;
  // The same on a database connection of the import's own, so it may run on another thread while
  // this store goes on serving (the server's workers import while its event loop answers). Null
  // where the database has no second connection (a private one in memory): use BeginEventImport.
  virtual Result<std::unique_ptr<EventImport>> BeginDetachedEventImport(int64_t incident_id) = 0;
  // The events import `import_id` added to the incident that are still there, oldest id first.
  virtual Result<std::vector<core::TimelineEvent>> ListImportedEvents(int64_t incident_id,
                                                                      int64_t import_id) = 0;
  // The incident's imports, newest first.
  virtual Result<std::vector<EventImportRecord>> ListEventImports(int64_t incident_id) = 0;
  // Takes away every event the import added, in one transaction, and marks it undone (kNotFound
  // for no such import; kFailedPrecondition when it was undone already).
  virtual Result<EventImportRecord> UndoEventImport(int64_t incident_id, int64_t import_id,
                                                    const Change& change) = 0;

  virtual RecordStore<core::Participant>& participants() = 0;
  virtual RecordStore<core::Account>& accounts() = 0;
  virtual RecordStore<core::AccountEntry>& entries() = 0;
  virtual RecordStore<core::TimelineEvent>& events() = 0;
  virtual RecordStore<core::DecisionPoint>& decisions() = 0;
  virtual RecordStore<core::ContributingFactor>& factors() = 0;
  virtual RecordStore<core::WorkAsDone>& work_as_done() = 0;
  virtual RecordStore<core::ActionItem>& actions() = 0;
  virtual RecordStore<core::Lesson>& lessons() = 0;
  virtual RecordStore<core::Reviewer>& reviewers() = 0;
  virtual RecordStore<core::ReviewComment>& comments() = 0;
  virtual RecordStore<core::ReviewAnswer>& answers() = 0;

  virtual Result<std::vector<ActionWithIncident>> ListActions(const ActionQuery& query) = 0;

  // Imported documents: the key of the incident a file with this digest became, if any; a new
  // one (its id and time are set here, with an audit entry); an incident's, oldest first.
  virtual Result<std::optional<std::string>> ImportedDocumentIncident(std::string_view digest) = 0;
  virtual Result<ImportedDocument> AddImportedDocument(ImportedDocument document,
                                                       const Change& change) = 0;
  virtual Result<std::vector<ImportedDocument>> ListImportedDocuments(int64_t incident_id) = 0;

  // The incident's generation: a counter moved in the transaction of every write to the
  // incident or anything in it (and written on that write's audit entry), so it tags cached
  // views of the incident; 0 before any write. It only grows, whatever order ids are drawn in.
  virtual Result<int64_t> IncidentGeneration(int64_t incident_id) = 0;
  // What happened to the incident's events after generation `since` (an IncidentGeneration
  // value), as its audit log tells, up to now: for a caller holding the events as they were then,
  // who reads back only what changed. Relies on every write to events leaving its audit entry
  // (the promise above) and on the log keeping every entry. nullopt when the log cannot say (it
  // holds a change to events it does not describe, or more entries than reading everything again
  // would cost).
  virtual Result<std::optional<EventChanges>> EventChangesSince(int64_t incident_id,
                                                                int64_t since) = 0;
};

// The record store of type T, for code written once for every kind of record.
template <class T>
RecordStore<T>& RecordsOf(IncidentStore& store) {
  if constexpr (std::is_same_v<T, core::Participant>) return store.participants();
  if constexpr (std::is_same_v<T, core::Account>) return store.accounts();
  if constexpr (std::is_same_v<T, core::AccountEntry>) return store.entries();
  if constexpr (std::is_same_v<T, core::TimelineEvent>) return store.events();
  if constexpr (std::is_same_v<T, core::DecisionPoint>) return store.decisions();
  if constexpr (std::is_same_v<T, core::ContributingFactor>) return store.factors();
  if constexpr (std::is_same_v<T, core::WorkAsDone>) return store.work_as_done();
  if constexpr (std::is_same_v<T, core::ActionItem>) return store.actions();
  if constexpr (std::is_same_v<T, core::Lesson>) return store.lessons();
  if constexpr (std::is_same_v<T, core::Reviewer>) return store.reviewers();
  if constexpr (std::is_same_v<T, core::ReviewComment>) return store.comments();
  if constexpr (std::is_same_v<T, core::ReviewAnswer>) return store.answers();
}

}  // namespace debrief::store
