// Personal accounts and their entries. Unlike other records an account belongs to its author:
// only they change it, and others read it only once it is released (core/authorization.h
// decides). These use cases ask it on every load and again in every write, so no edge can skip
// the question. An account that a reader may not read is "not found", so its existence is not
// revealed either.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "app/notifications.h"
#include "core/account.h"
#include "core/authorization.h"
#include "core/incident.h"
#include "core/result.h"
#include "store/store.h"

namespace debrief::app {

// An account with the incident it belongs to, loaded for someone allowed to read (or write) it.
struct LoadedAccount {
  core::Incident incident;
  core::Account account;
};

// Every account of the incident the caller may read, and the entries of those accounts only (an
// account's entries are those with its id).
struct ReadableAccounts {
  core::Incident incident;
  std::vector<core::Account> accounts;
  std::vector<core::AccountEntry> entries;
};
core::Result<ReadableAccounts> ListReadableAccounts(store::Store& store,
                                                    const core::Principal& caller,
                                                    std::string_view key);

core::Result<LoadedAccount> LoadReadableAccount(store::Store& store, const core::Principal& caller,
                                                std::string_view key, int64_t account_id);
// As above, and the caller is its author.
core::Result<LoadedAccount> LoadWritableAccount(store::Store& store, const core::Principal& caller,
                                                std::string_view key, int64_t account_id);

// The account's entries, in the store's order.
core::Result<std::vector<core::AccountEntry>> EntriesOf(store::Store& store,
                                                        const LoadedAccount& loaded);

// The caller starts their own account (`draft`: its narrative and visibility). Writing one makes
// the caller a participant (a responder) if they were not; a participant has one account.
core::Result<core::Account> StartAccount(store::Store& store, const core::Principal& caller,
                                         const core::Incident& incident, core::Account draft);

// The author changes their account; those who may now read it are told when its visibility
// changes.
core::Result<core::Account> ChangeAccount(store::Store& store, Notifier notifier,
                                          const core::Principal& caller,
                                          const LoadedAccount& loaded, core::Account updated,
                                          int64_t expected_version);

// The author withdraws their account from the review (not once it is published).
core::Result<core::Account> WithdrawAccount(store::Store& store, const core::Principal& caller,
                                            const LoadedAccount& loaded, int64_t expected_version);

// The entry of the loaded account, or not found.
core::Result<core::AccountEntry> LoadEntry(store::Store& store, const LoadedAccount& loaded,
                                           int64_t entry_id);
// Entries of the author's account: what they name (same_as, seen_event_ids) must be on the
// incident.
core::Result<core::AccountEntry> AddEntry(store::Store& store, const core::Principal& caller,
                                          const LoadedAccount& loaded, core::AccountEntry entry);
core::Result<core::AccountEntry> ChangeEntry(store::Store& store, const core::Principal& caller,
                                             const LoadedAccount& loaded,
                                             const core::AccountEntry& current,
                                             core::AccountEntry updated, int64_t expected_version);
core::Result<void> DeleteEntry(store::Store& store, const core::Principal& caller,
                               const LoadedAccount& loaded, const core::AccountEntry& current,
                               int64_t expected_version);

}  // namespace debrief::app
