// The library (store/library.h) every adapter must provide: ranking, snippets, filters and facet
// counts, the anonymised copy searched on its own, related reviews, lessons, anniversaries, and
// query text that can never act as query syntax.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <thread>

#include "store/adapters.h"
#include "store/sqlite/library_index.h"

namespace debrief::store {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

core::Timestamp At(const char* text) { return *core::ParseRfc3339(text); }

LibraryTerm Word(std::string word, bool prefix = false) { return {{std::move(word)}, prefix}; }
LibraryTerm Without(std::string word) { return {{std::move(word)}, false, true}; }
LibraryTerm Phrase(std::vector<std::string> words) { return {std::move(words)}; }

std::vector<std::string> Keys(const std::vector<LibraryHit>& hits) {
  std::vector<std::string> keys;
  for (const LibraryHit& hit : hits) keys.push_back(hit.key);
  return keys;
}

std::vector<std::string> Keys(const LibraryPage& page) { return Keys(page.hits); }

int64_t CountOf(const LibraryPage& page, std::string_view facet, std::string_view value) {
  for (const LibraryFacet& candidate : page.facets) {
    if (candidate.name != facet) continue;
    for (const FacetCount& count : candidate.counts) {
      if (count.value == value) return count.count;
    }
  }
  return 0;
}

class LibraryConformance : public ::testing::TestWithParam<Adapter> {
 protected:
  void SetUp() override {
    if (auto why = GetParam().unavailable()) GTEST_SKIP() << *why;
    // A parameterised test is named "Case/0": one folder per case, not a folder in a folder
    // that removing the inner one would leave behind.
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '-');
    directory_ = std::filesystem::temp_directory_path() /
                 ("debrief-library-" + std::to_string(::getpid()) + "-" + name);
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    store_ = Open();
  }
  void TearDown() override {
    store_.reset();
    if (directory_.empty()) return;  // Skipped before it began.
    GetParam().remove(directory_);
    std::filesystem::remove_all(directory_);
  }

  std::unique_ptr<Store> Open() {
    auto opened = GetParam().open(directory_, clock_);
    EXPECT_TRUE(opened) << opened.error().message();
    return opened ? std::move(*opened) : nullptr;
  }

  // An incident and its library entry; the anonymised copy replaces "Priya" with a label.
  LibraryEntry Add(std::string title, std::string summary, std::string severity = "SEV2",
                   std::vector<std::string> services = {"checkout"},
                   std::vector<std::string> categories = {}, const char* started = nullptr,
                   const char* published = "2026-03-14T12:00:00Z") {
    core::Incident incident;
    incident.title = title;
    incident.severity = severity;
    incident.created_by = 1;
    auto created = store_->CreateIncident(incident, {});
    EXPECT_TRUE(created) << created.error().message();
    LibraryEntry entry;
    entry.incident_id = created->id;
    entry.key = created->key;
    entry.version = 1;
    entry.severity = std::move(severity);
    entry.services = std::move(services);
    entry.factor_categories = std::move(categories);
    if (started) entry.started_at = At(started);
    entry.published_at = At(published);
    entry.named.title = title;
    entry.named.summary = summary;
    entry.anonymised = entry.named;
    auto anonymise = [](std::string& text) {
      for (size_t at = text.find("Priya"); at != std::string::npos; at = text.find("Priya")) {
        text.replace(at, 5, "on-call engineer A");
      }
    };
    anonymise(entry.anonymised.title);
    anonymise(entry.anonymised.summary);
    Put(entry);
    return entry;
  }

  void Put(const LibraryEntry& entry) {
    auto put = store_->IndexForLibrary(entry);
    ASSERT_TRUE(put) << put.error().message();
  }

  LibraryPage Search(LibraryQuery query) {
    auto page = store_->SearchLibrary(query);
    EXPECT_TRUE(page) << page.error().message();
    return page ? *page : LibraryPage{};
  }

  LibraryPage Search(std::vector<LibraryTerm> terms) {
    LibraryQuery query;
    query.terms = std::move(terms);
    return Search(query);
  }

  std::filesystem::path directory_;
  core::FixedClock clock_{At("2026-11-24T09:00:00Z")};
  std::unique_ptr<Store> store_;
};

