// The library's replica (what a PostgreSQL instance searches): kept in a folder only its user can
// enter, searchable as SQLite's library is, and gone with it.
#include "store/sqlite/library_replica.h"

#include <sys/stat.h>

#include <filesystem>

#include <gtest/gtest.h>

namespace debrief::store::sqlite {
namespace {

TEST(LibraryReplica, IsPrivateSearchableAndGoneWithIt) {
  std::string folder;
  {
    auto replica = LibraryReplica::Create();
    ASSERT_TRUE(replica) << replica.error().message();
    folder = (*replica)->folder();
    struct stat info {};
    ASSERT_EQ(::stat(folder.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0700u);
    LibraryEntry entry;
    entry.incident_id = 7;
    entry.key = "INC-2026-0007";
    entry.version = 1;
    entry.severity = "SEV2";
    entry.published_at = *core::ParseRfc3339("2026-03-14T12:00:00Z");
    entry.named.title = entry.anonymised.title = "Connection pool exhausted";
    entry.named.accounts = "Priya: I saw the pool at its limit.";
    entry.anonymised.accounts = "On-call engineer: I saw the pool at its limit.";
    ASSERT_TRUE((*replica)->Apply({entry}));
    LibraryQuery query;
    query.terms = {{{"pool"}}};
    auto page = (*replica)->index().Search(query);
    ASSERT_TRUE(page) << page.error().message();
    ASSERT_EQ(page->total, 1);
    EXPECT_EQ(page->hits[0].key, "INC-2026-0007");
    query.terms = {{{"priya"}}};
    query.anonymised = true;
    EXPECT_EQ((*replica)->index().Search(query)->total, 0);
  }
  EXPECT_FALSE(std::filesystem::exists(folder));
}

}  // namespace
}  // namespace debrief::store::sqlite
