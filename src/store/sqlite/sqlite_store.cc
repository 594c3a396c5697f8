#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <utility>

#include "core/incident_key.h"
#include "store/migrations.h"
#include "store/sqlite/event_import.h"
#include "store/sqlite/sql.h"

namespace debrief::store::sqlite {
namespace {

std::string WithColumns(std::string_view sql, const std::string& columns) {
  std::string text(sql);
  text.replace(text.find("{columns}"), 9, columns);
  return text;
}

void BindOptionalText(Statement& statement, int index, const std::optional<std::string>& value) {
  if (value) {
    statement.Bind(index, std::string_view(*value));
  } else {
    statement.BindNull(index);
  }
}

void BindOptionalInt(Statement& statement, int index, const std::optional<int64_t>& value) {
  if (value) {
    statement.Bind(index, *value);
  } else {
    statement.BindNull(index);
  }
}

// In memory or a temporary file: only the connection that made it can see it.
bool IsPrivateDatabase(const std::string& path) {
  return path.empty() || path == ":memory:" || path.starts_with("file::memory:");
}

}  // namespace

SqliteStore::SqliteStore(std::unique_ptr<Connection> connection, const core::Clock& clock)
    : connection_(std::move(connection)),
      clock_(clock),
      participants_(*connection_, clock),
      accounts_(*connection_, clock),
      entries_(*connection_, clock),
      events_(*connection_, clock),
      decisions_(*connection_, clock),
      factors_(*connection_, clock),
      work_as_done_(*connection_, clock),
      actions_(*connection_, clock),
      lessons_(*connection_, clock),
      answers_(*connection_, clock),
      reviewers_(*connection_, clock),
      comments_(*connection_, clock),
      library_(*connection_) {
  using Codec = RecordCodec<core::Incident>;
  incident_columns_ = Codec::SelectColumns();
  std::string placeholders;
  std::string assignments;
  core::ForEachField<core::Incident>([&](const auto& field) {
    placeholders += ", ?";
    assignments += ", " + std::string(field.name) + " = ?";
  });
  insert_incident_sql_ = "INSERT INTO incidents (version, created_at, updated_at, " +
                         Codec::FieldColumns() + ") VALUES (1, ?, ?" + placeholders +
                         ") RETURNING " + incident_columns_;
  get_incident_sql_ = "SELECT " + incident_columns_ + " FROM incidents WHERE key = ?";
  update_incident_sql_ = "UPDATE incidents SET version = version + 1, updated_at = ?" +
                         assignments + " WHERE id = ? AND version = ? RETURNING " +
                         incident_columns_;
  list_incidents_sql_ = WithColumns(sql::kListIncidents, incident_columns_);
  list_actions_sql_ =
      WithColumns(sql::kListActions, RecordCodec<core::ActionItem>::SelectColumns("action_items"));
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       const core::Clock& clock, Options options) {
  DEBRIEF_ASSIGN_OR_RETURN(auto connection, Connection::Open(path, std::move(options.connection)));
  auto store = std::unique_ptr<SqliteStore>(new SqliteStore(std::move(connection), clock));
  store->path_ = path;
  DEBRIEF_RETURN_IF_ERROR(store->Migrate());
  // A database in memory belongs to its one connection; a file can have a second.
  if (!IsPrivateDatabase(path)) {
    SqliteStore* self = store.get();
    store->events_.ReadLargeListsAlsoWith([self]() -> Result<Connection*> {
      if (!self->list_helper_) {
        DEBRIEF_ASSIGN_OR_RETURN(self->list_helper_, Connection::Open(self->path_, {}));
      }
      return self->list_helper_.get();
    });
  }
  return store;
}

namespace {

class SqliteLibrarySearcher final : public LibrarySearcher {
 public:
  SqliteLibrarySearcher(const LibraryIndex& index, std::unique_ptr<Connection> connection,
                        std::unique_ptr<LibraryIndex::Reader> reader)
      : index_(index), connection_(std::move(connection)), reader_(std::move(reader)) {}
  ~SqliteLibrarySearcher() override {
    reader_.reset();  // Its tokenizer belongs to the connection.
  }