TEST_P(LibraryConformance, TitlesOutrankBodiesAndStemsMatch) {
  LibraryEntry body = Add("Checkout errors", "The payment gateway had timeouts for an hour.");
  LibraryEntry title = Add("Payment gateway timeout", "Checkout failed.");
  Add("Search index lag", "Nothing about payments.");
  LibraryPage page = Search({Word("timeouts")});  // Stemmed: "timeout" matches too.
  EXPECT_EQ(page.total, 2);
  EXPECT_THAT(Keys(page), ElementsAre(title.key, body.key));
  EXPECT_GT(page.hits[0].score, page.hits[1].score);
}

TEST_P(LibraryConformance, SnippetsMarkWhatMatched) {
  LibraryEntry entry = Add("Checkout errors",
                           "First the cache warmed. Then the payment gateway "
                           "returned timeouts to every third request.");
  LibraryPage page = Search({Word("gateway")});
  ASSERT_EQ(page.hits.size(), 1u);
  ASSERT_EQ(page.hits[0].snippets.size(), 1u);
  const LibrarySnippet& snippet = page.hits[0].snippets[0];
  EXPECT_EQ(snippet.section, "summary");
  std::vector<std::string> matched;
  std::string text;
  for (const SnippetPart& part : snippet.parts) {
    if (part.match) matched.push_back(part.text);
    text += part.text;
  }
  EXPECT_THAT(matched, ElementsAre("gateway"));
  EXPECT_NE(text.find("payment gateway returned"), std::string::npos) << text;
  EXPECT_EQ(page.hits[0].summary.substr(0, 15), "First the cache");
}

TEST_P(LibraryConformance, PhrasesPrefixesAndExclusions) {
  LibraryEntry pool = Add("Connection pool exhausted", "The pool of connections ran out.");
  Add("Pool heater", "A connection was slow; unrelated pool.");  // Both words, not together.
  LibraryEntry deploy = Add("Bad deploy", "The deployment rolled back in staging.");
  EXPECT_THAT(Keys(Search({Phrase({"connection", "pool"})})), ElementsAre(pool.key));
  EXPECT_THAT(Keys(Search({Word("deplo", true)})), ElementsAre(deploy.key));
  EXPECT_THAT(Keys(Search({Word("pool"), Without("heater")})), ElementsAre(pool.key));
  EXPECT_EQ(Search({Word("pool")}).total, 2);
}

TEST_P(LibraryConformance, WhatPeopleTypeIsNeverQuerySyntax) {
  Add("NEAR the OR gate", "AND NOT: a \"quoted\" * thing (with parens) and col:on");
  for (const char* typed : {"NEAR(", "OR", "\"", "*", "col:on", "(", "NOT", "a\"b", "^x", "+"}) {
    LibraryQuery query;
    query.terms = {Word(typed)};
    auto page = store_->SearchLibrary(query);
    EXPECT_TRUE(page) << typed << ": " << page.error().message();
  }
  EXPECT_EQ(Search({Word("NEAR")}).total, 1);
  EXPECT_EQ(Search({Word("parens")}).total, 1);
  EXPECT_EQ(sqlite::FtsExpression({Word("a\"b")}), "\"a\"\"b\"");
  EXPECT_EQ(sqlite::FtsExpression({Without("x")}), "");
}

