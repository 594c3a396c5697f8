// What the PostgreSQL store does beyond the conformance suites every adapter passes: instances
// starting together on an unmigrated database, a server that goes away, text COPY carries
// unchanged, and ids that go on past a restored backup.
#include "store/postgres/postgres_store.h"

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include <gtest/gtest.h>

#include "formats/backup/backup_json.h"
#include "store/backup.h"
#include "store/library.h"
#include "store/migrations.h"
#include "store/postgres/sql.h"
#include "support/postgres_database.h"

namespace debrief::store::postgres {
namespace {

core::Timestamp At(const char* text) { return *core::ParseRfc3339(text); }

// Everything a backup holds, as its JSON form writes it.
std::string Fingerprint(const Backup& backup) {
  return boost::json::serialize(formats::EncodeBackup(backup));
}

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::PostgresCluster()) GTEST_SKIP() << "no PostgreSQL cluster here";
    name_ = testing::PostgresDatabaseName(
        std::string("postgres_store_test-") +
        ::testing::UnitTest::GetInstance()->current_test_info()->name() + "-" +
        std::to_string(::getpid()));
    ASSERT_TRUE(testing::DropPostgresDatabase(name_));
  }
  void TearDown() override {
    if (!name_.empty()) (void)testing::DropPostgresDatabase(name_);
  }

  // Publishes a review titled `title` to the library through `through`.
  void Publish(Store& through, const std::string& title) {
    core::Incident incident;
    incident.title = title;
    incident.severity = "SEV2";
    incident.created_by = 1;
    auto created = through.CreateIncident(incident, {});
    ASSERT_TRUE(created) << created.error().message();
    LibraryEntry entry;
    entry.incident_id = created->id;
    entry.key = created->key;
    entry.version = 1;
    entry.severity = "SEV2";
    entry.published_at = clock_.Now();
    entry.named.title = entry.anonymised.title = title;
    ASSERT_TRUE(through.IndexForLibrary(entry));
  }
  // How many reviews a search for `word` through `through` finds.
  int64_t Found(Store& through, const std::string& word) {
    LibraryQuery query;
    query.terms = {{{word}}};
    auto page = through.SearchLibrary(query);
    EXPECT_TRUE(page) << page.error().message();
    return page ? page->total : -1;
  }

  std::string name_;
  core::FixedClock clock_{At("2026-03-14T12:00:00Z")};
};

TEST_F(PostgresStoreTest, InstancesStartingTogetherApplyEachMigrationOnce) {
  auto conninfo = testing::PostgresDatabase(name_, /*migrated=*/false);
  ASSERT_TRUE(conninfo) << conninfo.error().message();
  constexpr int kInstances = 4;
  std::vector<std::optional<Result<std::unique_ptr<PostgresStore>>>> opened(kInstances);
  std::vector<std::thread> starting;
  for (int index = 0; index < kInstances; ++index) {
    starting.emplace_back([&, index] { opened[index] = PostgresStore::Open(*conninfo, clock_); });
  }
  for (std::thread& thread : starting) thread.join();
  auto migrations = MigrationsFor("postgres");
  ASSERT_TRUE(migrations);
  for (const auto& store : opened) {
    ASSERT_TRUE(*store) << store->error().message();
    EXPECT_EQ((**store)->schema_version(), migrations->back().version);
  }
  auto check = Connection::Open(*conninfo);
  ASSERT_TRUE(check);
  auto applied =
      (*check)->Run("SELECT count(*), count(DISTINCT version) FROM schema_migrations", {});
  ASSERT_TRUE(applied) << applied.error().message();
  EXPECT_EQ(applied->rows[0][0], std::to_string(migrations->size()));
  EXPECT_EQ(applied->rows[0][1], std::to_string(migrations->size()));
}

