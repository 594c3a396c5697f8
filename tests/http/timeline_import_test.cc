// POST /incidents/{key}/timeline/import: a preview that stores nothing, an import that lands whole
// and once, inputs refused with their line and nothing stored, bodies larger than other requests
// may send, and who may import.
#include <gtest/gtest.h>

#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::HttpResult;
using testing::TestServer;

class TimelineImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = server_.CreateIncident(server_.alice(), {{"started_at", "2026-03-14T10:00:00Z"}});
    path_ = "/api/v1/incidents/" + key_ + "/timeline/import";
  }

  HttpResult Import(bj::object body, const testing::TestUser* user = nullptr) {
    return server_.Post(path_, user ? *user : server_.alice(), body);
  }

  size_t EventCount() {
    HttpResult list = server_.Get("/api/v1/incidents/" + key_ + "/events", server_.alice());
    EXPECT_EQ(list.status, 200u) << list.body;
    return list.Json().at("items").as_array().size();
  }

  void ExpectRefused(const HttpResult& result, unsigned status, std::string_view field,
                     std::string_view detail_part = {}) {
    EXPECT_EQ(result.status, status) << result.body;
    EXPECT_EQ(result.Header("content-type"), "application/problem+json");
    bj::value problem = result.Json();
    if (!field.empty()) {
      ASSERT_TRUE(problem.as_object().contains("field")) << result.body;
      EXPECT_EQ(problem.at("field").as_string(), field);
    }
    if (!detail_part.empty()) {
      EXPECT_NE(std::string(problem.at("detail").as_string()).find(detail_part), std::string::npos)
          << result.body;
    }
  }

  TestServer server_;
  std::string key_;
  std::string path_;
};

constexpr std::string_view kPasted =
    "14:05 - payments 5xx rising\n"
    "14:07 priya: paged the DBA\n"
    "14:30 pool raised to 50\n";

TEST_F(TimelineImportTest, APreviewShowsTheEventsAndStoresNothing) {
  HttpResult preview = Import({{"format", "paste"},
                               {"content", kPasted},
                               {"date", "2026-03-14"},
                               {"time_zone", "Europe/Berlin"},
                               {"dry_run", true}});
  ASSERT_EQ(preview.status, 200u) << preview.body;
  bj::value body = preview.Json();
  EXPECT_EQ(body.at("dry_run").as_bool(), true);
  EXPECT_EQ(body.at("events").as_int64(), 3);
  EXPECT_EQ(body.at("added").as_int64(), 3);
  EXPECT_EQ(body.at("skipped").as_int64(), 0);
  const bj::array& events = body.at("preview").as_array();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].at("at").as_string(), "2026-03-14T13:05:00Z");
  EXPECT_EQ(events[0].at("text").as_string(), "payments 5xx rising");
  EXPECT_EQ(events[0].at("kind").as_string(), "observation");
  EXPECT_EQ(events[1].at("actor").as_string(), "priya");
  EXPECT_EQ(EventCount(), 0u);
}

TEST_F(TimelineImportTest, AnImportLandsOnceAndAgainAddsOnlyWhatIsNew) {
  bj::object request{
      {"format", "paste"}, {"content", kPasted}, {"date", "2026-03-14"}, {"event_kind", "action"}};
  HttpResult first = Import(request);
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(first.Json().at("added").as_int64(), 3);
  EXPECT_EQ(EventCount(), 3u);

  HttpResult again = Import(request);
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(again.Json().at("added").as_int64(), 0);
  EXPECT_EQ(again.Json().at("skipped").as_int64(), 3);

  request["content"] = std::string(kPasted) + "15:00 all clear\n";
  request["dry_run"] = true;
  HttpResult preview = Import(request);
  ASSERT_EQ(preview.status, 200u) << preview.body;
  EXPECT_EQ(preview.Json().at("added").as_int64(), 1);
  EXPECT_EQ(preview.Json().at("skipped").as_int64(), 3);
  EXPECT_EQ(EventCount(), 3u);

  HttpResult timeline = server_.Get("/api/v1/incidents/" + key_ + "/timeline", server_.viewer());
  ASSERT_EQ(timeline.status, 200u) << timeline.body;
  bj::value timeline_body = timeline.Json();
  const bj::array& items = timeline_body.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].at("event").at("kind").as_string(), "action");

  HttpResult audit = server_.Get("/api/v1/audit?limit=100", server_.admin());
  ASSERT_EQ(audit.status, 200u) << audit.body;
  size_t imports = 0;
  bj::value audit_body = audit.Json();
  for (const bj::value& entry : audit_body.at("items").as_array()) {
    imports += entry.at("action").as_string() == "import";
  }
  EXPECT_EQ(imports, 2u);  // Each committed import, none for the preview.
}