TEST_P(LibraryConformance, FiltersCombineAndFacetsCountTheOtherChoices) {
  Add("Checkout latency", "latency", "SEV1", {"checkout", "payments"}, {"capacity"});
  Add("Search latency", "latency", "SEV2", {"search"}, {"capacity", "design"});
  Add("Checkout latency again", "latency", "SEV2", {"checkout"}, {"change_process"});
  Add("Unrelated", "nothing", "SEV3", {"checkout"});

  LibraryQuery query;
  query.terms = {Word("latency")};
  query.filters.severities = {"SEV2"};
  LibraryPage page = Search(query);
  EXPECT_EQ(page.total, 2);
  // The severity facet ignores its own filter: SEV1 still shows what choosing it would give.
  EXPECT_EQ(CountOf(page, "severity", "SEV1"), 1);
  EXPECT_EQ(CountOf(page, "severity", "SEV2"), 2);
  EXPECT_EQ(CountOf(page, "severity", "SEV3"), 0);  // The text does not match it.
  // Other facets count within the chosen severity.
  EXPECT_EQ(CountOf(page, "service", "checkout"), 1);
  EXPECT_EQ(CountOf(page, "service", "search"), 1);
  EXPECT_EQ(CountOf(page, "service", "payments"), 0);
  EXPECT_EQ(CountOf(page, "factor_category", "capacity"), 1);

  query.filters.services = {"checkout", "search"};  // Any of them.
  query.filters.factor_categories = {"change_process"};
  page = Search(query);
  EXPECT_THAT(Keys(page), ElementsAre("INC-2026-0003"));
  EXPECT_EQ(CountOf(page, "factor_category", "capacity"), 1);
  // A value nobody has matches nothing, and is still listed (with 0) as chosen.
  query.filters.tags = {"no-such-tag"};
  page = Search(query);
  EXPECT_EQ(page.total, 0);
  EXPECT_EQ(CountOf(page, "tag", "no-such-tag"), 0);
}

TEST_P(LibraryConformance, DatesBoundTheDayTheIncidentStarted) {
  Add("March", "disk", "SEV2", {"db"}, {}, "2026-03-01T23:30:00Z");
  Add("April", "disk", "SEV2", {"db"}, {}, "2026-04-02T00:10:00Z");
  Add("Undated", "disk");
  LibraryQuery query;
  query.terms = {Word("disk")};
  query.filters.started_from = core::ParseDate("2026-03-01");
  query.filters.started_to = core::ParseDate("2026-03-31");
  EXPECT_THAT(Keys(Search(query)), ElementsAre("INC-2026-0001"));
  query.filters.started_to.reset();
  EXPECT_EQ(Search(query).total, 2);
}

TEST_P(LibraryConformance, BrowsingIsNewestFirstAndPaged) {
  Add("Old", "a", "SEV2", {"x"}, {}, nullptr, "2025-01-01T00:00:00Z");
  Add("Newest", "b", "SEV2", {"x"}, {}, nullptr, "2026-06-01T00:00:00Z");
  Add("Middle", "c", "SEV2", {"x"}, {}, nullptr, "2025-06-01T00:00:00Z");
  LibraryQuery query;
  query.limit = 2;
  LibraryPage first = Search(query);
  EXPECT_EQ(first.total, 3);
  ASSERT_EQ(first.hits.size(), 2u);
  EXPECT_EQ(first.hits[0].title, "Newest");
  EXPECT_EQ(first.hits[1].title, "Middle");
  EXPECT_THAT(first.hits[0].snippets, IsEmpty());
  query.offset = 2;
  LibraryPage second = Search(query);
  ASSERT_EQ(second.hits.size(), 1u);
  EXPECT_EQ(second.hits[0].title, "Old");
  query.offset = 50;
  EXPECT_THAT(Search(query).hits, IsEmpty());
}

TEST_P(LibraryConformance, TheAnonymisedCopyIsSearchedOnItsOwn) {
  Add("Priya restarted the queue", "Priya saw the backlog grow.");
  LibraryQuery query;
  query.terms = {Word("priya")};
  EXPECT_EQ(Search(query).total, 1);
  query.anonymised = true;
  EXPECT_EQ(Search(query).total, 0);  // A viewer cannot find who took part.
  query.terms = {Word("backlog")};
  LibraryPage page = Search(query);
  ASSERT_EQ(page.hits.size(), 1u);
  EXPECT_EQ(page.hits[0].title, "on-call engineer A restarted the queue");
  for (const LibrarySnippet& snippet : page.hits[0].snippets) {
    for (const SnippetPart& part : snippet.parts) {
      EXPECT_EQ(part.text.find("Priya"), std::string::npos);
    }
  }
}

