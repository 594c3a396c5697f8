// Two people write accounts of the same incident; the merged timeline shows both lanes, flags
// where they disagree, and answers "what could this person know then".
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "store/open.h"
#include "support/raw_client.h"
#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::HttpResult;
using testing::TestServer;
using testing::TestUser;

class TimelineApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = server_.CreateIncident(server_.alice(), {{"started_at", "2026-03-14T10:00:00Z"},
                                                    {"detected_at", "2026-03-14T10:07:00Z"}});
    base_ = "/api/v1/incidents/" + key_;
    HttpResult alert = server_.Post(base_ + "/events", server_.alice(),
                                    {{"at", "2026-03-14T10:07:00Z"},
                                     {"kind", "alert"},
                                     {"text", "PaymentsHighErrorRate firing"},
                                     {"visible_to", {"all"}}});
    ASSERT_EQ(alert.status, 201u) << alert.body;
    alert_id_ = alert.Json().at("id").as_int64();
  }

  // Starts `user`'s account with one entry; returns {account path, entry id}.
  std::pair<std::string, int64_t> Account(const TestUser& user, bj::object entry) {
    HttpResult account = server_.Post(base_ + "/accounts", user, bj::object{});
    EXPECT_EQ(account.status, 201u) << account.body;
    std::string path = base_ + "/accounts/" + std::to_string(account.Json().at("id").as_int64());
    HttpResult created = server_.Post(path + "/entries", user, entry);
    EXPECT_EQ(created.status, 201u) << created.body;
    return {path, created.Json().at("id").as_int64()};
  }

  // Imports `lines` into the incident as another process on the same database would (the CLI
  // importing a log); returns that process's store, null when something failed.
  std::unique_ptr<store::Store> ImportElsewhere(const std::vector<core::TimelineEvent>& lines) {
    auto elsewhere = store::OpenStore(server_.database(), server_.clock());
    EXPECT_TRUE(elsewhere) << elsewhere.error().message();
    if (!elsewhere) return nullptr;
    auto incident = (*elsewhere)->GetIncident(key_);
    EXPECT_TRUE(incident);
    if (!incident) return nullptr;
    auto import = (*elsewhere)->BeginEventImport(incident->id);
    if (!import || !(*import)->Add(lines) || !(*import)->Commit({}, {"jsonl", "elsewhere"})) {
      ADD_FAILURE() << "the import did not land";
      return nullptr;
    }
    return std::move(*elsewhere);
  }

  void Release(const TestUser& user, const std::string& path) {
    int64_t version = server_.Get(path, user).Json().at("version").as_int64();
    ASSERT_EQ(server_.Patch(path, user, {{"visibility", "in_review"}}, version).status, 200u);
  }

  // The texts of the timeline's events, in order, as `user` reads them now.
  std::vector<std::string> EventTexts(const TestUser& user) {
    HttpResult timeline = server_.Get(base_ + "/timeline", user);
    EXPECT_EQ(timeline.status, 200u) << timeline.body;
    std::vector<std::string> texts;
    bj::value body = timeline.Json();
    for (const bj::value& item : body.at("items").as_array()) {
      if (item.at("type") != "event") continue;
      texts.emplace_back(item.at("event").at("text").as_string());
    }
    return texts;
  }

  TestServer server_;
  std::string key_;
  std::string base_;
  int64_t alert_id_ = 0;
};

TEST_F(TimelineApiTest, MergesReleasedAccountsAndFlagsDisagreement) {
  auto [alice_path, alice_entry] = Account(server_.alice(), {{"at", "2026-03-14T10:08:00Z"},
                                                             {"uncertainty_minutes", 2},
                                                             {"did", "Acknowledged the page"},
                                                             {"seen_event_ids", {alert_id_}}});
  // Bob can link his moment to Alice's once he can read it: she has released her account.
  Release(server_.alice(), alice_path);
  auto [bob_path, bob_entry] =
      Account(server_.bob(), {{"at", "2026-03-14T10:20:00Z"},
                              {"did", "Got paged by Alice"},
                              {"same_as", {"entry:" + std::to_string(alice_entry)}}});
  (void)bob_entry;

  // Before Bob releases his, the review's timeline has the alert and Alice's entry only.
  HttpResult before = server_.Get(base_ + "/timeline", server_.viewer());
  ASSERT_EQ(before.status, 200u) << before.body;
  EXPECT_EQ(before.Json().at("items").as_array().size(), 2u);
  EXPECT_TRUE(before.Json().at("discrepancies").as_array().empty());

  Release(server_.bob(), bob_path);
  HttpResult timeline = server_.Get(base_ + "/timeline", server_.viewer());
  ASSERT_EQ(timeline.status, 200u) << timeline.body;
  bj::value body = timeline.Json();
  const bj::array& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  std::set<std::string> lanes;
  for (const bj::value& item : items) lanes.insert(std::string(item.at("lane").as_string()));
  EXPECT_EQ(lanes.size(), 3u);  // Alerts, Alice, Bob.
  const bj::array& discrepancies = body.at("discrepancies").as_array();
  ASSERT_EQ(discrepancies.size(), 1u);
  EXPECT_EQ(discrepancies[0].at("kind").as_string(), "times_disagree");
  EXPECT_EQ(discrepancies[0].at("difference_seconds").as_int64(), 12 * 60);
  EXPECT_EQ(body.at("metrics").at("time_to_detect_seconds").as_int64(), 7 * 60);
  EXPECT_EQ(body.at("lanes").as_array().size(), 2u + 4u);
}

