// The library on the real server: publishing makes a review findable at once, viewers search
// the anonymised copy, related reviews, lessons, anniversaries, the Atom feed, and bad input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::HttpResult;
using testing::TestServer;

class LibraryTest : public ::testing::Test {
 protected:
  // A resolved incident with Alice's released account, a factor and a lesson, approved by Bob
  // and published.
  std::string Publish(const std::string& title, const std::string& narrative,
                      const std::string& service, const std::string& started_at,
                      const std::string& category = "capacity") {
    std::string key =
        server_.CreateIncident(server_.alice(), {{"title", title},
                                                 {"status", "resolved"},
                                                 {"severity", "SEV2"},
                                                 {"services", bj::array{bj::value(service)}},
                                                 {"tags", bj::array{"customer-facing"}},
                                                 {"started_at", started_at},
                                                 {"resolved_at", "2026-11-20T12:00:00Z"}});
    std::string base = "/api/v1/incidents/" + key;
    HttpResult account = server_.Post(base + "/accounts", server_.alice(),
                                      {{"narrative", narrative}, {"visibility", "in_review"}});
    EXPECT_EQ(account.status, 201u) << account.body;
    EXPECT_EQ(server_
                  .Post(base + "/factors", server_.alice(),
                        {{"category", category}, {"text", "The pool was sized for last year."}})
                  .status,
              201u);
    EXPECT_EQ(server_
                  .Post(base + "/lessons", server_.alice(),
                        {{"title", "Size pools from load tests"},
                         {"body", "Defaults age quietly."},
                         {"author_ids", bj::array{server_.alice().id}}})
                  .status,
              201u);
    // SEV2 reviews need an approval before they are published.
    server_.ApproveReview(key, server_.alice(), server_.bob());
    HttpResult published = server_.PublishReview(key, server_.alice());
    EXPECT_EQ(published.status, 201u) << published.body;
    return key;
  }

  bj::value Search(const std::string& query, const testing::TestUser& user) {
    HttpResult result = server_.Get("/api/v1/library/search?" + query, user);
    EXPECT_EQ(result.status, 200u) << query << ": " << result.body;
    return result.Json();
  }

  TestServer server_;
};

std::string SnippetText(const bj::value& item) {
  std::string text;
  for (const bj::value& snippet : item.at("snippets").as_array()) {
    for (const bj::value& part : snippet.at("parts").as_array()) {
      text += part.at("text").as_string().c_str();
    }
  }
  return text;
}

TEST_F(LibraryTest, APublishedReviewIsFoundAtOnceAndDraftsAreNot) {
  std::string key = Publish("Checkout pool exhausted", "I, alice, raised the pool limit at 10:05.",
                            "checkout", "2026-11-20T10:00:00Z");
  server_.CreateIncident(server_.alice(), {{"title", "Checkout pool draft"}});  // Unpublished.
  bj::value found = Search("q=pool", server_.alice());
  EXPECT_EQ(found.at("total").as_int64(), 1);
  const bj::value& item = found.at("items").at(0);
  EXPECT_EQ(item.at("key").as_string(), key);
  EXPECT_EQ(item.at("version").as_int64(), 1);
  EXPECT_EQ(found.at("facets").at("service").at(0).at("value").as_string(), "checkout");
  EXPECT_EQ(found.at("facets").at("factor_category").at(0).at("value").as_string(), "capacity");
  EXPECT_EQ(found.at("facets").at("tag").at(0).at("value").as_string(), "customer-facing");
  // The narrative is searchable, with the match marked.
  bj::value narrative = Search("q=raised", server_.alice());
  ASSERT_EQ(narrative.at("total").as_int64(), 1);
  const bj::value& snippet = narrative.at("items").at(0).at("snippets").at(0);
  EXPECT_EQ(snippet.at("section").as_string(), "accounts");
  bool marked = false;
  for (const bj::value& part : snippet.at("parts").as_array()) {
    marked = marked || (part.at("match").as_bool() && part.at("text").as_string() == "raised");
  }
  EXPECT_TRUE(marked) << bj::serialize(snippet);
}

TEST_F(LibraryTest, ARepeatedSearchSeesTheNextPublishAtOnce) {
  Publish("Checkout pool exhausted", "pool", "checkout", "2026-11-20T10:00:00Z");
  EXPECT_EQ(Search("q=pool", server_.alice()).at("total").as_int64(), 1);
  EXPECT_EQ(Search("q=pool", server_.alice()).at("total").as_int64(), 1);  // From the cache.
  EXPECT_EQ(Search("q=pool", server_.viewer()).at("total").as_int64(), 1);
  Publish("Search pool exhausted", "pool", "search", "2026-11-19T10:00:00Z");
  EXPECT_EQ(Search("q=pool", server_.alice()).at("total").as_int64(), 2);
  EXPECT_EQ(Search("q=pool", server_.viewer()).at("total").as_int64(), 2);
  // Members and viewers never share a cached answer: Alice wrote an account of every review.
  EXPECT_EQ(Search("q=alice", server_.alice()).at("total").as_int64(), 2);
  EXPECT_EQ(Search("q=alice", server_.viewer()).at("total").as_int64(), 0);
}