  Result<LibraryPage> Search(const LibraryQuery& query) override {
    return index_.Search(query, *reader_);
  }

 private:
  const LibraryIndex& index_;
  std::unique_ptr<Connection> connection_;
  std::unique_ptr<LibraryIndex::Reader> reader_;
};

}  // namespace

Result<std::unique_ptr<LibrarySearcher>> SqliteStore::OpenLibrarySearcher() {
  if (IsPrivateDatabase(path_)) {
    return std::unique_ptr<LibrarySearcher>();
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection, Connection::Open(path_, {}));
  // A search reads the text of each hit it shows: mapped, those reads are memory copies instead
  // of a system call each. (SQLite caps the size at 2 GiB unless built otherwise.)
  DEBRIEF_RETURN_IF_ERROR(connection->Execute("PRAGMA mmap_size = 2147418112"));
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<LibraryIndex::Reader> reader,
                           LibraryIndex::Reader::Open(*connection));
  return std::unique_ptr<LibrarySearcher>(
      new SqliteLibrarySearcher(library_, std::move(connection), std::move(reader)));
}

Result<void> SqliteStore::Migrate() {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<Migration> migrations, MigrationsFor("sqlite"));
  // Migrations that clean data (0009 takes private words out of the audit log) must not leave
  // the old bytes in free pages: secure_delete overwrites whatever they delete or shrink.
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute("PRAGMA secure_delete = ON"));
  // IMMEDIATE takes the write lock first, so two processes starting together migrate in turn.
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute("BEGIN IMMEDIATE"));
  bool applied_any = false;
  auto migrate = [&]() -> Result<void> {
    DEBRIEF_RETURN_IF_ERROR(connection_->Execute(sql::kCreateMigrationsTable));
    DEBRIEF_ASSIGN_OR_RETURN(Statement * applied, connection_->Prepare(sql::kAppliedMigrations));
    int current = 0;
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool has_row, applied->Step());
      if (!has_row) break;
      current = static_cast<int>(applied->Int64(0));
      for (const Migration& migration : migrations) {
        if (migration.version == current && MigrationChecksum(migration.sql) != applied->Text(2)) {
          return core::Error::FailedPrecondition(
              "migration " + std::string(migration.name) +
              " differs from the one this database applied; migrations are append-only, so "
              "this build of debrief cannot open it");
        }
      }
    }
    if (!migrations.empty() && current > migrations.back().version) {
      return core::Error::FailedPrecondition(
          "the database is at schema version " + std::to_string(current) +
          ", newer than this debrief knows (" + std::to_string(migrations.back().version) +
          "); upgrade debrief");
    }
    for (const Migration& migration : migrations) {
      if (migration.version <= current) continue;
      DEBRIEF_RETURN_IF_ERROR(connection_->Execute(migration.sql));
      DEBRIEF_ASSIGN_OR_RETURN(Statement * record, connection_->Prepare(sql::kRecordMigration));
      record->Bind(1, static_cast<int64_t>(migration.version));
      record->Bind(2, migration.name);
      record->Bind(3, std::string_view(MigrationChecksum(migration.sql)));
      record->Bind(4, core::ToEpochMillis(clock_.Now()));
      DEBRIEF_RETURN_IF_ERROR(record->Run());
      current = migration.version;
      applied_any = true;
    }
    schema_version_ = current;
    return core::Ok();
  };
  Result<void> result = migrate();
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute(result ? "COMMIT" : "ROLLBACK"));
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute("PRAGMA secure_delete = FAST"));
  if (result && applied_any) {
    // The pages a migration rewrote reach the database file and the WAL is emptied, so no copy
    // of what it cleaned is left in either. Best effort: a reader in another process may hold
    // the WAL, and then the next checkpoint does it.
    (void)connection_->Execute("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  return result;
}

Result<void> SqliteStore::Ping() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(sql::kPing));
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
  statement->Reset();
  if (!has_row) return core::Error::Unavailable("the database did not answer");
  return core::Ok();
}