TEST_F(TimelineApiTest, WithdrawnAccountsLeaveTheTimeline) {
  auto [path, entry] = Account(server_.alice(), {{"at", "2026-03-14T10:08:00Z"}, {"did", "Paged"}});
  (void)entry;
  Release(server_.alice(), path);
  EXPECT_EQ(server_.Get(base_ + "/timeline", server_.bob()).Json().at("items").as_array().size(),
            2u);
  ASSERT_EQ(server_.Delete(path, server_.alice(), 2).status, 200u);
  EXPECT_EQ(server_.Get(base_ + "/timeline", server_.bob()).Json().at("items").as_array().size(),
            1u);
  EXPECT_EQ(server_.Get(base_ + "/timeline", server_.alice()).Json().at("items").as_array().size(),
            1u);
}

TEST_F(TimelineApiTest, WhatCouldSomeoneKnowAtATime) {
  auto [path, entry] = Account(server_.alice(), {{"at", "2026-03-14T10:08:00Z"}, {"did", "Paged"}});
  (void)entry;
  Release(server_.alice(), path);
  HttpResult participants = server_.Get(base_ + "/participants", server_.viewer());
  int64_t alice_participant = participants.Json().at("items").at(0).at("id").as_int64();
  std::string query = base_ + "/timeline?known_by=" + std::to_string(alice_participant);
  HttpResult early = server_.Get(query + "&known_at=2026-03-14T10:05:00Z", server_.viewer());
  ASSERT_EQ(early.status, 200u) << early.body;
  bj::value early_body = early.Json();
  for (const bj::value& item : early_body.at("items").as_array()) {
    EXPECT_FALSE(item.at("known").as_bool());
    EXPECT_EQ(item.at("known_because").as_string(), "not_known");
  }
  HttpResult later = server_.Get(query + "&known_at=2026-03-14T10:30:00Z", server_.viewer());
  bj::value later_body = later.Json();
  std::set<std::string> reasons;
  for (const bj::value& item : later_body.at("items").as_array()) {
    EXPECT_TRUE(item.at("known").as_bool());
    reasons.emplace(item.at("known_because").as_string());
    EXPECT_FALSE(item.as_object().contains("known_via"));
  }
  // Her own entry, and the event shown to everyone: each with its reason.
  EXPECT_THAT(reasons, ::testing::UnorderedElementsAre("own_entry", "everyone"));
  EXPECT_EQ(server_.Get(query, server_.viewer()).status, 400u);
  EXPECT_EQ(server_.Get(query + "&known_at=soon", server_.viewer()).status, 400u);
}

TEST_F(TimelineApiTest, ReportsGapsWithAConfigurableThreshold) {
  ASSERT_EQ(server_
                .Patch(base_, server_.alice(),
                       {{"status", "resolved"}, {"resolved_at", "2026-03-14T11:00:00Z"}}, 1)
                .status,
            200u);
  HttpResult timeline = server_.Get(base_ + "/timeline", server_.alice());
  bj::value body = timeline.Json();
  const bj::array& gaps = body.at("gaps").as_array();
  ASSERT_EQ(gaps.size(), 1u);  // 10:00-10:07 is under ten minutes; 10:07-11:00 is not.
  EXPECT_EQ(gaps[0].at("seconds").as_int64(), 53 * 60);
  EXPECT_EQ(server_.Get(base_ + "/timeline?gap_minutes=5", server_.alice())
                .Json()
                .at("gaps")
                .as_array()
                .size(),
            2u);
  EXPECT_EQ(server_.Get(base_ + "/timeline?gap_minutes=0", server_.alice()).status, 400u);
}

}  // namespace
}  // namespace debrief::http

