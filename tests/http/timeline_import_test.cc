// POST /incidents/{key}/timeline/import: a preview that stores nothing, an import that lands whole
// and once, inputs refused with their line and nothing stored, bodies larger than other requests
// may send, and who may import.
#include <gtest/gtest.h>

#include <zip.h>
#include <map>
#include <set>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/raw_client.h"
#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::HttpResult;
using testing::TestServer;

class TimelineImportTest : public ::testing::Test {
 protected:
  TimelineImportTest() = default;
  // A server whose file routes take bodies up to `files_body_limit`.
  explicit TimelineImportTest(size_t files_body_limit) : server_(10'000, {}, files_body_limit) {}

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

  // What `participant` could know at `at`, per event: its time, its text, and the reason
  // ("audience", "not_known", ...) with the audience and since when, where the answer gives them.
  struct Known {
    std::string at;
    std::string text;
    std::string because;
    std::string via;
    std::string since;
  };
  std::vector<Known> KnowledgeOf(int64_t participant, std::string_view at) {
    HttpResult timeline = server_.Get("/api/v1/incidents/" + key_ +
                                          "/timeline?known_by=" + std::to_string(participant) +
                                          "&known_at=" + std::string(at),
                                      server_.alice());
    EXPECT_EQ(timeline.status, 200u) << timeline.body;
    std::vector<Known> known;
    bj::value body = timeline.Json();
    for (const bj::value& item : body.at("items").as_array()) {
      if (item.at("type").as_string() != "event") continue;
      auto text = [&](std::string_view key) {
        const bj::value* value = item.as_object().if_contains(key);
        return value ? std::string(value->as_string()) : std::string();
      };
      known.push_back({text("at"), std::string(item.at("event").at("text").as_string()),
                       text("known_because"), text("known_via"), text("known_since")});
    }
    return known;
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
  ExpectRefused(Import({{"format", "slack"}, {"content", ""}}), 400, "content_base64");
  ExpectRefused(Import({{"format", "slack"}, {"content_base64", "not base64!"}}), 400,
                "content_base64");
  ExpectRefused(Import({{"format", "slurm"}, {"content", ""}}), 400, "format");
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

// A whole import request as bytes for a raw client: JSON lines, one event each, `lines` of them.
std::string LargeImportRequest(const std::string& path, const std::string& token, int lines,
                               bool dry_run) {
  std::string content;
  content.reserve(static_cast<size_t>(lines) * 64);
  for (int line = 0; line < lines; ++line) {
    content += "{\"ts\":" + std::to_string(1773482400 + line % 3600) + ",\"m\":\"step " +
               std::to_string(line) + "\",\"run\":\"r" + std::to_string(line) + "\"}\n";
  }
  std::string body = bj::serialize(bj::object{{"format", "jsonl"},
                                              {"content", content},
                                              {"time_field", "ts"},
                                              {"time_format", "s"},
                                              {"text", "{m}"},
                                              {"id_field", "run"},
                                              {"dry_run", dry_run}});
  return "POST " + path + " HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + token +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

// A large file is read, staged, counted and stored on a worker with a connection of its own, so
// the event loop answers everyone else meanwhile (a 2,000-line preview held every request for
// 19 s once). Measured as the longest any /healthz waited while the import ran, against the
// import's own time: with the import on the event loop, one of them waits nearly all of it.
class LargeImportTest : public TimelineImportTest {
 protected:
  LargeImportTest() : TimelineImportTest(64 * 1024 * 1024) {}
};

TEST_F(LargeImportTest, OthersAreAnsweredWhileALargeImportRuns) {
  std::string request = LargeImportRequest(path_, server_.alice().token, 300'000, false);
  testing::RawClient importer(server_.port());
  ASSERT_TRUE(importer.connected());
  auto started = std::chrono::steady_clock::now();
  importer.Send(request);
  std::chrono::steady_clock::duration longest_wait{};
  int answered = 0;
  while (!importer.HasInput() &&
         std::chrono::steady_clock::now() - started < std::chrono::minutes(2)) {
    auto asked = std::chrono::steady_clock::now();
    ASSERT_EQ(server_.Request("GET", "/healthz").status, 200u);
    longest_wait = std::max(longest_wait, std::chrono::steady_clock::now() - asked);
    ++answered;
  }
  auto import_took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(importer.StatusLine(), "HTTP/1.1 200 OK");
  EXPECT_GT(answered, 5);
  EXPECT_LT(longest_wait, import_took / 2)
      << "longest /healthz wait "
      << std::chrono::duration_cast<std::chrono::milliseconds>(longest_wait).count()
      << " ms of an import taking "
      << std::chrono::duration_cast<std::chrono::milliseconds>(import_took).count() << " ms";
  HttpResult imports = server_.Get("/api/v1/incidents/" + key_ + "/imports", server_.alice());
  bj::value listed = imports.Json();
  ASSERT_EQ(listed.at("items").as_array().size(), 1u) << imports.body;
  EXPECT_EQ(listed.at("items").at(0).at("added").as_int64(), 300'000);
}

// A client that goes away while its import runs stops it: nothing is stored, and the worker is
// free again instead of finishing work nobody will read.
TEST_F(LargeImportTest, AnImportWhoseClientLeavesStopsAndStoresNothing) {
  std::string request = LargeImportRequest(path_, server_.alice().token, 300'000, false);
  {
    testing::RawClient importer(server_.port());
    ASSERT_TRUE(importer.connected());
    importer.Send(request);
    importer.Close();
  }
  // The server answers the stopped import with 503 (to nobody); its metrics count that answer.
  const std::string answered_stopped =
      "route=\"/api/v1/incidents/{key}/timeline/import\",status=\"503\"";
  bool stopped = false;
  for (auto until = std::chrono::steady_clock::now() + std::chrono::minutes(1);
       !stopped && std::chrono::steady_clock::now() < until;) {
    HttpResult metrics = server_.Get("/metrics", server_.alice());
    stopped = metrics.body.find(answered_stopped) != std::string::npos;
    if (!stopped) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(stopped) << "the import was not stopped";
  HttpResult imports = server_.Get("/api/v1/incidents/" + key_ + "/imports", server_.alice());
  EXPECT_EQ(imports.Json().at("items").as_array().size(), 0u) << imports.body;
  EXPECT_EQ(EventCount(), 0u);
}

TEST_F(TimelineImportTest, OnlyMembersImport) {
  bj::object request{{"format", "paste"}, {"content", kPasted}, {"date", "2026-03-14"}};
  EXPECT_EQ(Import(request, &server_.viewer()).status, 403u);
  EXPECT_EQ(server_.Request("POST", path_, {}, bj::serialize(request)).status, 401u);
  EXPECT_EQ(EventCount(), 0u);
  EXPECT_EQ(Import(request, &server_.bob()).status, 200u);
  EXPECT_EQ(EventCount(), 3u);
}

// Issue 19: an import is one unit, listed and undone whole until the review is published; an
// imported event's text can be corrected with the original kept; key events are starred and
// the short export keeps only those.
TEST_F(TimelineImportTest, Issue19AnImportIsListedAndUndoneWhole) {
  HttpResult manual = server_.Post("/api/v1/incidents/" + key_ + "/events", server_.alice(),
                                   {{"at", "2026-03-14T10:30:00Z"}, {"text", "Typed by hand"}});
  ASSERT_EQ(manual.status, 201u);
  HttpResult imported =
      Import({{"format", "paste"},
              {"content", "10:02 pool exhausted\n10:05 paged the DBA\n10:09 rolled back\n"},
              {"date", "2026-03-14"},
              {"time_zone", "UTC"},
              {"file_name", "notes.txt"}});
  ASSERT_EQ(imported.status, 200u) << imported.body;
  std::string imports = "/api/v1/incidents/" + key_ + "/imports";
  HttpResult listed = server_.Get(imports, server_.viewer());
  ASSERT_EQ(listed.status, 200u) << listed.body;
  bj::value unit = listed.Json().at("items").at(0);
  EXPECT_EQ(unit.at("format").as_string(), "paste");
  EXPECT_EQ(unit.at("name").as_string(), "notes.txt");
  EXPECT_EQ(unit.at("added").as_int64(), 3);
  EXPECT_EQ(unit.at("created_by").as_int64(), server_.alice().id);
  EXPECT_TRUE(unit.at("undone_at").is_null());
  EXPECT_EQ(EventCount(), 4u);

  std::string one = imports + "/" + std::to_string(unit.at("id").as_int64());
  EXPECT_EQ(server_.Request("DELETE", one, server_.viewer().token).status, 403u);
  HttpResult undone = server_.Request("DELETE", one, server_.bob().token);
  ASSERT_EQ(undone.status, 200u) << undone.body;
  EXPECT_EQ(undone.Json().at("removed").as_int64(), 3);
  EXPECT_EQ(undone.Json().at("undone_by").as_int64(), server_.bob().id);
  EXPECT_EQ(EventCount(), 1u);  // What was typed by hand stays.
  EXPECT_EQ(server_.Request("DELETE", one, server_.bob().token).status, 412u);
  EXPECT_EQ(server_.Request("DELETE", imports + "/999", server_.bob().token).status, 404u);
}

TEST_F(TimelineImportTest, Issue19APublishedReviewsImportsStay) {
  std::string key =
      server_.CreateIncident(server_.alice(), {{"status", "resolved"},
                                               {"started_at", "2026-03-14T10:00:00Z"},
                                               {"resolved_at", "2026-03-14T11:00:00Z"}});
  HttpResult imported =
      server_.Post("/api/v1/incidents/" + key + "/timeline/import", server_.alice(),
                   {{"format", "paste"},
                    {"content", "10:02 pool exhausted\n"},
                    {"date", "2026-03-14"},
                    {"time_zone", "UTC"}});
  ASSERT_EQ(imported.status, 200u) << imported.body;
  ASSERT_EQ(server_.PublishReview(key, server_.alice()).status, 201u);
  HttpResult listed = server_.Get("/api/v1/incidents/" + key + "/imports", server_.alice());
  std::string one = "/api/v1/incidents/" + key + "/imports/" +
                    std::to_string(listed.Json().at("items").at(0).at("id").as_int64());
  HttpResult refused = server_.Request("DELETE", one, server_.alice().token);
  EXPECT_EQ(refused.status, 409u) << refused.body;
  EXPECT_NE(refused.body.find("reopen"), std::string::npos);
}

TEST_F(TimelineImportTest, Issue19CorrectedImportsKeepTheirOriginalAndStarsMakeTheShortExport) {
  ASSERT_EQ(Import({{"format", "paste"},
                    {"content", "10:02 pool exhausetd on db-1\n10:09 rolled back\n"},
                    {"date", "2026-03-14"},
                    {"time_zone", "UTC"}})
                .status,
            200u);
  std::string events = "/api/v1/incidents/" + key_ + "/events";
  HttpResult list = server_.Get(events, server_.alice());
  bj::value first = list.Json().at("items").at(0);
  std::string path = events + "/" + std::to_string(first.at("id").as_int64());
  HttpResult corrected =
      server_.Patch(path, server_.alice(), {{"text", "Pool exhausted on db-1"}, {"starred", true}},
                    first.at("version").as_int64());
  ASSERT_EQ(corrected.status, 200u) << corrected.body;
  EXPECT_EQ(corrected.Json().at("text").as_string(), "Pool exhausted on db-1");
  EXPECT_EQ(corrected.Json().at("original_text").as_string(), "pool exhausetd on db-1");
  EXPECT_TRUE(corrected.Json().at("starred").as_bool());
  // A second correction keeps the source's own words, not the first correction.
  HttpResult again = server_.Patch(path, server_.alice(), {{"text", "Pool exhausted (db-1)"}},
                                   corrected.Json().at("version").as_int64());
  EXPECT_EQ(again.Json().at("original_text").as_string(), "pool exhausetd on db-1");
  // The original is the server's to keep.
  EXPECT_EQ(server_
                .Patch(path, server_.alice(), {{"original_text", "x"}},
                       again.Json().at("version").as_int64())
                .status,
            400u);

  HttpResult full = server_.Get("/api/v1/incidents/" + key_ + "/export?format=md", server_.alice());
  HttpResult key_only = server_.Get(
      "/api/v1/incidents/" + key_ + "/export?format=md&events=starred", server_.alice());
  ASSERT_EQ(key_only.status, 200u) << key_only.body;
  EXPECT_NE(full.body.find("rolled back"), std::string::npos);
  EXPECT_EQ(key_only.body.find("rolled back"), std::string::npos) << key_only.body;
  EXPECT_NE(key_only.body.find("Pool exhausted (db-1)"), std::string::npos);
  EXPECT_EQ(
      server_.Get("/api/v1/incidents/" + key_ + "/export?events=some", server_.alice()).status,
      400u);
}

// The bytes of a folder as a zip, as a browser would upload an export.
std::string ZipOf(const std::filesystem::path& folder) {
  std::filesystem::path file = std::filesystem::temp_directory_path() /
                               ("debrief-zip-" + std::to_string(::getpid()) + ".zip");
  std::filesystem::remove(file);
  int code = 0;
  zip_t* zip = zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  EXPECT_NE(zip, nullptr);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    std::string name = std::filesystem::relative(entry.path(), folder).string();
    zip_source_t* source = zip_source_file(zip, entry.path().c_str(), 0, -1);
    EXPECT_GE(zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE), 0);
  }
  EXPECT_EQ(zip_close(zip), 0);
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(file);
  return bytes;
}

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t at = 0; at < bytes.size(); at += 3) {
    uint32_t chunk = static_cast<unsigned char>(bytes[at]) << 16;
    if (at + 1 < bytes.size()) chunk |= static_cast<unsigned char>(bytes[at + 1]) << 8;
    if (at + 2 < bytes.size()) chunk |= static_cast<unsigned char>(bytes[at + 2]);
    out += kAlphabet[(chunk >> 18) & 63];
    out += kAlphabet[(chunk >> 12) & 63];
    out += at + 1 < bytes.size() ? kAlphabet[(chunk >> 6) & 63] : '=';
    out += at + 2 < bytes.size() ? kAlphabet[chunk & 63] : '=';
  }
  return out;
}

std::string ReadTestFile(const std::string& name) {
  std::ifstream in(std::string(DEBRIEF_TESTDATA) + "/ingest/" + name, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Issue 19: the Import dialog takes a Slack export as it is downloaded, a zip.
TEST_F(TimelineImportTest, Issue19ASlackExportIsUploadedAsItsZip) {
  std::string zip = Base64(ZipOf(std::string(DEBRIEF_TESTDATA) + "/ingest/slack-export"));
  HttpResult channels = Import({{"format", "slack"}, {"content_base64", zip}, {"dry_run", true}});
  ASSERT_EQ(channels.status, 200u) << channels.body;
  bool listed = false;
  for (const bj::value& name : channels.Json().at("channels").as_array()) {
    listed = listed || name.as_string() == "incident-142";
  }
  EXPECT_TRUE(listed) << channels.body;
  EXPECT_EQ(EventCount(), 0u);
  HttpResult preview = Import({{"format", "slack"},
                               {"content_base64", zip},
                               {"channel", "#incident-142"},
                               {"all_messages", true},
                               {"dry_run", true}});
  ASSERT_EQ(preview.status, 200u) << preview.body;
  int64_t would_add = preview.Json().at("added").as_int64();
  EXPECT_GT(would_add, 0);
  EXPECT_EQ(EventCount(), 0u);
  HttpResult imported = Import({{"format", "slack"},
                                {"content_base64", zip},
                                {"file_name", "acme-slack.zip"},
                                {"channel", "incident-142"},
                                {"all_messages", true}});
  ASSERT_EQ(imported.status, 200u) << imported.body;
  EXPECT_EQ(imported.Json().at("added").as_int64(), would_add);
  EXPECT_EQ(EventCount(), static_cast<size_t>(would_add));
  HttpResult units = server_.Get("/api/v1/incidents/" + key_ + "/imports", server_.alice());
  EXPECT_EQ(units.Json().at("items").at(0).at("name").as_string(),
            "#incident-142 of acme-slack.zip");
  // Not a zip, or no such channel: refused, nothing stored.
  ExpectRefused(
      Import({{"format", "slack"}, {"content_base64", Base64("just some text here, not a zip")}}),
      400, {}, "zip");
  ExpectRefused(Import({{"format", "slack"}, {"content_base64", zip}, {"channel", "nope"}}), 400,
                "channel", "incident-142");
  EXPECT_EQ(EventCount(), static_cast<size_t>(would_add));
}

// What each participant could see: a Slack channel's members over time become theirs, and
// the timeline says which messages reached whom, and why.
TEST_F(TimelineImportTest, ASlackImportTellsWhoCouldSeeWhichMessages) {
  std::string base = "/api/v1/incidents/" + key_;
  auto add = [&](std::string name) {
    HttpResult added = server_.Post(base + "/participants", server_.alice(),
                                    {{"name", name}, {"role", "responder"}});
    EXPECT_EQ(added.status, 201u) << added.body;
    return added.Json().at("id").as_int64();
  };
  int64_t priya = add("Priya Raman");
  int64_t lena = add("lena ortiz");  // Matched by name, whatever its case.
  std::string zip = Base64(ZipOf(std::string(DEBRIEF_TESTDATA) + "/ingest/slack-export"));
  bj::object request{{"format", "slack"},
                     {"content_base64", zip},
                     {"channel", "incident-142"},
                     {"all_messages", true}};
  // The preview says whose membership would be kept, and who is no participant.
  bj::object dry = request;
  dry["dry_run"] = true;
  HttpResult preview = Import(dry);
  ASSERT_EQ(preview.status, 200u) << preview.body;
  EXPECT_EQ(preview.Json().at("audience_memberships").as_int64(), 2);
  ASSERT_EQ(preview.Json().at("people_not_participants").as_array().size(), 1u);
  EXPECT_EQ(preview.Json().at("people_not_participants").at(0).as_string(), "Sam O.");
  HttpResult imported = Import(request);
  ASSERT_EQ(imported.status, 200u) << imported.body;
  EXPECT_EQ(imported.Json().at("audience_memberships").as_int64(), 2);

  auto known = [&](int64_t participant) {
    std::map<std::string, std::string> reasons;  // By the message's time.
    for (const Known& item : KnowledgeOf(participant, "2026-03-16T00:00:00Z")) {
      reasons[item.at] = item.because + (item.since.empty() ? "" : " since " + item.since);
    }
    return reasons;
  };
  // Lena joined at 10:04 and left at 10:20: the 10:02 message and the next day's are not hers.
  std::map<std::string, std::string> hers = known(lena);
  EXPECT_EQ(hers["2026-03-14T10:02:00Z"], "not_known");
  EXPECT_EQ(hers["2026-03-14T10:05:00Z"], "audience since 2026-03-14T10:04:00Z");
  EXPECT_EQ(hers["2026-03-15T02:00:00Z"], "not_known");
  // Priya was a member before the export's first day: every message reached her.
  for (const auto& [at, reason] : known(priya)) EXPECT_EQ(reason, "audience") << at;

  // Importing the export again replaces its memberships instead of doubling them.
  ASSERT_EQ(Import(request).status, 200u);
  EXPECT_EQ(known(lena)["2026-03-14T10:05:00Z"], "audience since 2026-03-14T10:04:00Z");
  auto stored = server_.store().GetIncident(key_);
  ASSERT_TRUE(stored);
  EXPECT_EQ(server_.store().ListAudienceMemberships(stored->id)->size(), 2u);
}

// What a participant could know from alerts: a PagerDuty incident's log names whom it reached
// (assigned, escalated to, notified, acknowledging), and whom an Alertmanager receiver paged is
// set by hand, for the span they were on it.
TEST_F(TimelineImportTest, PagerdutyAndReceiverAudiencesSayWhoWasPagedWhen) {
  std::string base = "/api/v1/incidents/" + key_;
  auto add = [&](std::string name) {
    HttpResult added = server_.Post(base + "/participants", server_.alice(),
                                    {{"name", name}, {"role", "responder"}});
    EXPECT_EQ(added.status, 201u) << added.body;
    return added.Json().at("id").as_int64();
  };
  int64_t priya = add("Priya Raman");
  int64_t omar = add("Omar Haddad");
  int64_t lena = add("Lena Ortiz");
  HttpResult paged = Import({{"format", "pagerduty"},
                             {"content", ReadTestFile("pagerduty-log-entries.json")},
                             {"file_name", "log_entries.json"}});
  ASSERT_EQ(paged.status, 200u) << paged.body;
  EXPECT_EQ(paged.Json().at("added").as_int64(), 7);
  EXPECT_EQ(paged.Json().at("audience_memberships").as_int64(), 2);
  EXPECT_TRUE(paged.Json().at("people_not_participants").as_array().empty());

  auto known = [&](int64_t participant) {
    std::map<std::string, std::string> reasons;  // By the event's text.
    for (const Known& item : KnowledgeOf(participant, "2026-11-30T00:00:00Z")) {
      reasons[item.text] = item.because + (item.via.empty() ? "" : " via " + item.via);
    }
    return reasons;
  };
  // Omar was escalated to at 10:15: the trigger at 10:00 had not reached him, his own
  // acknowledgement had.
  std::map<std::string, std::string> his = known(omar);
  EXPECT_EQ(his["Triggered through the API"], "not_known");
  EXPECT_EQ(his["Acknowledged by Omar Haddad."], "audience via pagerduty:PT4KHLK");
  EXPECT_EQ(known(priya)["Triggered through the API"], "audience via pagerduty:PT4KHLK");
  EXPECT_EQ(known(lena)["Resolved by Omar Haddad."], "not_known");

  // Alertmanager's receiver "hook" (the captured payload's) paged Lena from 11:06 on 24
  // November: the alerts that fired at 11:05:56 had not reached her; from 11:05 they had.
  ASSERT_EQ(Import({{"format", "alertmanager"},
                    {"content", ReadTestFile("alertmanager-webhook-captured.json")}})
                .status,
            200u);
  auto set = [&](bj::object body, const testing::TestUser* user = nullptr) {
    return server_.Request("PUT", base + "/audiences", (user ? *user : server_.alice()).token,
                           bj::serialize(body), {{"Content-Type", "application/json"}});
  };
  auto alerts_for_lena = [&] {
    int reached = 0;
    for (const auto& [text, reason] : known(lena))
      reached += reason == "audience via receiver:hook";
    return reached;
  };
  HttpResult late =
      set({{"audience", "receiver:hook"},
           {"members",
            bj::array{bj::object{{"participant_id", lena}, {"since", "2026-11-24T11:06:00Z"}}}}});
  ASSERT_EQ(late.status, 200u) << late.body;
  EXPECT_EQ(alerts_for_lena(), 0);
  HttpResult on_time = set({{"audience", "receiver:hook"},
                            {"members", bj::array{bj::object{{"participant_id", lena},
                                                             {"since", "2026-11-24T11:05:00Z"},
                                                             {"until", nullptr}}}}});
  ASSERT_EQ(on_time.status, 200u) << on_time.body;
  EXPECT_GE(alerts_for_lena(), 1);
  // The list holds the import's spans and the one set by hand, replaced, not added.
  HttpResult listed = server_.Get(base + "/audiences", server_.viewer());
  ASSERT_EQ(listed.status, 200u) << listed.body;
  bj::value list = listed.Json();
  int by_hand = 0;
  for (const bj::value& item : list.at("items").as_array()) {
    by_hand += item.at("set_by_hand").as_bool();
  }
  EXPECT_EQ(list.at("items").as_array().size(), 3u);
  EXPECT_EQ(by_hand, 1);
  // Importing the PagerDuty log again leaves the receiver's members alone.
  ASSERT_EQ(
      Import({{"format", "pagerduty"}, {"content", ReadTestFile("pagerduty-log-entries.json")}})
          .status,
      200u);
  EXPECT_GE(alerts_for_lena(), 1);

  // Bad requests change nothing.
  std::string other = server_.CreateIncident(server_.alice());
  HttpResult stranger = server_.Post("/api/v1/incidents/" + other + "/participants",
                                     server_.alice(), {{"name", "Sam"}, {"role", "responder"}});
  ASSERT_EQ(stranger.status, 201u);
  int64_t sam = stranger.Json().at("id").as_int64();
  auto member = [](int64_t id, bj::value since, bj::value until) {
    return bj::array{bj::object{{"participant_id", id}, {"since", since}, {"until", until}}};
  };
  ExpectRefused(set({{"audience", "receiver:hook"}, {"members", member(sam, nullptr, nullptr)}}),
                400, "participant_id", "not in the incident");
  ExpectRefused(set({{"audience", "receiver:hook"},
                     {"members", member(lena, "2026-11-24T12:00:00Z", "2026-11-24T11:00:00Z")}}),
                400, "until", "after");
  ExpectRefused(set({{"audience", "receiver:hook"}, {"members", member(lena, "noon", nullptr)}}),
                400, "members.since", "RFC 3339");
  ExpectRefused(set({{"audience", "participant:4"}, {"members", bj::array{}}}), 400, "audience",
                "group");
  ExpectRefused(set({{"audience", ""}, {"members", bj::array{}}}), 400, "audience", "");
  ExpectRefused(set({{"audience", "receiver:hook"}, {"members", "lena"}}), 400, "members", "");
  ExpectRefused(set({{"audience", "receiver:hook"}, {"members", bj::array{}}, {"extra", 1}}), 400,
                {}, "extra");
  EXPECT_EQ(
      set({{"audience", "receiver:hook"}, {"members", bj::array{}}}, &server_.viewer()).status,
      403u);
  EXPECT_EQ(server_.Request("GET", base + "/audiences").status, 401u);
  EXPECT_GE(alerts_for_lena(), 1);
  // An empty list takes the hand-set members away.
  ASSERT_EQ(set({{"audience", "receiver:hook"}, {"members", bj::array{}}}).status, 200u);
  EXPECT_EQ(alerts_for_lena(), 0);
}

// Who was on call for a receiver, from PagerDuty's on-calls: an alert that reached the receiver
// reached whoever was on call at that moment, matched to participants by e-mail, then name.
TEST_F(TimelineImportTest, OnCallRotationsSayWhomAReceiverReachedWhen) {
  std::string base = "/api/v1/incidents/" + key_;
  HttpResult alice = server_.Post(base + "/participants", server_.alice(),
                                  {{"name", "Alice"}, {"role", "on_call"}});
  ASSERT_EQ(alice.status, 201u) << alice.body;
  HttpResult bob = server_.Post(base + "/participants", server_.alice(),
                                {{"user_id", server_.bob().id}, {"role", "responder"}});
  ASSERT_EQ(bob.status, 201u) << bob.body;
  int64_t alice_id = alice.Json().at("id").as_int64();
  int64_t bob_id = bob.Json().at("id").as_int64();
  for (const char* at : {"2026-03-14T10:00:00Z", "2026-03-14T11:00:00Z"}) {
    HttpResult event = server_.Post(base + "/events", server_.alice(),
                                    {{"at", at},
                                     {"kind", "alert"},
                                     {"text", std::string("PaymentsErrors firing at ") + at},
                                     {"visible_to", bj::array{"receiver:payments-oncall"}}});
    ASSERT_EQ(event.status, 201u) << event.body;
  }
  auto send = [&](bj::object body, const testing::TestUser* user = nullptr) {
    return server_.Request("POST", base + "/audiences/oncalls",
                           (user ? *user : server_.alice()).token, bj::serialize(body),
                           {{"Content-Type", "application/json"}});
  };
  bj::object request{{"audience", "receiver:payments-oncall"},
                     {"content", ReadTestFile("pagerduty-oncalls.json")}};
  HttpResult imported = send(request);
  ASSERT_EQ(imported.status, 200u) << imported.body;
  EXPECT_EQ(imported.Json().at("added").as_int64(), 2);
  // Dana, on the second escalation level, is left out, not named as a stranger.
  EXPECT_EQ(imported.Json().at("later_levels").as_int64(), 1);
  EXPECT_TRUE(imported.Json().at("people_not_participants").as_array().empty());
  auto reached = [&](int64_t participant) {
    std::set<std::string> alerts;
    for (const Known& item : KnowledgeOf(participant, "2026-03-16T00:00:00Z")) {
      if (item.because == "audience") alerts.insert(item.at);
    }
    return alerts;
  };
  // Alice was on call until 10:30, Bob (by his e-mail; PagerDuty calls him Robert B.) after.
  EXPECT_EQ(reached(alice_id), (std::set<std::string>{"2026-03-14T10:00:00Z"}));
  EXPECT_EQ(reached(bob_id), (std::set<std::string>{"2026-03-14T11:00:00Z"}));
  // The same rotation read again replaces itself.
  ASSERT_EQ(send(request).status, 200u);
  EXPECT_EQ(server_.Get(base + "/audiences", server_.alice()).Json().at("items").as_array().size(),
            2u);
  // Bad requests change nothing.
  ExpectRefused(send({{"audience", "receiver:payments-oncall"}, {"content", "{"}}), 400, "content",
                "not JSON");
  ExpectRefused(
      send({{"audience", "receiver:payments-oncall"}, {"content", R"({"log_entries": []})"}}), 400,
      "content", "GET /oncalls");
  ExpectRefused(send({{"audience", "participant:1"}, {"content", "[]"}}), 400, "audience", "group");
  ExpectRefused(
      send({{"audience", "receiver:payments-oncall"}, {"content", "[]"}, {"format", "opsgenie"}}),
      400, "format", "pagerduty");
  ExpectRefused(send({{"audience", "receiver:payments-oncall"}}), 400, "content", "");
  EXPECT_EQ(send(request, &server_.viewer()).status, 403u);
  EXPECT_EQ(reached(alice_id), (std::set<std::string>{"2026-03-14T10:00:00Z"}));
}

// Issue 19: presets that need no field paths: Alertmanager's notifications and alerts, and
// Opsgenie's webhook payloads.
TEST_F(TimelineImportTest, Issue19AlertmanagerAndOpsgenieFilesNeedNoMapping) {
  HttpResult webhook = Import({{"format", "alertmanager"},
                               {"content", ReadTestFile("alertmanager-webhook-captured.json")},
                               {"file_name", "alerts.json"}});
  ASSERT_EQ(webhook.status, 200u) << webhook.body;
  EXPECT_GE(webhook.Json().at("added").as_int64(), 2);
  // The same alerts, resolved later and saved one notification per line: only what is new.
  std::string lines = ReadTestFile("alertmanager-webhook-captured.json");
  lines.erase(std::remove(lines.begin(), lines.end(), '\n'), lines.end());
  std::string resolved = ReadTestFile("alertmanager-webhook-captured-3-resolved.json");
  resolved.erase(std::remove(resolved.begin(), resolved.end(), '\n'), resolved.end());
  HttpResult logged =
      Import({{"format", "alertmanager"}, {"content", lines + "\n" + resolved + "\n"}});
  ASSERT_EQ(logged.status, 200u) << logged.body;
  EXPECT_GT(logged.Json().at("added").as_int64(), 0);
  EXPECT_GT(logged.Json().at("skipped").as_int64(), 0);
  // The alerts of Alertmanager's API (amtool alert query -o json).
  HttpResult api = Import(
      {{"format", "alertmanager"},
       {"content",
        R"([{"labels":{"alertname":"DiskFull","instance":"db-1"},"annotations":{"summary":"disk 95%"},)"
        R"("startsAt":"2026-03-14T10:01:00Z","endsAt":"2026-03-14T10:31:00Z","fingerprint":"abc123",)"
        R"("receivers":[{"name":"dba-oncall"}],"status":{"state":"active"},"updatedAt":"2026-03-14T10:01:00Z",)"
        R"("generatorURL":"https://prometheus.example.com/graph"}])"}});
  ASSERT_EQ(api.status, 200u) << api.body;
  EXPECT_EQ(api.Json().at("added").as_int64(), 1);
  ExpectRefused(Import({{"format", "alertmanager"}, {"content", "[1, 2]"}}), 400, {}, "item 1");

  HttpResult opsgenie = Import({{"format", "opsgenie"},
                                {"content", ReadTestFile("opsgenie-webhooks.json")},
                                {"dry_run", true}});
  ASSERT_EQ(opsgenie.status, 200u) << opsgenie.body;
  bj::value answer = opsgenie.Json();
  EXPECT_EQ(answer.at("added").as_int64(), 4);
  const bj::array& events = answer.at("preview").as_array();
  EXPECT_EQ(events[0].at("at").as_string(), "2026-03-14T10:02:00Z");
  EXPECT_EQ(events[0].at("kind").as_string(), "alert");
  EXPECT_EQ(events[0].at("text").as_string(), "Create 118: checkout-api p99 latency above 2s");
  EXPECT_EQ(events[1].at("actor").as_string(), "priya.raman@example.com");
  EXPECT_EQ(events[2].at("kind").as_string(), "communication");
  EXPECT_EQ(events[2].at("text").as_string(),
            "AddNote 118: Connection pool at 100%, rolling back the pool change");
  EXPECT_EQ(events[3].at("at").as_string(), "2026-03-14T10:30:00Z");
}

}  // namespace
}  // namespace debrief::http