Result<void> SqliteStore::InTransaction(const std::function<Result<void>()>& work) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_RETURN_IF_ERROR(work());
  return scope.Commit();
}

Result<void> SqliteStore::AuditWrite(std::string_view action, std::string_view entity,
                                     int64_t entity_id, std::optional<int64_t> incident_id,
                                     const Change& change) {
  core::AuditEntry entry;
  entry.at = clock_.Now();
  entry.actor_id = change.actor_id;
  entry.action = std::string(action);
  entry.entity = std::string(entity);
  entry.entity_id = entity_id;
  entry.incident_id = incident_id;
  entry.diff_json = change.diff_json;
  return AppendAudit(*connection_, entry);
}

Result<core::Incident> SqliteStore::CreateIncident(core::Incident incident, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  core::Timestamp now = clock_.Now();
  int year = static_cast<int>(
      std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now)).year());
  DEBRIEF_ASSIGN_OR_RETURN(Statement * counter, connection_->Prepare(sql::kNextIncidentNumber));
  counter->Bind(1, static_cast<int64_t>(year));
  DEBRIEF_ASSIGN_OR_RETURN(bool counted, counter->Step());
  if (!counted) return core::Error::Internal("incident key counter returned no row");
  int64_t number = counter->Int64(0);
  counter->Reset();
  incident.key = core::FormatIncidentKey({year, number});

  DEBRIEF_ASSIGN_OR_RETURN(Statement * insert, connection_->Prepare(insert_incident_sql_));
  insert->Bind(1, core::ToEpochMillis(now));
  insert->Bind(2, core::ToEpochMillis(now));
  RecordCodec<core::Incident>::BindFields(*insert, 3, incident);
  DEBRIEF_ASSIGN_OR_RETURN(bool inserted, insert->Step());
  if (!inserted) return core::Error::Internal("incident insert returned no row");
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident stored, RecordCodec<core::Incident>::Read(*insert));
  insert->Reset();
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("create", "incidents", stored.id, stored.id, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return stored;
}

Result<core::Incident> SqliteStore::GetIncident(std::string_view key) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(get_incident_sql_));
  statement->Bind(1, key);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("no incident " + std::string(key));
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, RecordCodec<core::Incident>::Read(*statement));
  statement->Reset();
  return incident;
}

Result<core::Incident> SqliteStore::UpdateIncident(core::Incident incident,
                                                   int64_t expected_version, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(update_incident_sql_));
  statement->Bind(1, core::ToEpochMillis(clock_.Now()));
  RecordCodec<core::Incident>::BindFields(*statement, 2, incident);
  int next = 2 + RecordCodec<core::Incident>::FieldCount();
  statement->Bind(next, incident.id);
  statement->Bind(next + 1, expected_version);
  DEBRIEF_ASSIGN_OR_RETURN(bool updated, statement->Step());
  if (!updated) {
    statement->Reset();
    DEBRIEF_ASSIGN_OR_RETURN(core::Incident current, GetIncident(incident.key));
    return core::Error::FailedPrecondition(
        "incident " + incident.key + " is at version " + std::to_string(current.version) +
        ", not " + std::to_string(expected_version) + ": someone changed it since you read it");
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident stored, RecordCodec<core::Incident>::Read(*statement));
  statement->Reset();
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("update", "incidents", stored.id, stored.id, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return stored;
}