TEST_P(LibraryConformance, IndexingAgainReplacesTheEntry) {
  LibraryEntry entry = Add("Checkout errors", "The cache was cold.");
  entry.version = 2;
  entry.named.summary = "The cache was warm, the database was not.";
  entry.anonymised.summary = entry.named.summary;
  entry.severity = "SEV1";
  Put(entry);
  EXPECT_EQ(Search({Word("cold")}).total, 0);
  LibraryPage page = Search({Word("database")});
  ASSERT_EQ(page.hits.size(), 1u);
  EXPECT_EQ(page.hits[0].version, 2);
  EXPECT_EQ(page.hits[0].severity, "SEV1");
  EXPECT_EQ(Search(LibraryQuery{}).total, 1);
}

TEST_P(LibraryConformance, OrderHoldsWhateverOrderReviewsArePublishedIn) {
  LibraryEntry old =
      Add("Old queue stall", "queue", "SEV2", {"x"}, {}, nullptr, "2025-01-01T00:00:00Z");
  Add("Newest queue stall", "queue", "SEV2", {"x"}, {}, nullptr, "2026-06-01T00:00:00Z");
  Add("Middle queue stall", "queue", "SEV2", {"x"}, {}, nullptr, "2025-06-01T00:00:00Z");
  auto titles = [&](LibraryQuery query) {
    std::vector<std::string> out;
    for (const LibraryHit& hit : Search(query).hits) out.push_back(hit.title);
    return out;
  };
  LibraryQuery browse;
  LibraryQuery newest_words;
  newest_words.terms = {Word("queue")};
  newest_words.sort = LibrarySort::kNewest;
  EXPECT_THAT(titles(browse),
              ElementsAre("Newest queue stall", "Middle queue stall", "Old queue stall"));
  // Publishing the old review again makes it the newest.
  old.version = 2;
  old.published_at = At("2026-09-01T00:00:00Z");
  Put(old);
  // Two more, the later-created one first, so the earlier one's entry is placed between.
  core::Incident incident;
  incident.title = "placeholder";
  incident.created_by = 1;
  auto earlier = store_->CreateIncident(incident, {});
  auto later = store_->CreateIncident(incident, {});
  ASSERT_TRUE(earlier && later);
  for (const auto& [created, title] : {std::pair{*later, "Later replication lag"},
                                       std::pair{*earlier, "Earlier replication lag"}}) {
    LibraryEntry entry;
    entry.incident_id = created.id;
    entry.key = created.key;
    entry.version = 1;
    entry.severity = "SEV3";
    entry.published_at = At("2024-01-01T00:00:00Z");
    entry.named.title = title;
    entry.named.summary = "queue replication lag";
    entry.anonymised = entry.named;
    Put(entry);
  }
  // Published at the same moment: the later-created incident comes first.
  std::vector<std::string> expected = {"Old queue stall", "Newest queue stall",
                                       "Middle queue stall", "Later replication lag",
                                       "Earlier replication lag"};
  LibraryQuery phrase;
  phrase.terms = {Phrase({"replication", "lag"})};
  for (int pass = 0; pass < 2; ++pass) {  // As put one by one, then as loaded whole.
    SCOPED_TRACE(pass == 0 ? "put one by one" : "loaded whole");
    EXPECT_THAT(titles(browse), ElementsAreArray(expected));
    EXPECT_THAT(titles(newest_words), ElementsAreArray(expected));
    newest_words.limit = 2;  // Few wanted: read from the newest instead of ranking every match.
    EXPECT_THAT(titles(newest_words), ElementsAre(expected[0], expected[1]));
    newest_words.limit = 20;
    EXPECT_EQ(Search(phrase).total, 2);
    store_.reset();
    store_ = Open();
    ASSERT_NE(store_, nullptr);
  }
}

TEST_P(LibraryConformance, ReviewsPublishedAfterTheFirstSearchAreFoundWithSnippets) {
  EXPECT_EQ(Search({Word("pool")}).total, 0);  // Any index built now starts empty.
  LibraryEntry entry = Add("Checkout errors", "The cache was cold.");
  entry.version = 2;
  entry.named.lessons = "Pool limits need an alert.";
  entry.anonymised.lessons = entry.named.lessons;
  Put(entry);
  LibraryPage page = Search({Word("pool"), Word("limits")});
  ASSERT_EQ(page.hits.size(), 1u);
  ASSERT_EQ(page.hits[0].snippets.size(), 1u);
  EXPECT_EQ(page.hits[0].snippets[0].section, "lessons");
  // "cold" is in both versions' text: the replaced one must not skew the score.
  LibraryPage cold = Search({Word("cold")});
  ASSERT_EQ(cold.total, 1);
  EXPECT_TRUE(std::isfinite(cold.hits[0].score)) << cold.hits[0].score;
}

