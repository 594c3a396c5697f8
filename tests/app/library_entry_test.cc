// The library's copies of a review: a published snapshot read back record for record, and the
// backlog (reviews published before the library existed, or restored) indexed from snapshots,
// anonymised as carefully as at publish time.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "app/incident_document.h"
#include "app/library_entry.h"
#include "formats/incident_snapshot.h"
#include "store/open.h"

namespace debrief::app {
namespace {

namespace bj = boost::json;

class LibraryEntryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("debrief-library-entry-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    auto opened = store::OpenStore((directory_ / "db").string(), clock_);
    ASSERT_TRUE(opened) << opened.error().message();
    store_ = std::move(*opened);

    core::User user;
    user.email = "priya@example.com";
    user.name = "Priya Raman";
    user.password_hash = "x";
    user_ = *store_->CreateUser(user, {});
    core::Incident incident;
    incident.title = "Consumer lag";
    incident.severity = "SEV2";
    incident.status = core::IncidentStatus::kResolved;
    incident.services = {"billing"};
    incident.created_by = user_.id;
    incident_ = *store_->CreateIncident(incident, {});
    core::Participant participant;
    participant.incident_id = incident_.id;
    participant.user_id = user_.id;
    participant.name = "Priya Raman";
    participant.role = core::ParticipantRole::kOnCall;
    participant = *store_->participants().Insert(participant, {});
    core::Account account;
    account.incident_id = incident_.id;
    account.participant_id = participant.id;
    account.author_id = user_.id;
    account.narrative = "Priya restarted the consumer; Priya's graphs showed the lag.";
    account.visibility = core::AccountVisibility::kInReview;
    ASSERT_TRUE(store_->accounts().Insert(account, {}));
    core::Lesson lesson;
    lesson.incident_id = incident_.id;
    lesson.title = "Lag needs an owner";
    lesson.body = "Alert on age, not depth.";
    lesson.author_ids = {user_.id};
    ASSERT_TRUE(store_->lessons().Insert(lesson, {}));
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(directory_);
  }

  std::string Snapshot() {
    auto document = LoadIncidentDocument(*store_, incident_.key);
    EXPECT_TRUE(document) << document.error().message();
    return bj::serialize(formats::IncidentDocumentJson(*document));
  }

  store::LibraryPage Search(const std::string& word, bool anonymised) {
    store::LibraryQuery query;
    query.terms = {{{word}}};
    query.anonymised = anonymised;
    auto page = store_->SearchLibrary(query);
    EXPECT_TRUE(page) << page.error().message();
    return page ? *page : store::LibraryPage{};
  }

  std::filesystem::path directory_;
  core::FixedClock clock_{*core::ParseRfc3339("2026-11-24T09:00:00Z")};
  std::unique_ptr<store::Store> store_;
  core::User user_;
  core::Incident incident_;
};

TEST_F(LibraryEntryTest, ASnapshotReadsBackRecordForRecord) {
  std::string snapshot = Snapshot();
  auto decoded = formats::DecodeIncidentDocument(bj::parse(snapshot).as_object());
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(bj::serialize(formats::IncidentDocumentJson(*decoded)), snapshot);
  EXPECT_EQ(decoded->accounts.at(0).author, "Priya Raman");
  EXPECT_EQ(decoded->lessons.at(0).incident_id, incident_.id);
}

TEST_F(LibraryEntryTest, ASnapshotThatIsNotOneIsRefusedClearly) {
  bj::object json = bj::parse(Snapshot()).as_object();
  bj::object wrong_format = json;
  wrong_format["format"] = "something-else";
  EXPECT_EQ(formats::DecodeIncidentDocument(wrong_format).error().field(), "format");
  bj::object newer = json;
  newer["format_version"] = 2;
  EXPECT_EQ(formats::DecodeIncidentDocument(newer).error().field(), "format_version");
  // A field this release does not know (a later release's) is skipped: the snapshot still reads.
  bj::object later = json;
  later["lessons"].as_array()[0].as_object()["mood"] = "sad";
  auto read = formats::DecodeIncidentDocument(later);
  ASSERT_TRUE(read) << read.error().message();
  ASSERT_FALSE(read->lessons.empty());
  // A known field of the wrong type is still refused, by name.
  bj::object wrong_type = json;
  wrong_type["lessons"].as_array()[0].as_object()["title"] = 7;
  auto refused = formats::DecodeIncidentDocument(wrong_type);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("title"), std::string::npos);
  bj::object not_array = json;
  not_array["events"] = "none";
  EXPECT_EQ(formats::DecodeIncidentDocument(not_array).error().field(), "events");
}

