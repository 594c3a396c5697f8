// The library answers the same on PostgreSQL as on SQLite: the same reviews indexed in both, then
// the searches readers make (words, stems, phrases, prefixes, exclusions, filters with their
// facets, the anonymised copy, newest first, pages), related reviews, lessons and anniversaries,
// compared whole — hits in order with their scores and snippets, totals and facet counts.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_store.h"
#include "support/postgres_database.h"

namespace debrief::store {
namespace {

core::Timestamp At(const char* text) { return *core::ParseRfc3339(text); }

std::string Describe(const LibraryHit& hit) {
  char score[40];
  std::snprintf(score, sizeof(score), "%.17g", hit.score);
  std::string text = hit.key + " " + score + " " + hit.title + " | " + hit.summary + " |";
  for (const LibrarySnippet& snippet : hit.snippets) {
    text += " " + snippet.section + ":";
    for (const SnippetPart& part : snippet.parts)
      text += (part.match ? "[" : "") + part.text + (part.match ? "]" : "");
  }
  return text + "\n";
}

std::string Describe(const LibraryPage& page) {
  std::string text = "total " + std::to_string(page.total) + "\n";
  for (const LibraryHit& hit : page.hits) text += Describe(hit);
  for (const LibraryFacet& facet : page.facets) {
    text += facet.name + ":";
    for (const FacetCount& count : facet.counts) {
      text += " " + count.value + "=" + std::to_string(count.count);
    }
    text += "\n";
  }
  return text;
}

std::string Describe(const std::vector<LibraryHit>& hits) {
  std::string text;
  for (const LibraryHit& hit : hits) text += Describe(hit);
  return text;
}

std::string Describe(const LessonPage& page) {
  std::string text = "total " + std::to_string(page.total) + "\n";
  for (const LibraryLessonHit& hit : page.lessons) {
    text += hit.key + " " + hit.lesson.title + " | " + hit.lesson.body + "\n";
  }
  for (const FacetCount& theme : page.themes)
    text += theme.value + "=" + std::to_string(theme.count) + "\n";
  return text;
}

// Deterministic review text, varied enough that ranking, stems and phrases all have work to do.
const char* kServices[] = {"checkout", "payments", "search", "inventory", "shipping", "auth"};
const char* kCategories[] = {"detection_monitoring", "change_process", "tooling_automation",
                             "communication_coordination"};
const char* kCauses[] = {"connection pool exhaustion",  "a certificate that expired",
                         "a deploy that timed out",     "disk full on the primary",
                         "DNS answers cached too long", "a retry storm after failover"};
const char* kPeople[] = {"Priya", "Marcus", "Zoë", "Dana"};

LibraryEntry Review(int64_t incident_id, int index) {
  LibraryEntry entry;
  entry.incident_id = incident_id;
  entry.key = "INC-2026-" + std::to_string(1000 + index);
  entry.version = 1;
  entry.severity = index % 3 == 0 ? "SEV1" : (index % 3 == 1 ? "SEV2" : "SEV3");
  entry.services = {kServices[index % 6], kServices[(index / 6) % 6]};
  entry.tags = {index % 4 == 0 ? "database" : "network"};
  entry.factor_categories = {kCategories[index % 4]};
  entry.started_at = At("2024-01-01T10:00:00Z") + std::chrono::hours(24 * (index * 7 % 900));
  entry.published_at = At("2026-01-01T10:00:00Z") + std::chrono::minutes(index * 37);
  std::string cause = kCauses[index % 6];
  std::string person = kPeople[index % 4];
  for (bool anonymised : {false, true}) {
    LibraryText& text = anonymised ? entry.anonymised : entry.named;
    std::string who = anonymised ? "The on-call engineer" : person;
    text.title = std::string(kServices[index % 6]) + " errors after " + cause;
    text.summary = "Customers saw timeouts on " + std::string(kServices[index % 6]) + " for " +
                   std::to_string(10 + index % 50) + " minutes; " + cause + ".";
    text.accounts = who + ": I saw the alert, checked the dashboard and suspected " + cause +
                    ". I expected the retries to settle.";
    text.timeline = "10:0" + std::to_string(index % 10) + " alert fired\n" + who +
                    " rolled back the deploy\nerror rate recovered";
    text.decisions = "We chose to roll back rather than scale out, under time pressure.";
    text.factors = "Alerting on depth, not age; " + cause + " was not visible.";
    text.lessons = "Timeouts need owners. Pools need headroom.";
    text.actions = "Add an alert on connection pool saturation.";
    std::vector<LibraryLesson>& lessons =
        anonymised ? entry.anonymised_lessons : entry.named_lessons;
    lessons.push_back({"Pools need headroom " + std::to_string(index % 7),
                       "Size the pool for failover, not for the average day.",
                       {anonymised ? std::string("On-call engineer") : person}});
  }
  return entry;
}

TEST(LibraryParity, PostgreSQLAnswersAsSQLiteDoes) {
  auto cluster = testing::PostgresCluster();
  if (!cluster) GTEST_SKIP() << "no PostgreSQL cluster here";
  std::string name = testing::PostgresDatabaseName("library-parity-" + std::to_string(::getpid()));
  ASSERT_TRUE(testing::DropPostgresDatabase(name));
  auto conninfo = testing::PostgresDatabase(name);
  ASSERT_TRUE(conninfo) << conninfo.error().message();
  std::filesystem::path file = std::filesystem::temp_directory_path() /
                               ("debrief-library-parity-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(file);
  core::FixedClock clock(At("2026-06-01T12:00:00Z"));
  {
    auto lite = sqlite::SqliteStore::Open(file.string(), clock);
    ASSERT_TRUE(lite) << lite.error().message();
    auto pg = postgres::PostgresStore::Open(*conninfo, clock);
    ASSERT_TRUE(pg) << pg.error().message();
    std::vector<Store*> stores = {lite->get(), pg->get()};
    constexpr int kReviews = 300;
    for (Store* store : stores) {
      for (int index = 0; index < kReviews; ++index) {
        core::Incident incident;
        incident.title = "Review " + std::to_string(index);
        incident.severity = "SEV2";
        incident.created_by = 1;
        auto created = store->CreateIncident(incident, {});
        ASSERT_TRUE(created) << created.error().message();
        ASSERT_TRUE(store->IndexForLibrary(Review(created->id, index)));
      }
    }

    std::vector<LibraryQuery> queries;
    std::vector<bool> finds;  // Whether the query should find anything.
    auto add = [&](std::vector<LibraryTerm> terms, bool anonymised = false,
                   LibrarySort sort = LibrarySort::kRelevance, int offset = 0) {
      finds.push_back(!(anonymised && !terms.empty() && terms[0].words[0] == "priya"));
      LibraryQuery query;
      query.terms = std::move(terms);
      query.anonymised = anonymised;
      query.sort = sort;
      query.offset = offset;
      queries.push_back(query);
    };
    add({{{"timeout"}}});
    add({{{"timeouts"}}});
    add({{{"connection", "pool"}}});
    add({{{"pool"}}, {{"failover"}}});
    add({{{"certif"}, true}});
    add({{{"deploy"}}, {{"dns"}, false, true}});
    add({{{"priya"}}});
    add({{{"priya"}}}, true);
    add({{{"zoe"}}});
    add({{{"engineer"}}}, true);
    add({{{"alert"}}}, false, LibrarySort::kNewest);
    add({{{"alert"}}}, false, LibrarySort::kRelevance, 20);
    add({});
    add({}, true, LibrarySort::kNewest, 40);
    LibraryQuery filtered;
    filtered.terms = {{{"errors"}}};
    filtered.filters.severities = {"SEV1"};
    filtered.filters.services = {"payments", "auth"};
    filtered.filters.started_from = core::ParseDate("2024-06-01");
    filtered.filters.started_to = core::ParseDate("2025-06-01");
    queries.push_back(filtered);
    finds.push_back(true);
    LibraryQuery by_category;
    by_category.filters.factor_categories = {"change_process"};
    by_category.filters.tags = {"network"};
    queries.push_back(by_category);
    finds.push_back(true);

    for (size_t index = 0; index < queries.size(); ++index) {
      auto on_sqlite = stores[0]->SearchLibrary(queries[index]);
      auto on_postgres = stores[1]->SearchLibrary(queries[index]);
      ASSERT_TRUE(on_sqlite && on_postgres);
      EXPECT_EQ(Describe(*on_postgres), Describe(*on_sqlite)) << "query " << index;
      EXPECT_EQ(on_sqlite->total > 0, finds[index]) << "query " << index;
    }
    RelatedQuery related;
    related.incident_id = 7;
    related.services = {"checkout"};
    related.factor_categories = {"change_process"};
    related.words = {"pool", "timeouts"};
    EXPECT_EQ(Describe(*stores[1]->RelatedInLibrary(related)),
              Describe(*stores[0]->RelatedInLibrary(related)));
    LessonQuery lessons;
    lessons.terms = {{{"headroom"}}};
    EXPECT_EQ(Describe(*stores[1]->SearchLessons(lessons)),
              Describe(*stores[0]->SearchLessons(lessons)));
    lessons.terms.clear();
    lessons.theme = "detection_monitoring";
    lessons.anonymised = true;
    EXPECT_EQ(Describe(*stores[1]->SearchLessons(lessons)),
              Describe(*stores[0]->SearchLessons(lessons)));
    EXPECT_EQ(
        Describe(*stores[1]->LibraryAnniversaries(*core::ParseDate("2026-03-14"), 10, false, 10)),
        Describe(*stores[0]->LibraryAnniversaries(*core::ParseDate("2026-03-14"), 10, false, 10)));
  }
  std::filesystem::remove(file);
  for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
  (void)testing::DropPostgresDatabase(name);
}

}  // namespace
}  // namespace debrief::store