namespace debrief::http {
namespace {

TEST_F(TimelineApiTest, PagesWalkTheWholeTimelineInOrder) {
  for (int minute = 10; minute < 17; ++minute) {
    HttpResult event = server_.Post(
        base_ + "/events", server_.alice(),
        {{"at", "2026-03-14T10:" + std::to_string(minute) + ":00Z"}, {"text", "step"}});
    ASSERT_EQ(event.status, 201u) << event.body;
  }
  bj::value whole = server_.Get(base_ + "/timeline", server_.alice()).Json();
  std::vector<std::string> expected;
  for (const bj::value& item : whole.at("items").as_array()) {
    expected.emplace_back(item.at("ref").as_string());
  }
  ASSERT_EQ(expected.size(), 8u);

  std::vector<std::string> paged;
  std::string cursor;
  int pages = 0;
  while (true) {
    HttpResult page = server_.Get(
        base_ + "/timeline?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor), server_.alice());
    ASSERT_EQ(page.status, 200u) << page.body;
    bj::value body = page.Json();
    EXPECT_EQ(body.at("total_items").as_int64(), 8);
    ++pages;
    // Each item's group comes with the page, under the index the item names.
    std::set<int64_t> groups;
    std::set<std::string> on_page;
    for (const bj::value& item : body.at("items").as_array()) {
      paged.emplace_back(item.at("ref").as_string());
      on_page.emplace(item.at("ref").as_string());
    }
    for (const bj::value& group : body.at("groups").as_array()) {
      groups.insert(group.at("index").as_int64());
      // Only this page's items, and how many the moment holds in all.
      EXPECT_GE(group.at("size").as_int64(),
                static_cast<int64_t>(group.at("refs").as_array().size()));
      for (const bj::value& ref : group.at("refs").as_array()) {
        EXPECT_TRUE(on_page.contains(std::string(ref.as_string())));
      }
    }
    for (const bj::value& item : body.at("items").as_array()) {
      EXPECT_TRUE(groups.contains(item.at("group").as_int64()));
    }
    if (body.at("next_cursor").is_null()) break;
    cursor = std::string(body.at("next_cursor").as_string());
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(paged, expected);

  for (std::string_view bad :
       {"limit=0", "limit=5001", "limit=ten", "cursor=3", "limit=2&cursor=x"}) {
    HttpResult result = server_.Get(base_ + "/timeline?" + std::string(bad), server_.alice());
    EXPECT_EQ(result.status, 400u) << bad << ": " << result.body;
  }
  HttpResult past_the_end = server_.Get(base_ + "/timeline?limit=3&cursor=99", server_.alice());
  ASSERT_EQ(past_the_end.status, 200u);
  EXPECT_TRUE(past_the_end.Json().at("items").as_array().empty());
  EXPECT_TRUE(past_the_end.Json().at("next_cursor").is_null());
}

TEST_F(TimelineApiTest, EveryChangeToEventsShowsOnTheNextRequest) {
  using ::testing::ElementsAre;
  EXPECT_THAT(EventTexts(server_.alice()), ElementsAre("PaymentsHighErrorRate firing"));
  EXPECT_THAT(EventTexts(server_.bob()), ElementsAre("PaymentsHighErrorRate firing"));

  // Through the API: edited, then one added and the first deleted.
  std::string event = base_ + "/events/" + std::to_string(alert_id_);
  int64_t version = server_.Get(event, server_.alice()).Json().at("version").as_int64();
  ASSERT_EQ(
      server_
          .Patch(event, server_.alice(), {{"text", "PaymentsHighErrorRate firing (eu)"}}, version)
          .status,
      200u);
  EXPECT_THAT(EventTexts(server_.alice()), ElementsAre("PaymentsHighErrorRate firing (eu)"));
  ASSERT_EQ(server_
                .Post(base_ + "/events", server_.alice(),
                      {{"at", "2026-03-14T10:09:00Z"}, {"text", "paged payments"}})
                .status,
            201u);
  version = server_.Get(event, server_.alice()).Json().at("version").as_int64();
  ASSERT_EQ(server_.Delete(event, server_.alice(), version).status, 204u);
  EXPECT_THAT(EventTexts(server_.alice()), ElementsAre("paged payments"));
  EXPECT_THAT(EventTexts(server_.bob()), ElementsAre("paged payments"));

  // Another process on the same database (the CLI importing a log), then editing what it
  // imported: the server sees both on its next request.
  std::vector<core::TimelineEvent> lines(2);
  lines[0].at = *core::ParseRfc3339("2026-03-14T10:11:00Z");
  lines[0].text = "consumer 2.3.1 deployed";
  lines[0].source = "import:jsonl:d-1";
  lines[1].at = *core::ParseRfc3339("2026-03-14T10:12:00Z");
  lines[1].text = "consumer 2.3.2 deployed";
  lines[1].source = "import:jsonl:d-2";
  std::unique_ptr<store::Store> elsewhere = ImportElsewhere(lines);
  ASSERT_NE(elsewhere, nullptr);
  EXPECT_THAT(EventTexts(server_.alice()),
              ElementsAre("paged payments", "consumer 2.3.1 deployed", "consumer 2.3.2 deployed"));
  auto stored = elsewhere->events().List(server_.store().GetIncident(key_)->id);
  ASSERT_TRUE(stored);
  core::TimelineEvent edited = stored->back();
  edited.text = "consumer 2.3.2 rolled back";
  ASSERT_TRUE(elsewhere->events().Update(edited, edited.version, {}));
  EXPECT_THAT(EventTexts(server_.alice()), ElementsAre("paged payments", "consumer 2.3.1 deployed",
                                                       "consumer 2.3.2 rolled back"));
}

// What a raw HTTP/1.x answer holds: its head (status line and header) and its body, with the
// sizes of its chunks when it was sent chunked.
struct RawAnswer {
  std::string head;
  std::string body;
  std::vector<size_t> chunk_sizes;
  bool chunked = false;
};

RawAnswer ReadRawAnswer(const std::string& received) {
  RawAnswer answer;
  size_t head_end = received.find("\r\n\r\n");
  if (head_end == std::string::npos) return answer;
  answer.head = received.substr(0, head_end + 2);
  std::string rest = received.substr(head_end + 4);
  answer.chunked = answer.head.find("Transfer-Encoding: chunked\r\n") != std::string::npos;
  if (!answer.chunked) {
    answer.body = std::move(rest);
    return answer;
  }
  size_t at = 0;
  while (at < rest.size()) {
    size_t line_end = rest.find("\r\n", at);
    if (line_end == std::string::npos) break;
    size_t size = std::stoul(rest.substr(at, line_end - at), nullptr, 16);
    answer.chunk_sizes.push_back(size);
    answer.body += rest.substr(line_end + 2, size);
    at = line_end + 2 + size + 2;
    if (size == 0) break;
  }
  return answer;
}

// A timeline of more items than are written at once is written in parts as the client takes
// them: the same items as the pages of it (each written whole), and an anonymised view of it
// stays anonymised (the router anonymises that one itself, so it is written whole).
TEST_F(TimelineApiTest, ALargeTimelineIsWrittenInPartsAsItsPagesAre) {
  std::vector<core::TimelineEvent> lines(6'000);
  for (size_t i = 0; i < lines.size(); ++i) {
    lines[i].at = *core::ParseRfc3339("2026-03-14T10:00:00Z") + std::chrono::seconds(i);
    lines[i].text = "worker " + std::to_string(i) + " restarted by Dana";
    lines[i].actor = "Dana";
    lines[i].source = "import:jsonl:w-" + std::to_string(i);
  }
  ASSERT_NE(ImportElsewhere(lines), nullptr);

  // Dana takes part, so the anonymised view names her by a label.
  ASSERT_EQ(
      server_
          .Post(base_ + "/participants", server_.alice(), {{"name", "Dana"}, {"role", "observer"}})
          .status,
      201u);
  HttpResult whole = server_.Get(base_ + "/timeline", server_.alice());
  ASSERT_EQ(whole.status, 200u) << whole.body.substr(0, 300);
  EXPECT_EQ(whole.headers["transfer-encoding"], "chunked");
  EXPECT_EQ(whole.headers.count("content-length"), 0u);
  EXPECT_EQ(whole.headers["cache-control"], "no-store");
  bj::value timeline = whole.Json();
  const bj::array& items = timeline.at("items").as_array();
  ASSERT_EQ(items.size(), 6'001u);
  bj::array paged;
  std::string cursor;
  do {
    HttpResult page =
        server_.Get(base_ + "/timeline?limit=4000" + (cursor.empty() ? "" : "&cursor=" + cursor),
                    server_.alice());
    ASSERT_EQ(page.status, 200u) << page.body.substr(0, 300);
    EXPECT_EQ(page.headers.count("transfer-encoding"), 0u);
    bj::value body = page.Json();
    for (const bj::value& item : body.at("items").as_array()) paged.push_back(item);
    const bj::value& next = body.at("next_cursor");
    cursor = next.is_string() ? std::string(next.as_string()) : std::string();
  } while (!cursor.empty());
  EXPECT_EQ(bj::value(items), bj::value(paged));
  // The moments hold every item once, as the whole timeline's groups did when written at once.
  size_t grouped = 0;
  for (const bj::value& group : timeline.at("groups").as_array()) {
    grouped += group.at("refs").as_array().size();
  }
  EXPECT_EQ(grouped, 6'001u);
  EXPECT_TRUE(timeline.as_object().contains("lanes"));
  EXPECT_TRUE(timeline.as_object().contains("metrics"));
  // Asked again, the same answer.
  EXPECT_EQ(server_.Get(base_ + "/timeline", server_.alice()).body, whole.body);

  HttpResult anonymised = server_.Get(base_ + "/timeline?anonymised=true", server_.alice());
  ASSERT_EQ(anonymised.status, 200u) << anonymised.body.substr(0, 300);
  EXPECT_EQ(anonymised.body.find("Dana"), std::string::npos);
  EXPECT_EQ(anonymised.Json().at("items").as_array().size(), 6'001u);
}

// The parts of a large timeline on the wire: chunks of a few hundred kilobytes (the server never
// holds the whole), for HTTP/1.0 the body to the end of the connection, and for HEAD the header
// alone.
TEST_F(TimelineApiTest, ALargeTimelineGoesOutInBoundedChunksToEveryKindOfClient) {
  std::vector<core::TimelineEvent> lines(8'000);
  for (size_t i = 0; i < lines.size(); ++i) {
    lines[i].at = *core::ParseRfc3339("2026-03-14T11:00:00Z") + std::chrono::seconds(i);
    lines[i].text = "checkout latency sample " + std::to_string(i) + " above 800 ms";
    lines[i].source = "import:jsonl:l-" + std::to_string(i);
  }
  ASSERT_NE(ImportElsewhere(lines), nullptr);
  HttpResult whole = server_.Get(base_ + "/timeline", server_.alice());
  ASSERT_EQ(whole.status, 200u);
  ASSERT_GT(whole.body.size(), 2'000'000u);
  std::string authorization = "Authorization: Bearer " + server_.alice().token + "\r\n";

  testing::RawClient http11(server_.port());
  ASSERT_TRUE(http11.connected());
  http11.Send("GET " + base_ + "/timeline HTTP/1.1\r\nHost: localhost\r\n" + authorization +
              "Connection: close\r\n\r\n");
  RawAnswer chunked = ReadRawAnswer(http11.ReceiveAll());
  EXPECT_THAT(chunked.head, ::testing::StartsWith("HTTP/1.1 200"));
  ASSERT_TRUE(chunked.chunked) << chunked.head;
  EXPECT_EQ(chunked.body, whole.body);
  ASSERT_GE(chunked.chunk_sizes.size(), 4u);
  EXPECT_EQ(chunked.chunk_sizes.back(), 0u);  // The last chunk: the body is complete.
  for (size_t size : chunked.chunk_sizes) EXPECT_LE(size, 320u * 1024);

  testing::RawClient http10(server_.port());
  http10.Send("GET " + base_ + "/timeline HTTP/1.0\r\n" + authorization + "\r\n");
  RawAnswer to_the_end = ReadRawAnswer(http10.ReceiveAll());
  EXPECT_THAT(to_the_end.head, ::testing::StartsWith("HTTP/1.0 200"));
  EXPECT_FALSE(to_the_end.chunked);
  EXPECT_EQ(to_the_end.head.find("Content-Length"), std::string::npos);
  EXPECT_EQ(to_the_end.body, whole.body);

  testing::RawClient head(server_.port());
  head.Send("HEAD " + base_ + "/timeline HTTP/1.1\r\nHost: localhost\r\n" + authorization +
            "Connection: close\r\n\r\n");
  std::string received = head.ReceiveAll();
  EXPECT_THAT(received, ::testing::StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(received, ::testing::EndsWith("\r\n\r\n"));  // The header alone.
}

}  // namespace
}  // namespace debrief::http