TEST_F(LibraryEntryTest, TheBacklogIsIndexedFromTheLatestSnapshotAndAnonymised) {
  ASSERT_TRUE(store_->Publish(incident_, incident_.version, Snapshot(), {user_.id}));
  auto added = IndexLibraryBacklog(*store_);
  ASSERT_TRUE(added) << added.error().message();
  EXPECT_EQ(*added, 1);
  EXPECT_EQ(*IndexLibraryBacklog(*store_), 0);  // Nothing left to do.

  EXPECT_EQ(Search("restarted", false).total, 1);
  EXPECT_EQ(Search("priya", false).total, 1);
  EXPECT_EQ(Search("priya", true).total, 0);
  store::LibraryPage anonymised = Search("graphs", true);
  ASSERT_EQ(anonymised.hits.size(), 1u);
  for (const store::LibrarySnippet& snippet : anonymised.hits[0].snippets) {
    for (const store::SnippetPart& part : snippet.parts) {
      EXPECT_EQ(part.text.find("Priya"), std::string::npos) << part.text;
    }
  }
  store::LessonQuery lessons;
  lessons.anonymised = true;
  auto page = store_->SearchLessons(lessons);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->lessons.size(), 1u);
  EXPECT_THAT(page->lessons[0].lesson.authors, ::testing::ElementsAre("On-call engineer"));
  lessons.anonymised = false;
  EXPECT_THAT(store_->SearchLessons(lessons)->lessons[0].lesson.authors,
              ::testing::ElementsAre("Priya Raman"));
}

// A review with a large chat import gives the library a bounded part of its timeline: what
// people wrote or starred always, imported lines in time order until the cap.
TEST_F(LibraryEntryTest, ALargeImportGivesTheLibraryABoundedTimeline) {
  constexpr int kImported = 20'000;  // About 2 MB of text, eight times the cap.
  auto import = store_->BeginEventImport(incident_.id);
  ASSERT_TRUE(import);
  std::vector<core::TimelineEvent> events;
  for (int index = 0; index < kImported; ++index) {
    core::TimelineEvent& event = events.emplace_back();
    event.at = *core::ParseRfc3339("2026-11-20T10:00:00Z") + std::chrono::seconds(index);
    event.kind = core::EventKind::kCommunication;
    event.text =
        "consumer group rebalanced again on partition " + std::to_string(index) +
        (index == 0 ? " earliestline" : "") + (index == kImported / 2 ? " starredline" : "") +
        (index == kImported - 1 ? " latestline" : "") + ", lag still climbing on the billing topic";
    event.source = "import:slack:" + std::to_string(index);
    event.visible_to = {"all"};
  }
  ASSERT_TRUE((*import)->Add(events));
  ASSERT_TRUE((*import)->Commit({}, {"slack", "incident channel"}));
  auto listed = store_->events().List(incident_.id);
  ASSERT_TRUE(listed);
  core::TimelineEvent starred = (*listed)[kImported / 2];
  starred.starred = true;
  ASSERT_TRUE(store_->events().Update(starred, starred.version, {}));
  core::TimelineEvent written;
  written.incident_id = incident_.id;
  written.at = *core::ParseRfc3339("2026-11-21T10:00:00Z");
  written.kind = core::EventKind::kDecision;
  written.text = "Priya paused the writerline producer";
  written.source = "manual";
  ASSERT_TRUE(store_->events().Insert(written, {}));
  incident_ = *store_->GetIncident(incident_.key);

  ASSERT_TRUE(store_->Publish(incident_, incident_.version, Snapshot(), {user_.id}));
  ASSERT_TRUE(IndexLibraryBacklog(*store_));
  EXPECT_EQ(Search("writerline", false).total, 1);    // Written by a person, after every import.
  EXPECT_EQ(Search("starredline", false).total, 1);   // Starred, in the middle.
  EXPECT_EQ(Search("earliestline", false).total, 1);  // The first imported lines fit.
  EXPECT_EQ(Search("latestline", false).total, 0);    // The last ones are past the cap.
  EXPECT_EQ(Search("starredline", true).total, 1);    // The anonymised copy keeps the same.
  EXPECT_EQ(Search("latestline", true).total, 0);
}

TEST_F(LibraryEntryTest, AnUnreadableSnapshotIsReportedNotSkipped) {
  ASSERT_TRUE(store_->Publish(incident_, incident_.version, "{not json", {user_.id}));
  auto added = IndexLibraryBacklog(*store_);
  ASSERT_FALSE(added);
  EXPECT_NE(added.error().message().find("not readable"), std::string::npos);
}

}  // namespace
}  // namespace debrief::app