TEST_F(PostgresStoreTest, AMigrationChangedAfterItWasAppliedIsRefused) {
  auto conninfo = testing::PostgresDatabase(name_);
  ASSERT_TRUE(conninfo) << conninfo.error().message();
  auto check = Connection::Open(*conninfo);
  ASSERT_TRUE(check);
  ASSERT_TRUE((*check)->Execute("UPDATE schema_migrations SET checksum = 'f00' WHERE version = 1"));
  auto opened = PostgresStore::Open(*conninfo, clock_);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), core::ErrorCode::kFailedPrecondition);
  EXPECT_NE(opened.error().message().find("append-only"), std::string::npos);
}

TEST_F(PostgresStoreTest, AServerThatGoesAwayIsUnavailableNotACrash) {
  auto conninfo = testing::PostgresDatabase(name_);
  ASSERT_TRUE(conninfo) << conninfo.error().message();
  auto store = PostgresStore::Open(*conninfo, clock_);
  ASSERT_TRUE(store) << store.error().message();
  core::Incident incident;
  incident.title = "Checkout errors";
  incident.severity = "SEV2";
  incident.created_by = 1;
  ASSERT_TRUE((*store)->CreateIncident(incident, {}));
  // The server ends every other connection to the database, as a restart or failover does.
  ASSERT_TRUE(testing::DropPostgresDatabase(name_));
  auto ping = (*store)->Ping();
  ASSERT_FALSE(ping);
  EXPECT_EQ(ping.error().code(), core::ErrorCode::kUnavailable) << ping.error().message();
  auto write = (*store)->CreateIncident(incident, {});
  ASSERT_FALSE(write);
  EXPECT_EQ(write.error().code(), core::ErrorCode::kUnavailable) << write.error().message();
}

TEST_F(PostgresStoreTest, ImportedTextArrivesByteForByte) {
  auto conninfo = testing::PostgresDatabase(name_);
  ASSERT_TRUE(conninfo) << conninfo.error().message();
  auto store = PostgresStore::Open(*conninfo, clock_);
  ASSERT_TRUE(store) << store.error().message();
  core::Incident incident;
  incident.title = "Checkout errors";
  incident.severity = "SEV2";
  incident.created_by = 1;
  auto created = (*store)->CreateIncident(incident, {});
  ASSERT_TRUE(created);
  // What COPY's text format gives meaning to: tabs, line ends, backslashes, \N and \.
  std::vector<std::string> texts = {"tab\there", "line\nbreak\r\n", "back\\slash",    "\\N",
                                    "\\.",       "end\\",           "naïve — ✓ 日本", ""};
  auto import = (*store)->BeginEventImport(created->id);
  ASSERT_TRUE(import);
  std::vector<core::TimelineEvent> events;
  for (size_t index = 0; index < texts.size(); ++index) {
    core::TimelineEvent event;
    event.at = At("2026-03-14T10:00:00Z");
    event.kind = core::EventKind::kCommunication;
    event.text = texts[index];
    event.actor = texts[index];
    event.source = "import:jsonl:" + std::to_string(index);
    event.visible_to = {"all", texts[index]};
    events.push_back(event);
  }
  ASSERT_TRUE((*import)->Add(events));
  auto counts = (*import)->Commit({}, {"jsonl", "escapes"});
  ASSERT_TRUE(counts) << counts.error().message();
  EXPECT_EQ(counts->added, static_cast<int64_t>(texts.size()));
  auto listed = (*store)->events().List(created->id);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), texts.size());
  for (size_t index = 0; index < texts.size(); ++index) {
    EXPECT_EQ((*listed)[index].text, texts[index]);
    EXPECT_EQ((*listed)[index].actor, texts[index]);
    EXPECT_EQ((*listed)[index].visible_to, (std::vector<std::string>{"all", texts[index]}));
  }
}