Result<IncidentPage> SqliteStore::ListIncidents(const IncidentQuery& query) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(list_incidents_sql_));
  if (query.status) {
    statement->Bind(1, core::ToString(*query.status));
  } else {
    statement->BindNull(1);
  }
  BindOptionalText(*statement, 2, query.severity);
  BindOptionalText(*statement, 3, query.service);
  if (!query.text.empty()) {
    statement->Bind(4, std::string_view(query.text));
  } else {
    statement->BindNull(4);
  }
  BindOptionalInt(*statement, 5, query.before_id);
  // One more than asked for tells whether there is a next page.
  statement->Bind(6, static_cast<int64_t>(query.limit) + 1);
  IncidentPage page;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident,
                             RecordCodec<core::Incident>::Read(*statement));
    page.incidents.push_back(std::move(incident));
  }
  if (page.incidents.size() > static_cast<size_t>(query.limit)) {
    page.incidents.pop_back();
    page.next_before_id = page.incidents.back().id;
  }
  return page;
}

Result<std::vector<ActionWithIncident>> SqliteStore::ListActions(const ActionQuery& query) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(list_actions_sql_));
  BindOptionalInt(*statement, 1, query.owner_id);
  if (query.status) {
    statement->Bind(2, core::ToString(*query.status));
  } else {
    statement->BindNull(2);
  }
  if (query.overdue_on) {
    statement->Bind(3, std::string_view(core::FormatDate(*query.overdue_on)));
  } else {
    statement->BindNull(3);
  }
  BindOptionalInt(*statement, 4, query.after_id);
  statement->Bind(5, static_cast<int64_t>(query.limit));
  std::vector<ActionWithIncident> actions;
  int key_column = 4 + RecordCodec<core::ActionItem>::FieldCount();
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    DEBRIEF_ASSIGN_OR_RETURN(core::ActionItem action,
                             RecordCodec<core::ActionItem>::Read(*statement));
    actions.push_back({std::move(action), std::string(statement->Text(key_column))});
  }
  return actions;
}

Result<core::User> SqliteStore::ReadUser(Statement& statement) {
  core::User user;
  user.id = statement.Int64(0);
  user.email = std::string(statement.Text(1));
  user.name = std::string(statement.Text(2));
  auto role = core::ParseEnum<core::Role>(statement.Text(3));
  if (!role) return core::Error::Internal("user " + std::to_string(user.id) + " has no valid role");
  user.role = *role;
  user.password_hash = std::string(statement.Text(4));
  user.disabled = statement.Int64(5) != 0;
  user.created_at = core::FromEpochMillis(statement.Int64(6));
  return user;
}

Result<core::User> SqliteStore::CreateUser(core::User user, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(sql::kInsertUser));
  user.created_at = clock_.Now();
  statement->Bind(1, std::string_view(user.email));
  statement->Bind(2, std::string_view(user.name));
  statement->Bind(3, core::ToString(user.role));
  statement->Bind(4, std::string_view(user.password_hash));
  statement->Bind(5, static_cast<int64_t>(user.disabled));
  statement->Bind(6, core::ToEpochMillis(user.created_at));
  auto stepped = statement->Step();
  if (!stepped) {
    if (stepped.error().code() == core::ErrorCode::kAlreadyExists) {
      return core::Error::AlreadyExists("a user with email " + user.email + " already exists",
                                        "email");
    }
    return stepped.error();
  }
  user.id = statement->Int64(0);
  statement->Reset();
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("create", "users", user.id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return user;
}

Result<core::User> SqliteStore::GetUser(int64_t id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(sql::kGetUser));
  statement->Bind(1, id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("no user " + std::to_string(id));
  DEBRIEF_ASSIGN_OR_RETURN(core::User user, ReadUser(*statement));
  statement->Reset();
  return user;
}

Result<core::User> SqliteStore::FindUserByEmail(std::string_view email) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(sql::kFindUserByEmail));
  statement->Bind(1, email);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("no user with that email");
  DEBRIEF_ASSIGN_OR_RETURN(core::User user, ReadUser(*statement));
  statement->Reset();
  return user;
}

Result<std::vector<core::User>> SqliteStore::ListUsers() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(sql::kListUsers));
  std::vector<core::User> users;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    DEBRIEF_ASSIGN_OR_RETURN(core::User user, ReadUser(*statement));
    users.push_back(std::move(user));
  }
  return users;
}