TEST_P(LibraryConformance, AnotherConnectionsWritesAreSeenAtOnce) {
  Add("First", "alpha");
  EXPECT_EQ(Search({Word("alpha")}).total, 1);
  std::unique_ptr<Store> other = Open();
  core::Incident incident;
  incident.title = "Second";
  incident.severity = "SEV3";
  auto created = other->CreateIncident(incident, {});
  ASSERT_TRUE(created);
  LibraryEntry entry;
  entry.incident_id = created->id;
  entry.key = created->key;
  entry.version = 1;
  entry.severity = "SEV3";
  entry.named.title = entry.anonymised.title = "Second";
  entry.named.summary = entry.anonymised.summary = "alpha again";
  ASSERT_TRUE(other->IndexForLibrary(entry));
  LibraryPage page = Search({Word("alpha")});
  EXPECT_EQ(page.total, 2);
  EXPECT_EQ(CountOf(page, "severity", "SEV3"), 1);
}

// What a searcher finds, in a comparable form: total, keys, snippet sections and facet counts.
std::string Outline(const LibraryPage& page) {
  std::string out = std::to_string(page.total) + ":";
  for (const LibraryHit& hit : page.hits) {
    out += " " + hit.key + "[" + hit.summary.substr(0, 12);
    for (const LibrarySnippet& snippet : hit.snippets) {
      out += "|" + snippet.section + "=";
      for (const SnippetPart& part : snippet.parts) out += part.match ? "<" + part.text + ">" : "";
    }
    out += "]";
  }
  for (const LibraryFacet& facet : page.facets) {
    for (const FacetCount& count : facet.counts) {
      out += " " + facet.name + "/" + count.value + "=" + std::to_string(count.count);
    }
  }
  return out;
}

// Readies the copy for searches with words, from other threads.
Result<void> PrepareWords(Store& store, bool anonymised) {
  LibraryQuery query;
  query.terms = {Word("disk")};
  query.anonymised = anonymised;
  return store.PrepareLibrarySearch(query);
}

TEST_P(LibraryConformance, SearchersOnOtherThreadsFindWhatTheStoreFinds) {
  auto searcher = store_->OpenLibrarySearcher();
  ASSERT_TRUE(searcher) << searcher.error().message();
  if (*searcher == nullptr) GTEST_SKIP() << "this store searches on its own thread only";
  Add("Disk full on the primary", "Priya saw the disk fill with WAL segments.", "SEV1");
  Add("Checkout latency", "The connection pool was exhausted.", "SEV2", {"checkout", "api"});
  Add("Disk alerts were noisy", "Priya muted the disk alert.", "SEV3", {"storage"});
  std::vector<LibraryQuery> queries(5);
  queries[0].terms = {Word("disk")};
  queries[1].terms = {Word("priya")};
  queries[1].anonymised = true;
  queries[2].terms = {Phrase({"connection", "pool"})};
  queries[3].terms = {Word("dis", true), Without("muted")};
  queries[4].filters.services = {"checkout"};  // Browsing.
  for (const LibraryQuery& query : queries) {
    ASSERT_TRUE(store_->PrepareLibrarySearch(query));
    // On another thread, as the server's search workers run.
    std::optional<Result<LibraryPage>> found;
    std::thread([&]() { found = (*searcher)->Search(query); }).join();
    ASSERT_TRUE(*found) << found->error().message();
    EXPECT_EQ(Outline(**found), Outline(Search(query)));
  }
  // A write is seen once the store has prepared again.
  Add("Disk quota", "Quotas were missing.", "SEV2");
  ASSERT_TRUE(PrepareWords(*store_, false));
  EXPECT_EQ((*searcher)->Search(queries[0])->total, 3);
}