TEST_F(PostgresStoreTest, InvalidUtf8IsRefusedAndLosesNothing) {
  auto conninfo = testing::PostgresDatabase(name_);
  ASSERT_TRUE(conninfo) << conninfo.error().message();
  auto store = PostgresStore::Open(*conninfo, clock_);
  ASSERT_TRUE(store) << store.error().message();
  core::Incident incident;
  incident.title = "Checkout errors";
  incident.severity = "SEV2";
  incident.created_by = 1;
  auto created = (*store)->CreateIncident(incident, {});
  ASSERT_TRUE(created);
  core::TimelineEvent event;
  event.incident_id = created->id;
  event.at = At("2026-03-14T10:00:00Z");
  event.kind = core::EventKind::kObservation;
  event.text = "fine";
  event.source = "manual";
  ASSERT_TRUE((*store)->events().Insert(event, {}));
  event.text = "bad \xff byte";
  auto refused = (*store)->events().Insert(event, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kInvalidArgument);
  // The store goes on: the refused write left no transaction open behind it.
  event.text = "after";
  ASSERT_TRUE((*store)->events().Insert(event, {}));
  EXPECT_EQ((*store)->events().List(created->id)->size(), 2u);
}

TEST_F(PostgresStoreTest, IdsGoOnPastARestoredBackup) {
  auto conninfo = testing::PostgresDatabase(name_);
  ASSERT_TRUE(conninfo) << conninfo.error().message();
  auto store = PostgresStore::Open(*conninfo, clock_);
  ASSERT_TRUE(store) << store.error().message();
  Backup backup;
  core::User user;
  user.id = 40;
  user.email = "priya@example.com";
  user.name = "Priya";
  user.role = core::Role::kAdmin;
  user.password_hash = "$argon2id$fake";
  user.version = 1;
  backup.users.push_back(user);
  IncidentBackup incident;
  incident.incident.id = 70;
  incident.incident.version = 3;
  incident.incident.key = "INC-2026-0012";
  incident.incident.title = "Restored";
  incident.incident.severity = "SEV2";
  incident.incident.created_by = 40;
  core::TimelineEvent event;
  event.id = 900;
  event.version = 1;
  event.at = At("2026-03-14T10:00:00Z");
  event.kind = core::EventKind::kObservation;
  event.text = "restored";
  event.source = "manual";
  incident.events.push_back(event);
  backup.incidents.push_back(incident);
  ASSERT_TRUE((*store)->Restore(backup)) << "restore";

  core::User next_user = user;
  next_user.email = "marcus@example.com";
  auto created_user = (*store)->CreateUser(next_user, {});
  ASSERT_TRUE(created_user) << created_user.error().message();
  EXPECT_GT(created_user->id, 40);
  core::Incident next = incident.incident;
  auto created = (*store)->CreateIncident(next, {});
  ASSERT_TRUE(created) << created.error().message();
  EXPECT_GT(created->id, 70);
  EXPECT_EQ(created->key, "INC-2026-0013");
  event.incident_id = created->id;
  auto added = (*store)->events().Insert(event, {});
  ASSERT_TRUE(added) << added.error().message();
  EXPECT_GT(added->id, 900);
}

// Two instances on one database: a review one publishes is found by the other on its next search,
// applied alone to the index it built once.
TEST_F(PostgresStoreTest, AReviewPublishedElsewhereIsFoundWithoutRebuildingTheIndex) {
  auto conninfo = testing::PostgresDatabase(name_);
  ASSERT_TRUE(conninfo) << conninfo.error().message();
  auto reader = PostgresStore::Open(*conninfo, clock_);
  auto writer = PostgresStore::Open(*conninfo, clock_);
  ASSERT_TRUE(reader && writer);
  Publish(**writer, "Connection pool exhausted");
  EXPECT_EQ(Found(**reader, "pool"), 1);
  EXPECT_EQ((*reader)->LibraryIndexBuilds(), 1);
  for (const char* title : {"Certificate expired", "Disk full on the pool host"}) {
    Publish(**writer, title);
  }
  EXPECT_EQ(Found(**reader, "pool"), 2);
  EXPECT_EQ(Found(**reader, "certificate"), 1);
  EXPECT_EQ((*reader)->LibraryIndexBuilds(), 1) << "changes are applied, not rebuilt";
}