// Searches run on the search workers while the event loop goes on serving: many at once, from
// several clients, alongside publishing, each answered whole and consistent.
TEST_F(LibraryTest, SearchesAtOnceAlongsidePublishingAreAnsweredWhole) {
  Publish("Checkout pool exhausted", "I raised the pool limit.", "checkout",
          "2026-11-20T10:00:00Z");
  std::atomic<bool> publishing{true};
  std::atomic<int> bad{0};
  std::atomic<int> answered{0};
  std::vector<std::thread> clients;
  for (int client = 0; client < 4; ++client) {
    clients.emplace_back([&, client]() {
      const testing::TestUser& user = client % 2 == 0 ? server_.alice() : server_.viewer();
      for (int round = 0; publishing || round < 5; ++round) {
        // Unique queries, so each is searched rather than answered from the cache.
        HttpResult result =
            server_.Get("/api/v1/library/search?q=pool&n=" + std::to_string(client) + "-" +
                            std::to_string(round),
                        user);
        boost::system::error_code error;
        bj::value body = bj::parse(result.body, error);
        int64_t total = error ? -1 : body.at("total").as_int64();
        if (result.status != 200 || total < 1 || total > 3 ||
            body.at("items").as_array().size() != static_cast<size_t>(total)) {
          ++bad;
        }
        ++answered;
      }
    });
  }
  Publish("Billing pool exhausted", "The pool ran dry again.", "billing", "2026-11-19T10:00:00Z");
  Publish("Search pool exhausted", "The pool was too small.", "search", "2026-11-18T10:00:00Z");
  publishing = false;
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(bad, 0) << "of " << answered << " searches";
  EXPECT_EQ(Search("q=pool", server_.viewer()).at("total").as_int64(), 3);
}

TEST_F(LibraryTest, ViewersSearchTheAnonymisedCopy) {
  Publish("Checkout pool exhausted", "alice raised the pool limit; Bob watched the graphs.",
          "checkout", "2026-11-20T10:00:00Z");
  EXPECT_EQ(Search("q=alice", server_.alice()).at("total").as_int64(), 1);
  bj::value viewer = Search("q=alice", server_.viewer());
  EXPECT_TRUE(viewer.at("anonymised").as_bool());
  EXPECT_EQ(viewer.at("total").as_int64(), 0);  // Searching a name reveals nothing.
  bj::value graphs = Search("q=graphs", server_.viewer());
  ASSERT_EQ(graphs.at("total").as_int64(), 1);
  std::string text = SnippetText(graphs.at("items").at(0));
  EXPECT_EQ(text.find("alice"), std::string::npos) << text;
  EXPECT_EQ(text.find("bob"), std::string::npos) << text;
  // Members may choose the anonymised view too.
  EXPECT_EQ(Search("q=alice&anonymised=true", server_.alice()).at("total").as_int64(), 0);
}

TEST_F(LibraryTest, FiltersNarrowAndBadFiltersAreRefused) {
  Publish("Checkout pool exhausted", "pool", "checkout", "2026-03-01T10:00:00Z");
  Publish("Search pool exhausted", "pool", "search", "2026-06-01T10:00:00Z", "design");
  EXPECT_EQ(Search("q=pool&service=search", server_.alice()).at("total").as_int64(), 1);
  EXPECT_EQ(Search("q=pool&service=search,checkout", server_.alice()).at("total").as_int64(), 2);
  EXPECT_EQ(Search("q=pool&factor_category=design", server_.alice()).at("total").as_int64(), 1);
  EXPECT_EQ(Search("q=pool&from=2026-05-01&to=2026-12-31", server_.alice()).at("total").as_int64(),
            1);
  EXPECT_EQ(Search("sort=newest", server_.alice()).at("items").at(0).at("title").as_string(),
            "Search pool exhausted");
  for (const char* bad :
       {"from=yesterday", "from=2026-06-01&to=2026-01-01", "sort=best", "limit=0", "limit=1000",
        "offset=-1", "factor_category=blame", "q=-pool", "anonymised=maybe",
        "q=a%20b%20c%20d%20e%20f%20g%20h%20i%20j%20k%20l%20m%20n%20o%20p%20q"}) {
    HttpResult result = server_.Get(std::string("/api/v1/library/search?") + bad, server_.alice());
    EXPECT_EQ(result.status, 400u) << bad << ": " << result.body;
    EXPECT_EQ(result.Header("content-type"), "application/problem+json") << bad;
  }
  std::string long_query(600, 'a');
  EXPECT_EQ(server_.Get("/api/v1/library/search?q=" + long_query, server_.alice()).status, 400u);
  // Query syntax typed by a person is only text.
  EXPECT_EQ(Search("q=NEAR(pool%20OR", server_.alice()).at("total").as_int64(), 0);
  EXPECT_EQ(Search("q=%22pool%22%20exhaust*", server_.alice()).at("total").as_int64(), 2);
  EXPECT_EQ(server_.Request("GET", "/api/v1/library/search?q=pool").status, 401u);
}