TEST_P(LibraryConformance, SearchersRunAlongsideEachOtherAndWrites) {
  auto probe = store_->OpenLibrarySearcher();
  ASSERT_TRUE(probe);
  if (*probe == nullptr) GTEST_SKIP() << "this store searches on its own thread only";
  for (int index = 0; index < 60; ++index) {
    Add("Disk full " + std::to_string(index),
        "Priya cleared the disk on node " + std::to_string(index) + " after the alert.");
  }
  ASSERT_TRUE(PrepareWords(*store_, false));
  ASSERT_TRUE(PrepareWords(*store_, true));
  std::atomic<bool> writing{true};
  std::atomic<int> failures{0};
  std::atomic<int> searches{0};
  std::vector<std::thread> threads;
  for (int thread = 0; thread < 4; ++thread) {
    auto searcher = store_->OpenLibrarySearcher();
    ASSERT_TRUE(searcher && *searcher != nullptr);
    threads.emplace_back([&, thread, searcher = std::move(*searcher)]() {
      LibraryQuery query;
      query.terms = {Word(thread % 2 == 0 ? "disk" : "alert")};
      query.anonymised = thread >= 2;
      query.limit = 5;
      do {
        auto page = searcher->Search(query);
        // Between 60 and 100 entries match, each with a snippet; the anonymised copy never
        // holds the name.
        bool sound = page && page->total >= 60 && page->total <= 100 && page->hits.size() == 5;
        if (sound) {
          for (const LibraryHit& hit : page->hits) {
            sound = sound && !hit.snippets.empty() &&
                    (!query.anonymised || hit.summary.find("Priya") == std::string::npos);
          }
        }
        if (!sound) ++failures;
        ++searches;
      } while (writing);
    });
  }
  for (int index = 60; index < 100; ++index) {
    Add("Disk full " + std::to_string(index),
        "Priya cleared the disk on node " + std::to_string(index) + " after the alert.");
    ASSERT_TRUE(PrepareWords(*store_, index % 2 == 0));
  }
  writing = false;
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, 0) << "of " << searches << " searches";
  EXPECT_GT(searches, 4);
  LibraryQuery disk;
  disk.terms = {Word("disk")};
  EXPECT_EQ((*probe)->Search(disk)->total, 100);
}

TEST_P(LibraryConformance, RelatedReviewsShareServicesCategoriesAndWords) {
  LibraryEntry self =
      Add("Checkout latency from cache misses", "x", "SEV2", {"checkout"}, {"capacity"});
  LibraryEntry same_service = Add("Checkout certificate expiry", "y", "SEV2", {"checkout"});
  LibraryEntry same_words = Add("Cache misses in search", "z", "SEV2", {"search"});
  LibraryEntry both = Add("Checkout cache misses again", "w", "SEV2", {"checkout"}, {"capacity"});
  Add("Unrelated printer jam", "v", "SEV2", {"printer"});
  RelatedQuery query;
  query.incident_id = self.incident_id;
  query.services = {"checkout"};
  query.factor_categories = {"capacity"};
  query.words = {"checkout", "latency", "cache", "misses"};
  auto related = store_->RelatedInLibrary(query);
  ASSERT_TRUE(related) << related.error().message();
  EXPECT_THAT(Keys(*related), ElementsAre(both.key, same_service.key, same_words.key));
}