// Request workers' stores are siblings of the app's: connections of their own, one library
// replica between them, so a process searches one copy however many connections it has.
TEST_F(PostgresStoreTest, SiblingsShareOneLibraryReplicaAndTheirOwnConnections) {
  auto conninfo = testing::PostgresDatabase(name_);
  ASSERT_TRUE(conninfo) << conninfo.error().message();
  auto store = PostgresStore::Open(*conninfo, clock_);
  ASSERT_TRUE(store) << store.error().message();
  auto sibling = (*store)->OpenSibling(std::chrono::milliseconds(50));
  ASSERT_TRUE(sibling) << sibling.error().message();
  auto idle = (*store)->OpenSibling(std::nullopt);  // Never searches.
  ASSERT_TRUE(idle) << idle.error().message();
  EXPECT_EQ((*sibling)->schema_version(), (*store)->schema_version());
  Publish(**store, "Queue backlog after a deploy");
  EXPECT_EQ(Found(**sibling, "backlog"), 1);
  Publish(**sibling, "Backlog of retries");
  EXPECT_EQ(Found(**store, "backlog"), 2);
  EXPECT_EQ(Found(**sibling, "retries"), 1);
  EXPECT_EQ((*store)->LibraryIndexBuilds(), 1) << "one replica for both";
  EXPECT_EQ((*sibling)->LibraryIndexBuilds(), 1);
  EXPECT_EQ((*idle)->LibraryIndexBuilds(), 1) << "the replica the others built is its own";

  // Its own connection: a transaction open on the sibling holds a lock the store then waits
  // for, which one shared connection could not.
  auto incidents = (*store)->ListIncidents({});
  ASSERT_TRUE(incidents && !incidents->incidents.empty());
  int64_t id = incidents->incidents.front().id;
  auto other = (*store)->OpenSibling(std::chrono::milliseconds(1));
  ASSERT_TRUE(other) << other.error().message();
  auto held = (*sibling)->InTransaction([&]() -> Result<void> {
    core::TimelineEvent event;
    event.incident_id = id;
    event.at = clock_.Now();
    event.kind = core::EventKind::kObservation;
    event.source = "manual";
    event.text = "written while the other waits";
    auto written = (*sibling)->events().Insert(event, {});
    EXPECT_TRUE(written) << written.error().message();
    core::TimelineEvent second = event;
    second.text = "the other's write";
    auto blocked = (*other)->events().Insert(second, {});
    EXPECT_FALSE(blocked);
    if (!blocked) {
      EXPECT_TRUE(blocked.error().busy()) << blocked.error().message();
    }
    return core::Ok();
  });
  EXPECT_TRUE(held) << held.error().message();
}

// The review rules are read by every incident answer: an instance keeps a copy while it hears
// every commit to them. A write through the instance is seen at once; a write through another
// instance as soon as its notification arrives; and while the listener's connection is lost,
// nothing is answered from a copy that could have missed a commit.
class ReviewRulesCopyTest : public PostgresStoreTest {
 protected:
  // Reads of the rules through the store that went to the database.
  std::shared_ptr<std::atomic<int>> database_reads_ = std::make_shared<std::atomic<int>>(0);

