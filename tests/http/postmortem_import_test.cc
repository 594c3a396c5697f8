// POST /postmortems/import: an archive of postmortems uploaded from the browser, as files or as
// a zip; a preview that stores nothing, an archive that lands whole, and once.
#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <fstream>

#include "support/test_server.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;
using testing::HttpResult;
using testing::TestServer;

constexpr char kQueue[] = R"(---
title: Queue backlog on the orders service
date: 2025-03-03
severity: SEV2
services: [orders]
---
# Queue backlog on the orders service

## Summary

Orders waited up to 40 minutes in the queue after a consumer deploy.

## Timeline

All times UTC.

- **09:12** - Consumer lag alert fires
- **09:20** - Deploy rolled back
- **09:52** - Backlog drained

## Contributing factors

- The consumer's batch size changed with the deploy.

## Action items

- [ ] Alert on consumer lag growth (owner: alice@example.com)

## Lessons learned

- Lag alerts should page before the backlog is visible to customers.
)";

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

// A zip holding `files` (name -> text).
std::string Zip(const std::vector<std::pair<std::string, std::string>>& files) {
  auto path = std::filesystem::temp_directory_path() /
              ("debrief-postmortems-" + std::to_string(::getpid()) + ".zip");
  std::filesystem::remove(path);
  int code = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  for (const auto& [name, text] : files) {
    zip_source_t* source = zip_source_buffer(zip, text.data(), text.size(), 0);
    zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE);
  }
  zip_close(zip);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  return bytes;
}

class PostmortemImportTest : public ::testing::Test {
 protected:
  size_t IncidentCount() {
    return server_.Get("/api/v1/incidents", server_.alice()).Json().at("items").as_array().size();
  }
  TestServer server_;
};

TEST_F(PostmortemImportTest, Issue19AnArchiveIsPreviewedThenLandsOnce) {
  bj::object files{
      {"files", bj::array{bj::object{{"name", "2025-queue.md"}, {"content", kQueue}}}}};
  bj::object preview = files;
  preview["dry_run"] = true;
  HttpResult read = server_.Post("/api/v1/postmortems/import", server_.alice(), preview);
  ASSERT_EQ(read.status, 200u) << read.body;
  bj::value item = read.Json().at("items").at(0);
  EXPECT_EQ(item.at("title").as_string(), "Queue backlog on the orders service");
  EXPECT_EQ(item.at("date").as_string(), "2025-03-03");
  EXPECT_EQ(item.at("timeline_rows").as_int64(), 3);
  EXPECT_EQ(item.at("placed_rows").as_int64(), 3);
  EXPECT_EQ(item.at("action_items").as_int64(), 1);
  EXPECT_EQ(IncidentCount(), 0u);

  HttpResult stored = server_.Post("/api/v1/postmortems/import", server_.alice(), files);
  ASSERT_EQ(stored.status, 201u) << stored.body;
  std::string key(stored.Json().at("items").at(0).at("key").as_string());
  EXPECT_EQ(stored.Json().at("added").as_int64(), 1);
  HttpResult incident = server_.Get("/api/v1/incidents/" + key, server_.alice());
  EXPECT_EQ(incident.Json().at("status").as_string(), "resolved");
  EXPECT_EQ(incident.Json().at("review_status").as_string(), "drafting");
  EXPECT_EQ(incident.Json().at("created_by").as_int64(), server_.alice().id);
  // The same file again, now in a zip with a second one: only the new one is added.
  std::string zip =
      Base64(Zip({{"archive/2025-queue.md", kQueue},
                  {"archive/2024-disk.md", "# Disk full on the build hosts - May 2, 2024\n"},
                  {"archive/notes.txt", "not a postmortem"}}));
  HttpResult again = server_.Post("/api/v1/postmortems/import", server_.alice(),
                                  {{"archive_base64", zip}, {"file_name", "archive.zip"}});
  ASSERT_EQ(again.status, 201u) << again.body;
  EXPECT_EQ(again.Json().at("items").as_array().size(), 2u);
  EXPECT_EQ(again.Json().at("added").as_int64(), 1);
  EXPECT_EQ(IncidentCount(), 2u);
}