TEST_F(LibraryTest, RelatedLessonsAnniversariesAndTheFeed) {
  std::string first =
      Publish("Checkout pool exhausted", "pool", "checkout", "2025-11-25T10:00:00Z");
  std::string second =
      Publish("Checkout <pool> & limits", "pool", "checkout", "2026-11-20T10:00:00Z");
  bj::value related =
      server_.Get("/api/v1/incidents/" + second + "/related", server_.alice()).Json();
  ASSERT_EQ(related.at("items").as_array().size(), 1u);
  EXPECT_EQ(related.at("items").at(0).at("key").as_string(), first);

  bj::value lessons = server_.Get("/api/v1/library/lessons?theme=capacity", server_.alice()).Json();
  EXPECT_EQ(lessons.at("total").as_int64(), 2);
  EXPECT_EQ(lessons.at("items").at(0).at("authors").at(0).as_string(), "Alice");
  bj::value anonymous = server_.Get("/api/v1/library/lessons", server_.viewer()).Json();
  EXPECT_NE(anonymous.at("items").at(0).at("authors").at(0).as_string(), "Alice");
  EXPECT_EQ(server_.Get("/api/v1/library/lessons?theme=nope", server_.alice()).status, 400u);

  // The server's clock says 2026-03-14 unless told otherwise.
  bj::value day =
      server_.Get("/api/v1/library/on-this-day?date=2026-11-24&window=3", server_.alice()).Json();
  ASSERT_EQ(day.at("items").as_array().size(), 1u);
  EXPECT_EQ(day.at("items").at(0).at("key").as_string(), first);
  EXPECT_EQ(server_.Get("/api/v1/library/on-this-day?window=99", server_.alice()).status, 400u);

  HttpResult feed = server_.Get("/api/v1/library/feed.atom", server_.alice());
  ASSERT_EQ(feed.status, 200u);
  EXPECT_EQ(feed.Header("content-type"), "application/atom+xml; charset=utf-8");
  EXPECT_NE(feed.body.find("<title>" + second + ": Checkout &lt;pool&gt; &amp; limits</title>"),
            std::string::npos)
      << feed.body;
  EXPECT_NE(feed.body.find("urn:debrief:incident:" + first + ":v1"), std::string::npos);
  EXPECT_EQ(feed.body.find("<pool>"), std::string::npos);

  // Related reviews are kept between requests, but never past the next publish.
  Publish("Checkout pool again", "pool", "checkout", "2026-11-18T10:00:00Z");
  related = server_.Get("/api/v1/incidents/" + second + "/related", server_.alice()).Json();
  EXPECT_EQ(related.at("items").as_array().size(), 2u);
}

// Issue 19: work as done and decision points were searched and labelled as the timeline.
TEST_F(LibraryTest, Issue19DecisionsAndWorkAsDoneHaveTheirOwnSection) {
  std::string key =
      server_.CreateIncident(server_.alice(), {{"title", "Replica lag"},
                                               {"status", "resolved"},
                                               {"started_at", "2026-11-20T10:00:00Z"},
                                               {"resolved_at", "2026-11-20T12:00:00Z"}});
  std::string base = "/api/v1/incidents/" + key;
  ASSERT_EQ(server_
                .Post(base + "/work-as-done", server_.alice(),
                      {{"procedure", "Failover runbook"},
                       {"prescribed", "Promote the standby"},
                       {"done", "Drained the queue by hand first"}})
                .status,
            201u);
  ASSERT_EQ(server_
                .Post(base + "/events", server_.alice(),
                      {{"at", "2026-11-20T10:05:00Z"}, {"kind", "alert"}, {"text", "Lag alert"}})
                .status,
            201u);
  ASSERT_EQ(server_.PublishReview(key, server_.alice()).status, 201u);
  bj::value drained = Search("q=drained", server_.alice());
  ASSERT_EQ(drained.at("total").as_int64(), 1);
  EXPECT_EQ(drained.at("items").at(0).at("snippets").at(0).at("section").as_string(), "decisions");
  bj::value lag = Search("q=alert", server_.alice());
  ASSERT_EQ(lag.at("total").as_int64(), 1);
  EXPECT_EQ(lag.at("items").at(0).at("snippets").at(0).at("section").as_string(), "timeline");
}

}  // namespace
}  // namespace debrief::http