  Result<std::unique_ptr<PostgresStore>> OpenCounting(const std::string& conninfo) {
    PostgresStore::Options options;
    options.connection.observer = [reads = database_reads_](std::string_view sql,
                                                            std::chrono::nanoseconds) {
      if (sql == Sql::kListReviewRules) ++*reads;
    };
    return PostgresStore::Open(conninfo, clock_, options);
  }
  // Reads through `store` until they stop reaching the database (the listener is in force).
  bool ReadsFromTheCopy(Store& store) {
    for (int attempt = 0; attempt < 500; ++attempt) {
      int before = database_reads_->load();
      if (!store.ListReviewRules()) return false;
      if (database_reads_->load() == before) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  // Whether a read through `store` shows a rule for `severity` within five seconds.
  static bool ShowsWithin(Store& store, const std::string& severity, bool present = true) {
    for (int attempt = 0; attempt < 500; ++attempt) {
      auto rules = store.ListReviewRules();
      if (rules && std::ranges::any_of(*rules, [&](const core::ReviewRule& rule) {
                     return rule.severity == severity;
                   }) == present) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  static core::ReviewRule RuleFor(const std::string& severity) {
    core::ReviewRule rule;
    rule.severity = severity;
    rule.review_required = true;
    rule.due_business_days = 7;
    return rule;
  }
};

TEST_F(ReviewRulesCopyTest, WritesHereAreSeenAtOnceAndWritesElsewhereSoon) {
  auto conninfo = testing::PostgresDatabase(name_);
  ASSERT_TRUE(conninfo) << conninfo.error().message();
  auto here = OpenCounting(*conninfo);
  ASSERT_TRUE(here) << here.error().message();
  auto worker = (*here)->OpenSibling(std::nullopt);
  auto elsewhere = PostgresStore::Open(*conninfo, clock_);  // Another instance.
  ASSERT_TRUE(worker && elsewhere);
  ASSERT_TRUE(ReadsFromTheCopy(**here)) << "the copy is never used";
  int reads = database_reads_->load();
  for (int index = 0; index < 20; ++index) ASSERT_TRUE((*here)->ListReviewRules());
  EXPECT_EQ(database_reads_->load(), reads);

  // Through a sibling: the very next read anywhere in the process sees it, no waiting.
  ASSERT_TRUE((*worker)->PutReviewRule(RuleFor("SEV3"), 0, {}));
  auto after = (*here)->ListReviewRules();
  ASSERT_TRUE(after);
  EXPECT_TRUE(std::ranges::any_of(*after, [](auto& rule) { return rule.severity == "SEV3"; }));
  ASSERT_TRUE((*here)->DeleteReviewRule("SEV3", 1, {}));
  EXPECT_TRUE(ShowsWithin(**worker, "SEV3", /*present=*/false));

  // Through another instance: its commit's notification drops the copy here.
  ASSERT_TRUE(ReadsFromTheCopy(**here));
  ASSERT_TRUE((*elsewhere)->PutReviewRule(RuleFor("SEV4"), 0, {}));
  EXPECT_TRUE(ShowsWithin(**here, "SEV4"));
  // A rolled-back write notifies nothing and changes nothing.
  auto rolled_back = (*elsewhere)->InTransaction([&]() -> Result<void> {
    DEBRIEF_RETURN_IF_ERROR((*elsewhere)->PutReviewRule(RuleFor("SEV5"), 0, {}));
    return core::Error::Internal("changed my mind");
  });
  EXPECT_FALSE(rolled_back);
  auto rules = (*here)->ListReviewRules();
  ASSERT_TRUE(rules);
  EXPECT_FALSE(std::ranges::any_of(*rules, [](auto& rule) { return rule.severity == "SEV5"; }));
}

TEST_F(ReviewRulesCopyTest, ALostListenerStopsTheCopyUntilItListensAgain) {
  auto conninfo = testing::PostgresDatabase(name_);
  ASSERT_TRUE(conninfo) << conninfo.error().message();
  auto here = OpenCounting(*conninfo);
  auto elsewhere = PostgresStore::Open(*conninfo, clock_);
  ASSERT_TRUE(here && elsewhere);
  ASSERT_TRUE(ReadsFromTheCopy(**here));
  // The listener's session is ended by the server, as a restart or a network fault would.
  auto admin = Connection::Open(*conninfo);
  ASSERT_TRUE(admin) << admin.error().message();
  auto ended = (*admin)->Run(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
      "WHERE datname = current_database() AND query LIKE 'LISTEN %'",
      {});
  ASSERT_TRUE(ended) << ended.error().message();
  ASSERT_EQ(ended->rows.size(), 1u) << "one listener per instance that read the rules";
  // A write while it may not be listening is still seen here, from the database.
  ASSERT_TRUE((*elsewhere)->PutReviewRule(RuleFor("SEV3"), 0, {}));
  EXPECT_TRUE(ShowsWithin(**here, "SEV3"));
  // It connects again (after a second's pause) and the copy is used again, exact.
  EXPECT_TRUE(ReadsFromTheCopy(**here));
  ASSERT_TRUE((*elsewhere)->PutReviewRule(RuleFor("SEV4"), 0, {}));
  EXPECT_TRUE(ShowsWithin(**here, "SEV4"));
}

// A deployment's two kinds of backup, each restored into an empty database: PostgreSQL's own
// (pg_dump, then pg_restore), and debrief's JSON form (store::ReadBackup, then Restore). Both
// give back everything, and the next incident's key follows on.
TEST_F(PostgresStoreTest, BothKindsOfBackupRestoreIntoAnEmptyDatabase) {
  auto conninfo = testing::PostgresDatabase(name_);
  ASSERT_TRUE(conninfo) << conninfo.error().message();
  std::string json_before;
  {
    auto store = PostgresStore::Open(*conninfo, clock_);
    ASSERT_TRUE(store) << store.error().message();
    for (int index = 0; index < 3; ++index) {
      core::Incident incident;
      incident.title = "Checkout errors " + std::to_string(index);
      incident.severity = "SEV2";
      incident.created_by = 1;
      auto created = (*store)->CreateIncident(incident, {});
      ASSERT_TRUE(created);
      core::TimelineEvent event;
      event.incident_id = created->id;
      event.at = At("2026-03-14T10:00:00Z");
      event.kind = core::EventKind::kAlert;
      event.text = "5xx above 2%";
      event.source = "manual";
      ASSERT_TRUE((*store)->events().Insert(event, {}));
    }
    auto backup = ReadBackup(**store);
    ASSERT_TRUE(backup) << backup.error().message();
    json_before = Fingerprint(*backup);
  }
  std::string folder = *testing::PostgresCluster();
  std::string dump = "/tmp/debrief-dump-" + std::to_string(::getpid());
  std::string bin = DEBRIEF_PG_BINDIR;
  ASSERT_EQ(
      std::system(
          (bin + "/pg_dump -Fc -h " + folder + " -U debrief -f " + dump + " " + name_).c_str()),
      0);
  std::string restored = name_ + "_r";
  ASSERT_TRUE(testing::DropPostgresDatabase(restored));
  ASSERT_TRUE(testing::PostgresDatabase(restored, /*migrated=*/false));
  ASSERT_EQ(
      std::system(
          (bin + "/pg_restore -h " + folder + " -U debrief -d " + restored + " " + dump).c_str()),
      0);
  std::remove(dump.c_str());
  std::string json_restored = name_ + "_j";
  ASSERT_TRUE(testing::DropPostgresDatabase(json_restored));
  for (const std::string& database : {restored, json_restored}) {
    auto target = testing::PostgresDatabase(database, /*migrated=*/database == json_restored);
    ASSERT_TRUE(target) << target.error().message();
    auto store = PostgresStore::Open(*target, clock_);
    ASSERT_TRUE(store) << database << ": " << store.error().message();
    if (database == json_restored) {
      auto source = PostgresStore::Open(*conninfo, clock_);
      ASSERT_TRUE(source);
      auto backup = ReadBackup(**source);
      ASSERT_TRUE(backup);
      ASSERT_TRUE((*store)->Restore(*backup));
    }
    auto backup = ReadBackup(**store);
    ASSERT_TRUE(backup) << backup.error().message();
    EXPECT_EQ(Fingerprint(*backup), json_before) << database;
    core::Incident next;
    next.title = "After the restore";
    next.severity = "SEV3";
    next.created_by = 1;
    auto created = (*store)->CreateIncident(next, {});
    ASSERT_TRUE(created) << created.error().message();
    EXPECT_EQ(created->key, "INC-2026-0004") << database;
    store->reset();
    (void)testing::DropPostgresDatabase(database);
  }
}

}  // namespace
}  // namespace debrief::store::postgres