Result<core::User> SqliteStore::UpdateUser(const core::User& user, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(sql::kUpdateUser));
  statement->Bind(1, std::string_view(user.name));
  statement->Bind(2, core::ToString(user.role));
  statement->Bind(3, std::string_view(user.password_hash));
  statement->Bind(4, static_cast<int64_t>(user.disabled));
  statement->Bind(5, user.id);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  if (connection_->Changes() == 0)
    return core::Error::NotFound("no user " + std::to_string(user.id));
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("update", "users", user.id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return GetUser(user.id);
}

Result<int64_t> SqliteStore::CountUsers() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(sql::kCountUsers));
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
  int64_t count = has_row ? statement->Int64(0) : 0;
  statement->Reset();
  return count;
}

Result<void> SqliteStore::CreateSession(const core::Session& session) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * expired, connection_->Prepare(sql::kDeleteExpiredSessions));
  expired->Bind(1, core::ToEpochMillis(session.created_at));
  DEBRIEF_RETURN_IF_ERROR(expired->Run());
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(sql::kInsertSession));
  statement->Bind(1, std::string_view(session.token_hash));
  statement->Bind(2, session.user_id);
  statement->Bind(3, std::string_view(session.csrf_token));
  statement->Bind(4, core::ToEpochMillis(session.created_at));
  statement->Bind(5, core::ToEpochMillis(session.expires_at));
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  return scope.Commit();
}

Result<core::Session> SqliteStore::FindSession(std::string_view token_hash, core::Timestamp now) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(sql::kFindSession));
  statement->Bind(1, token_hash);
  statement->Bind(2, core::ToEpochMillis(now));
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::Unauthenticated("the session has ended; sign in again");
  core::Session session;
  session.token_hash = std::string(statement->Text(0));
  session.user_id = statement->Int64(1);
  session.csrf_token = std::string(statement->Text(2));
  session.created_at = core::FromEpochMillis(statement->Int64(3));
  session.expires_at = core::FromEpochMillis(statement->Int64(4));
  statement->Reset();
  return session;
}

Result<void> SqliteStore::DeleteSession(std::string_view token_hash) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(sql::kDeleteSession));
  statement->Bind(1, token_hash);
  return statement->Run();
}

Result<core::PublishedVersion> SqliteStore::Publish(const core::Incident& incident,
                                                    int64_t expected_version, std::string snapshot,
                                                    const Change& change) {
  if (!change.actor_id)
    return core::Error::InvalidArgument("publishing needs the person who does it");
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident stored,
                           UpdateIncident(incident, expected_version, change));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(sql::kInsertPublishedVersion));
  core::PublishedVersion version;
  version.incident_id = stored.id;
  version.published_at = clock_.Now();
  version.published_by = *change.actor_id;
  statement->Bind(1, stored.id);
  statement->Bind(2, core::ToEpochMillis(version.published_at));
  statement->Bind(3, *change.actor_id);
  statement->Bind(4, std::string_view(snapshot));
  DEBRIEF_ASSIGN_OR_RETURN(bool inserted, statement->Step());
  if (!inserted) return core::Error::Internal("published version insert returned no row");
  version.id = statement->Int64(0);
  version.number = statement->Int64(1);
  statement->Reset();
  version.snapshot = std::move(snapshot);
  DEBRIEF_RETURN_IF_ERROR(
      AuditWrite("publish", "published_versions", version.id, stored.id,
                 {change.actor_id, "{\"number\":" + std::to_string(version.number) + "}"}));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return version;
}

Result<std::vector<core::PublishedVersion>> SqliteStore::ListPublishedVersions(
    int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(sql::kListPublishedVersions));
  statement->Bind(1, incident_id);
  std::vector<core::PublishedVersion> versions;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    versions.push_back({statement->Int64(0),
                        statement->Int64(1),
                        statement->Int64(2),
                        core::FromEpochMillis(statement->Int64(3)),
                        statement->Int64(4),
                        {}});
  }
  statement->Reset();
  return versions;
}

