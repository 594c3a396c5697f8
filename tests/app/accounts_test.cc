// Accounts through the use cases alone, on a real SQLite store: whatever edge calls them, only an
// account's author changes it or its moments, and a reader gets only the accounts (and moments)
// they may read.
#include "app/accounts.h"

#include <gtest/gtest.h>

#include "app/sqlite_store_fixture.h"

namespace debrief::app {
namespace {

class AccountsTest : public SqliteStoreFixture {
 protected:
  AccountsTest() : SqliteStoreFixture("accounts") {}
  void SetUp() override {
    SqliteStoreFixture::SetUp();
    alice_ = AddUser("alice@example.com", core::Role::kMember);
    bob_ = AddUser("bob@example.com", core::Role::kMember);
    core::Incident incident;
    incident.title = "Checkout answered slowly";
    incident.severity = "SEV2";
    incident.created_by = alice_.user_id;
    auto created = store_->CreateIncident(incident, {});
    ASSERT_TRUE(created) << created.error().message();
    incident_ = *created;
  }
  Notifier Tell() { return Notifier(*store_, clock_, options_); }
  // `author`'s account, private, with one moment.
  LoadedAccount Write(const core::Principal& author) {
    core::Account draft;
    draft.narrative = "I took the page and looked at the pool.";
    auto started = StartAccount(*store_, author, incident_, draft);
    EXPECT_TRUE(started) << started.error().message();
    auto loaded = LoadWritableAccount(*store_, author, incident_.key, started->id);
    EXPECT_TRUE(loaded) << loaded.error().message();
    core::AccountEntry entry;
    entry.at = *core::ParseRfc3339("2026-03-14T10:05:00Z");
    entry.did = "Opened the pool dashboard";
    auto added = AddEntry(*store_, author, *loaded, entry);
    EXPECT_TRUE(added) << added.error().message();
    return *loaded;
  }

  NotificationOptions options_;
  core::Principal alice_, bob_;
  core::Incident incident_;
};

TEST_F(AccountsTest, StartingAnAccountMakesTheAuthorAParticipantOnce) {
  LoadedAccount alices = Write(alice_);
  auto participants = store_->participants().List(incident_.id);
  ASSERT_TRUE(participants);
  ASSERT_EQ(participants->size(), 1u);
  EXPECT_EQ((*participants)[0].user_id, alice_.user_id);
  EXPECT_EQ(alices.account.participant_id, (*participants)[0].id);
  auto second = StartAccount(*store_, alice_, incident_, core::Account{});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code(), core::ErrorCode::kAlreadyExists);
}

// A private account, and its moments, are not found by anyone else; once released they are read.
TEST_F(AccountsTest, ReadersGetOnlyWhatTheyMayRead) {
  LoadedAccount alices = Write(alice_);
  Write(bob_);
  auto for_bob = ListReadableAccounts(*store_, bob_, incident_.key);
  ASSERT_TRUE(for_bob);
  ASSERT_EQ(for_bob->accounts.size(), 1u);
  EXPECT_EQ(for_bob->accounts[0].author_id, bob_.user_id);
  for (const core::AccountEntry& entry : for_bob->entries) {
    EXPECT_NE(entry.account_id, alices.account.id) << "a private account's moment left the store";
  }
  auto loaded = LoadReadableAccount(*store_, bob_, incident_.key, alices.account.id);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code(), core::ErrorCode::kNotFound);

  core::Account released = alices.account;
  released.visibility = core::AccountVisibility::kInReview;
  ASSERT_TRUE(ChangeAccount(*store_, Tell(), alice_, alices, released, alices.account.version));
  for_bob = ListReadableAccounts(*store_, bob_, incident_.key);
  ASSERT_TRUE(for_bob);
  EXPECT_EQ(for_bob->accounts.size(), 2u);
  EXPECT_EQ(for_bob->entries.size(), 2u);
}

// Even an edge that loaded the account only for reading cannot write it as someone else.
TEST_F(AccountsTest, EveryWriteIsTheAuthorsAlone) {
  LoadedAccount alices = Write(alice_);
  core::Account released = alices.account;
  released.visibility = core::AccountVisibility::kInReview;
  auto stored = ChangeAccount(*store_, Tell(), alice_, alices, released, alices.account.version);
  ASSERT_TRUE(stored);
  auto readable = LoadReadableAccount(*store_, bob_, incident_.key, alices.account.id);
  ASSERT_TRUE(readable) << readable.error().message();
  EXPECT_FALSE(LoadWritableAccount(*store_, bob_, incident_.key, alices.account.id));

  core::Account rewritten = readable->account;
  rewritten.narrative = "Someone else's words";
  auto changed = ChangeAccount(*store_, Tell(), bob_, *readable, rewritten, stored->version);
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().code(), core::ErrorCode::kPermissionDenied);
  EXPECT_FALSE(WithdrawAccount(*store_, bob_, *readable, stored->version));
  EXPECT_FALSE(AddEntry(*store_, bob_, *readable, core::AccountEntry{}));
  auto entries = EntriesOf(*store_, *readable);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 1u);
  core::AccountEntry moment = (*entries)[0];
  core::AccountEntry edited = moment;
  edited.did = "Something Alice never did";
  EXPECT_FALSE(ChangeEntry(*store_, bob_, *readable, moment, edited, moment.version));
  EXPECT_FALSE(DeleteEntry(*store_, bob_, *readable, moment, moment.version));
  auto after = EntriesOf(*store_, *readable);
  ASSERT_TRUE(after);
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].did, "Opened the pool dashboard");
}

// An entry of one account cannot be changed or deleted through another (the author's own).
TEST_F(AccountsTest, AnEntryStaysInItsAccount) {
  LoadedAccount alices = Write(alice_);
  LoadedAccount bobs = Write(bob_);
  auto alice_entries = EntriesOf(*store_, alices);
  ASSERT_TRUE(alice_entries);
  core::AccountEntry moment = (*alice_entries)[0];
  core::AccountEntry edited = moment;
  edited.did = "Rewritten through another account";
  auto changed = ChangeEntry(*store_, bob_, bobs, moment, edited, moment.version);
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().code(), core::ErrorCode::kNotFound);
  EXPECT_FALSE(DeleteEntry(*store_, bob_, bobs, moment, moment.version));
  auto moved = edited;
  moved.account_id = bobs.account.id;
  EXPECT_FALSE(ChangeEntry(*store_, alice_, alices, moment, moved, moment.version));
}

}  // namespace
}  // namespace debrief::app