TEST_P(LibraryConformance, LessonsAreSearchableAndBrowsableByTheme) {
  auto add_lessons = [&](LibraryEntry entry, std::vector<LibraryLesson> lessons) {
    entry.named_lessons = lessons;
    for (LibraryLesson& lesson : lessons) {
      for (std::string& author : lesson.authors) author = "responder A";
    }
    entry.anonymised_lessons = lessons;
    Put(entry);
  };
  add_lessons(Add("Pool", "a", "SEV2", {"db"}, {"capacity"}, nullptr, "2026-01-01T00:00:00Z"),
              {{"Size pools from load tests", "Not from defaults.", {"Priya"}},
               {"Alert on saturation", "Before errors start.", {"Priya", "Sam"}}});
  add_lessons(
      Add("Cert", "b", "SEV2", {"edge"}, {"tooling_automation"}, nullptr, "2026-02-01T00:00:00Z"),
      {{"Automate renewals", "People forget yearly chores.", {"Sam"}}});

  LessonQuery all;
  auto page = store_->SearchLessons(all);
  ASSERT_TRUE(page) << page.error().message();
  EXPECT_EQ(page->total, 3);
  ASSERT_EQ(page->lessons.size(), 3u);
  EXPECT_EQ(page->lessons[0].lesson.title, "Automate renewals");  // Newest review first.
  EXPECT_EQ(page->lessons[1].lesson.title, "Size pools from load tests");
  EXPECT_THAT(page->lessons[2].lesson.authors, ElementsAre("Priya", "Sam"));
  EXPECT_EQ(page->themes[0].value, "capacity");
  EXPECT_EQ(page->themes[0].count, 2);

  LessonQuery themed;
  themed.theme = "capacity";
  themed.offset = 1;
  page = store_->SearchLessons(themed);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 2);
  ASSERT_EQ(page->lessons.size(), 1u);
  EXPECT_EQ(page->lessons[0].lesson.title, "Alert on saturation");

  LessonQuery searched;
  searched.terms = {Word("sam")};
  page = store_->SearchLessons(searched);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 2);  // Authors are searchable.
  searched.anonymised = true;
  page = store_->SearchLessons(searched);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 0);
  searched.terms = {Word("renewal")};
  page = store_->SearchLessons(searched);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->lessons.size(), 1u);
  EXPECT_THAT(page->lessons[0].lesson.authors, ElementsAre("responder A"));
}

TEST_P(LibraryConformance, AnniversariesAreEarlierYearsAroundToday) {
  Add("Last year", "a", "SEV2", {"x"}, {}, "2025-11-23T10:00:00Z");
  Add("Two years ago today", "b", "SEV2", {"x"}, {}, "2024-11-24T10:00:00Z");
  Add("This year", "c", "SEV2", {"x"}, {}, "2026-11-24T08:00:00Z");
  Add("Far from today", "d", "SEV2", {"x"}, {}, "2025-06-01T10:00:00Z");
  Add("Across new year", "e", "SEV2", {"x"}, {}, "2024-12-31T10:00:00Z");
  auto found = store_->LibraryAnniversaries(*core::ParseDate("2026-11-24"), 3, false, 10);
  ASSERT_TRUE(found);
  std::vector<std::string> titles;
  for (const LibraryHit& hit : *found) titles.push_back(hit.title);
  EXPECT_THAT(titles, ElementsAre("Two years ago today", "Last year"));
  found = store_->LibraryAnniversaries(*core::ParseDate("2027-01-01"), 2, false, 10);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].title, "Across new year");
  // The closest come first, and no more than asked for.
  found = store_->LibraryAnniversaries(*core::ParseDate("2026-11-24"), 3, false, 1);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].title, "Two years ago today");
}

TEST_P(LibraryConformance, TheBacklogListsPublishedReviewsMissingFromTheLibrary) {
  core::User user;
  user.email = "p@example.com";
  user.name = "P";
  user.password_hash = "x";
  auto created_user = store_->CreateUser(user, {});
  ASSERT_TRUE(created_user);
  core::Incident incident;
  incident.title = "Published";
  incident.severity = "SEV2";
  incident.created_by = created_user->id;
  auto created = store_->CreateIncident(incident, {});
  ASSERT_TRUE(created);
  ASSERT_TRUE(store_->Publish(*created, created->version, "{}", {created_user->id}));
  EXPECT_THAT(*store_->LibraryBacklog(), ElementsAre(created->id));
  LibraryEntry entry;
  entry.incident_id = created->id;
  entry.key = created->key;
  entry.version = 1;
  Put(entry);
  EXPECT_THAT(*store_->LibraryBacklog(), IsEmpty());
  auto current = store_->GetIncident(created->key);
  ASSERT_TRUE(store_->Publish(*current, current->version, "{}", {created_user->id}));
  EXPECT_THAT(*store_->LibraryBacklog(), ElementsAre(created->id));  // Version 2 is newer.
}

INSTANTIATE_TEST_SUITE_P(Adapters, LibraryConformance, ::testing::ValuesIn(kAdapters),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace debrief::store
