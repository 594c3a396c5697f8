// A real SQLite store with four people (an admin, two members, a viewer) and a resolved incident,
// for the notification tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>

#include "app/notifications.h"
#include "store/open.h"

namespace debrief::app {

class NotificationFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("debrief-notify-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    Remove();
    auto store = store::OpenStore(path_.string(), clock_);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
    lena_ = AddUser("lena@example.com", "Lena Fischer", core::Role::kAdmin);
    priya_ = AddUser("priya@example.com", "Priya Raman", core::Role::kMember);
    marcus_ = AddUser("marcus@example.com", "Marcus Chen", core::Role::kMember);
    vera_ = AddUser("vera@example.com", "Vera Lind", core::Role::kViewer);
    core::Incident incident;
    incident.title = "Checkout errors";
    incident.severity = "SEV2";
    incident.status = core::IncidentStatus::kResolved;
    incident.started_at = *core::ParseRfc3339("2026-03-10T10:00:00Z");
    incident.resolved_at = *core::ParseRfc3339("2026-03-10T11:00:00Z");
    incident.created_by = lena_;
    auto created = store_->CreateIncident(incident, {lena_, "{}"});
    ASSERT_TRUE(created) << created.error().message();
    incident_ = *created;
    options_.email_available = true;
    options_.chat_hosts = {"127.0.0.1", "hooks.slack.com"};
  }
  void TearDown() override {
    store_.reset();
    Remove();
  }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix);
  }
  int64_t AddUser(const std::string& email, const std::string& name, core::Role role) {
    core::User user;
    user.email = email;
    user.name = name;
    user.role = role;
    user.password_hash = "x";
    auto created = store_->CreateUser(user, {});
    EXPECT_TRUE(created);
    return created->id;
  }
  core::Participant AddParticipant(int64_t user_id, const std::string& name) {
    core::Participant participant;
    participant.incident_id = incident_.id;
    participant.user_id = user_id;
    participant.name = name;
    auto stored = store_->participants().Insert(participant, {lena_, "{}"});
    EXPECT_TRUE(stored);
    return *stored;
  }
  Notifier notifier() { return Notifier(*store_, clock_, options_); }
  std::vector<core::Notification> InboxOf(int64_t user_id) {
    auto listed = store_->ListNotifications(user_id, std::nullopt, 100);
    EXPECT_TRUE(listed);
    return listed ? *listed : std::vector<core::Notification>{};
  }

  std::filesystem::path path_;
  core::FixedClock clock_{*core::ParseRfc3339("2026-03-14T12:00:00Z")};
  std::unique_ptr<store::Store> store_;
  NotificationOptions options_;
  int64_t lena_ = 0, priya_ = 0, marcus_ = 0, vera_ = 0;
  core::Incident incident_;
};

}  // namespace debrief::app