TEST_F(PostmortemImportTest, BadArchivesAreRefusedWholeWithTheirReason) {
  std::string path = "/api/v1/postmortems/import";
  HttpResult broken = server_.Post(
      path, server_.alice(),
      {{"files",
        bj::array{bj::object{{"name", "good.md"}, {"content", kQueue}},
                  bj::object{{"name", "broken.md"},
                             {"content", "---\ntitle: [never closed\n---\n# Broken\n"}}}}});
  EXPECT_EQ(broken.status, 400u) << broken.body;
  EXPECT_NE(broken.body.find("broken.md:3"), std::string::npos) << broken.body;
  EXPECT_EQ(IncidentCount(), 0u);
  // A preview reads every file and says which do not read, and why, beside the others.
  HttpResult preview = server_.Post(
      path, server_.alice(),
      {{"dry_run", true},
       {"files",
        bj::array{
            bj::object{{"name", "first.md"}, {"content", "---\ndate: [\n---\n# One\n"}},
            bj::object{{"name", "good.md"}, {"content", kQueue}},
            bj::object{{"name", "second.md"}, {"content", "---\ntitle: {open\n---\n# Two\n"}}}}});
  ASSERT_EQ(preview.status, 200u) << preview.body;
  bj::value previewed = preview.Json();
  const bj::array& items = previewed.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_NE(std::string(items[0].at("error").as_string()).find("first.md:"), std::string::npos);
  EXPECT_FALSE(items[1].as_object().contains("error"));
  EXPECT_EQ(items[1].at("title"), "Queue backlog on the orders service");
  EXPECT_NE(std::string(items[2].at("error").as_string()).find("second.md:"), std::string::npos);
  // Importing that archive names both files that do not read, and stores nothing.
  HttpResult refused_both = server_.Post(
      path, server_.alice(),
      {{"files",
        bj::array{
            bj::object{{"name", "first.md"}, {"content", "---\ndate: [\n---\n# One\n"}},
            bj::object{{"name", "good.md"}, {"content", kQueue}},
            bj::object{{"name", "second.md"}, {"content", "---\ntitle: {open\n---\n# Two\n"}}}}});
  EXPECT_EQ(refused_both.status, 400u);
  EXPECT_NE(refused_both.body.find("first.md:"), std::string::npos) << refused_both.body;
  EXPECT_NE(refused_both.body.find("second.md:"), std::string::npos) << refused_both.body;
  EXPECT_EQ(IncidentCount(), 0u);
  for (const bj::object& bad :
       {bj::object{}, bj::object{{"files", "x"}}, bj::object{{"files", bj::array{1}}},
        bj::object{{"archive_base64", "@@@@"}},
        bj::object{{"archive_base64", Base64("not a zip at all, sorry")}},
        bj::object{{"files", bj::array{bj::object{{"name", "a.md"}, {"content", "# A\n"}}}},
                   {"time_zone", "Mars/Olympus"}},
        bj::object{{"files", bj::array{}}, {"dry_run", "no"}}, bj::object{{"folder", "/etc"}}}) {
    HttpResult refused = server_.Post(path, server_.alice(), bad);
    EXPECT_EQ(refused.status, 400u) << bj::serialize(bad) << ": " << refused.body;
  }
  EXPECT_EQ(server_.Post(path, server_.viewer(), {{"files", bj::array{}}}).status, 403u);
  EXPECT_EQ(IncidentCount(), 0u);
}

// The archive importer runs the API's reference checks: someone named by address or @handle who
// is not a debrief user refuses that file, by name, in a preview and in an import (which stores
// nothing of the archive). A plain name that matches no one stays in the text.
TEST_F(PostmortemImportTest, AFileNamingAnUnknownAccountIsRefusedByName) {
  std::string path = "/api/v1/postmortems/import";
  std::string unknown_handle = kQueue;
  unknown_handle.replace(unknown_handle.find("alice@example.com"), 17, "@carol");
  std::string unknown_address = kQueue;
  unknown_address.replace(unknown_address.find("alice@example.com"), 17, "dana@example.org");
  unknown_address.replace(unknown_address.find("2025-03-03"), 10, "2025-04-01");
  bj::array files{bj::object{{"name", "good.md"}, {"content", kQueue}},
                  bj::object{{"name", "handle.md"}, {"content", unknown_handle}},
                  bj::object{{"name", "address.md"}, {"content", unknown_address}}};

  HttpResult preview = server_.Post(path, server_.alice(), {{"dry_run", true}, {"files", files}});
  ASSERT_EQ(preview.status, 200u) << preview.body;
  bj::value previewed = preview.Json();
  const bj::array& items = previewed.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_FALSE(items[0].as_object().contains("error"));
  std::string handle_error(items[1].at("error").as_string());
  EXPECT_NE(handle_error.find("handle.md: "), std::string::npos) << handle_error;
  EXPECT_NE(handle_error.find("@carol, who is not a debrief user"), std::string::npos);
  std::string address_error(items[2].at("error").as_string());
  EXPECT_NE(address_error.find("dana@example.org"), std::string::npos) << address_error;

  HttpResult refused = server_.Post(path, server_.alice(), {{"files", files}});
  EXPECT_EQ(refused.status, 400u) << refused.body;
  EXPECT_NE(refused.body.find("handle.md: "), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("address.md: "), std::string::npos) << refused.body;
  EXPECT_EQ(refused.body.find("good.md"), std::string::npos) << refused.body;
  EXPECT_EQ(IncidentCount(), 0u);

  // Someone who left, written by name: the action item keeps the name in its text.
  std::string by_name = kQueue;
  by_name.replace(by_name.find("alice@example.com"), 17, "Erin Walsh");
  HttpResult stored = server_.Post(
      path, server_.alice(),
      {{"files", bj::array{bj::object{{"name", "by-name.md"}, {"content", by_name}}}}});
  ASSERT_EQ(stored.status, 201u) << stored.body;
  std::string key(stored.Json().at("items").at(0).at("key").as_string());
  bj::value actions = server_.Get("/api/v1/incidents/" + key + "/actions", server_.alice()).Json();
  ASSERT_EQ(actions.at("items").as_array().size(), 1u);
  EXPECT_TRUE(actions.at("items").at(0).at("owner_id").is_null());
  EXPECT_NE(std::string(actions.at("items").at(0).at("description").as_string())
                .find("Owner: Erin Walsh"),
            std::string::npos);
}

}  // namespace
}  // namespace debrief::http
