// A use-case test on a real SQLite store: a fresh file per test (removed with its WAL after),
// a fixed clock, and users added straight through the store.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/authorization.h"
#include "core/clock.h"
#include "store/open.h"

namespace debrief::app {

class SqliteStoreFixture : public ::testing::Test {
 protected:
  // `name` tells the test's file apart from other suites' in the temporary directory.
  explicit SqliteStoreFixture(std::string name) : name_(std::move(name)) {}

  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("debrief-" + name_ + "-" + std::to_string(::getpid()) + ".db");
    Remove();
    auto store = store::OpenStore(path_.string(), clock_);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    Remove();
  }
  core::Principal AddUser(const std::string& email, core::Role role) {
    core::User user;
    user.email = email;
    user.name = email.substr(0, email.find('@'));
    user.role = role;
    user.password_hash = "x";
    auto created = store_->CreateUser(user, {});
    EXPECT_TRUE(created);
    return {created->id, role};
  }

  core::FixedClock clock_{*core::ParseRfc3339("2026-03-14T12:00:00Z")};
  std::unique_ptr<store::Store> store_;

 private:
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_.string() + suffix);
    }
  }

  std::string name_;
  std::filesystem::path path_;
};

}  // namespace debrief::app