TEST_F(TimelineImportTest, StructuredLogsUseTheirFormatsAndMappings) {
  HttpResult jsonl =
      Import({{"format", "jsonl"},
              {"file_name", "deploys.jsonl"},
              {"content",
               "{\"ts\":1773482400,\"svc\":\"api\",\"v\":\"1.4.2\",\"run\":\"r1\"}\n"
               "{\"ts\":1773482460,\"svc\":\"web\",\"v\":\"2.0.0\",\"run\":\"r2\"}\n"},
              {"time_field", "ts"},
              {"time_format", "s"},
              {"text", "{svc} {v} deployed"},
              {"id_field", "run"},
              {"event_kind", "change"}});
  ASSERT_EQ(jsonl.status, 200u) << jsonl.body;
  bj::value body = jsonl.Json();
  EXPECT_EQ(body.at("added").as_int64(), 2);
  const bj::array& events = body.at("preview").as_array();
  EXPECT_EQ(events[0].at("text").as_string(), "api 1.4.2 deployed");
  EXPECT_EQ(events[0].at("source").as_string(), "import:jsonl:r1");
  EXPECT_EQ(events[0].at("at").as_string(), "2026-03-14T10:00:00Z");

  HttpResult csv = Import({{"format", "csv"},
                           {"delimiter", "tab"},
                           {"content", "time\tmessage\n2026-03-14T10:05:00Z\tcache flushed\n"}});
  ASSERT_EQ(csv.status, 200u) << csv.body;
  EXPECT_EQ(csv.Json().at("added").as_int64(), 1);
  EXPECT_EQ(EventCount(), 3u);
}

TEST_F(TimelineImportTest, AMalformedInputIsRefusedWithItsLineAndNothingIsStored) {
  HttpResult bad_line = Import({{"format", "jsonl"},
                                {"file_name", "deploys.jsonl"},
                                {"content",
                                 "{\"time\":\"2026-03-14T10:00:00Z\",\"message\":\"ok\"}\n"
                                 "{\"time\":\"2026-03-14T10:01:00Z\",\"message\":\"ok too\"}\n"
                                 "{\"time\": oops}\n"}});
  ExpectRefused(bad_line, 400, {}, "deploys.jsonl:3:");
  HttpResult untimed = Import({{"format", "paste"}, {"content", "no time here\n"}});
  ExpectRefused(untimed, 400, {}, "pasted text:1: no time at the start");
  HttpResult undated = Import({{"format", "chat"}, {"content", "[10:00] <sam> hi\n"}});
  ExpectRefused(undated, 400, {}, "without a date");
  EXPECT_EQ(EventCount(), 0u);
}