Result<core::PublishedVersion> SqliteStore::GetPublishedVersion(int64_t incident_id,
                                                                int64_t number) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(sql::kGetPublishedVersion));
  statement->Bind(1, incident_id);
  statement->Bind(2, number);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) {
    statement->Reset();
    return core::Error::NotFound("there is no published version " + std::to_string(number));
  }
  core::PublishedVersion version{statement->Int64(0), statement->Int64(1),
                                 statement->Int64(2), core::FromEpochMillis(statement->Int64(3)),
                                 statement->Int64(4), std::string(statement->Text(5))};
  statement->Reset();
  return version;
}

Result<std::vector<core::AuditEntry>> SqliteStore::ListAudit(const AuditQuery& query) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(sql::kListAudit));
  BindOptionalInt(*statement, 1, query.incident_id);
  BindOptionalInt(*statement, 2, query.before_id);
  statement->Bind(3, static_cast<int64_t>(query.limit));
  std::vector<core::AuditEntry> entries;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    core::AuditEntry entry;
    entry.id = statement->Int64(0);
    entry.at = core::FromEpochMillis(statement->Int64(1));
    if (!statement->IsNull(2)) entry.actor_id = statement->Int64(2);
    entry.action = std::string(statement->Text(3));
    entry.entity = std::string(statement->Text(4));
    entry.entity_id = statement->Int64(5);
    if (!statement->IsNull(6)) entry.incident_id = statement->Int64(6);
    entry.diff_json = std::string(statement->Text(7));
    entries.push_back(std::move(entry));
  }
  return entries;
}

Result<std::unique_ptr<EventImport>> SqliteStore::BeginEventImport(int64_t incident_id) {
  return SqliteEventImport::Begin(*connection_, clock_, incident_id);
}

Result<int64_t> SqliteStore::IncidentGeneration(int64_t incident_id) {
  return ReadIncidentGeneration(*connection_, incident_id);
}

Result<std::optional<EventChanges>> SqliteStore::EventChangesSince(int64_t incident_id,
                                                                   int64_t since) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(sql::kIncidentChangesSince));
  statement->Bind(1, incident_id);
  statement->Bind(2, since);
  statement->Bind(3, sql::kMostChangesRead + 1);
  EventChanges changes;
  // Kept in the order written, each id once: a later entry about an id wins.
  std::vector<std::pair<int64_t, bool>> touched;  // (id, deleted)
  int64_t read = 0;
  bool describable = true;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    if (++read > sql::kMostChangesRead) {
      describable = false;
      break;
    }
    if (statement->Text(1) != core::TimelineEvent::kCollection) continue;
    std::string_view action = statement->Text(0);
    int64_t id = statement->Int64(2);
    if (action == "import") {
      // The unit its events point to; an import that added nothing changed nothing. An entry
      // written before imports were kept as units says it added events but not where they are.
      int64_t added = statement->Int64(3);
      int64_t unit = statement->IsNull(4) ? id : statement->Int64(4);
      if (added > 0 && unit <= 0) {
        describable = false;
        break;
      }
      if (added > 0) changes.imports.push_back(unit);
    } else if (action == "create" || action == "update" || action == "delete") {
      touched.emplace_back(id, action == "delete");
    } else {
      describable = false;
      break;
    }
  }
  statement->Reset();
  if (!describable) return std::optional<EventChanges>();
  std::stable_sort(touched.begin(), touched.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t index = 0; index < touched.size(); ++index) {
    bool last_of_id =
        index + 1 == touched.size() || touched[index + 1].first != touched[index].first;
    if (!last_of_id) continue;
    (touched[index].second ? changes.deleted : changes.written).push_back(touched[index].first);
  }
  return std::optional<EventChanges>(std::move(changes));
}

}  // namespace debrief::store::sqlite