TEST_F(TimelineImportTest, RequestsOfTheWrongShapeNameTheirField) {
  ExpectRefused(Import({{"format", "slack"}, {"content", ""}}), 400, "format");
  ExpectRefused(Import({{"format", 7}, {"content", ""}}), 400, "format");
  ExpectRefused(Import({{"content", "10:00 x"}}), 400, "format");
  ExpectRefused(Import({{"format", "paste"}}), 400, "content");
  ExpectRefused(Import({{"format", "paste"}, {"content", "x"}, {"dry_run", "yes"}}), 400,
                "dry_run");
  ExpectRefused(Import({{"format", "paste"}, {"content", "x"}, {"date", 20260314}}), 400, "date");
  ExpectRefused(Import({{"format", "paste"}, {"content", "x"}, {"colour", "red"}}), 400, "colour");
  ExpectRefused(Import({{"format", "paste"}, {"content", "10:00 x"}, {"date", "14.03.2026"}}), 400,
                "date");
  ExpectRefused(Import({{"format", "paste"}, {"content", "10:00 x"}, {"event_kind", "explosion"}}),
                400, "event_kind");
  ExpectRefused(Import({{"format", "csv"}, {"content", "x"}, {"delimiter", "::"}}), 400,
                "delimiter");
  HttpResult not_json = server_.Request("POST", path_, server_.alice().token, "14:05 x");
  EXPECT_EQ(not_json.status, 400u) << not_json.body;
  std::string invalid_utf8 = "{\"format\":\"paste\",\"content\":\"10:00 caf\xe9\"}";
  HttpResult bad_bytes = server_.Request("POST", path_, server_.alice().token, invalid_utf8);
  ExpectRefused(bad_bytes, 400, {}, "UTF-8");
  HttpResult missing =
      server_.Post("/api/v1/incidents/INC-1999-0001/timeline/import", server_.alice(),
                   bj::object{{"format", "paste"}, {"content", ""}});
  EXPECT_EQ(missing.status, 404u) << missing.body;
  EXPECT_EQ(EventCount(), 0u);
}

TEST_F(TimelineImportTest, AFileMayBeLargerThanOtherRequestsUpToItsOwnLimit) {
  std::string lines;
  for (int minute = 0; lines.size() < 200 * 1024; minute = (minute + 1) % 60) {
    lines += "10:" + std::string(minute < 10 ? "0" : "") + std::to_string(minute) +
             " a line long enough to fill the body, number " + std::to_string(lines.size()) + "\n";
  }
  HttpResult large =
      Import({{"format", "paste"}, {"content", lines}, {"date", "2026-03-14"}, {"dry_run", true}});
  ASSERT_EQ(large.status, 200u) << large.body.substr(0, 300);
  EXPECT_GT(large.Json().at("events").as_int64(), 2000);
  EXPECT_EQ(large.Json().at("preview").as_array().size(), 50u);

  // Other requests keep the general limit.
  std::string event =
      R"({"at":"2026-03-14T10:00:00Z","text":")" + lines.substr(0, 100 * 1024) + R"("})";
  HttpResult too_large_event = server_.Request("POST", "/api/v1/incidents/" + key_ + "/events",
                                               server_.alice().token, event);
  EXPECT_EQ(too_large_event.status, 413u);

  std::string huge = R"({"format":"paste","content":")" + std::string(1200 * 1024, 'a') + R"("})";
  HttpResult too_large = server_.Request("POST", path_, server_.alice().token, huge);
  ExpectRefused(too_large, 413, {}, "1048576 bytes");
  EXPECT_EQ(server_.Request("GET", "/healthz").status, 200u);
}

TEST_F(TimelineImportTest, OnlyMembersImport) {
  bj::object request{{"format", "paste"}, {"content", kPasted}, {"date", "2026-03-14"}};
  EXPECT_EQ(Import(request, &server_.viewer()).status, 403u);
  EXPECT_EQ(server_.Request("POST", path_, {}, bj::serialize(request)).status, 401u);
  EXPECT_EQ(EventCount(), 0u);
  EXPECT_EQ(Import(request, &server_.bob()).status, 200u);
  EXPECT_EQ(EventCount(), 3u);
}

}  // namespace
}  // namespace debrief::http
