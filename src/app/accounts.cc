#include "app/accounts.h"

#include <charconv>
#include <optional>
#include <set>

#include "app/change_by.h"
#include "app/record_checks.h"
#include "core/validation.h"

namespace debrief::app {
namespace {

// Whether the caller may read the entry's account. An entry of an account hidden from them
// counts as absent: linking to it must not reveal that it exists.
core::Result<bool> EntryReadable(store::Store& store, const core::Principal& caller,
                                 const core::Incident& incident, const core::AccountEntry& entry) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Account account,
                           store.accounts().Get(incident.id, entry.account_id));
  DEBRIEF_ASSIGN_OR_RETURN(auto participants, store.participants().List(incident.id));
  return core::CanReadAccount(caller, account, core::RelationTo(caller, incident, participants));
}

// same_as must name items of this incident the caller can read; seen_event_ids must name its
// events. The refs' shape ("entry:12", "event:7") was checked by core::Validate.
core::Result<void> CheckEntryReferences(store::Store& store, const core::Principal& caller,
                                        const core::Incident& incident,
                                        const core::AccountEntry& entry) {
  int64_t incident_id = incident.id;
  DEBRIEF_RETURN_IF_ERROR(
      CheckEventsExist(store, incident_id, entry.seen_event_ids, "seen_event_ids"));
  for (const std::string& ref : entry.same_as) {
    if (ref == "entry:" + std::to_string(entry.id)) {
      return core::Error::InvalidArgument("an entry cannot be the same as itself", "same_as");
    }
    bool is_event = ref.starts_with("event:");
    int64_t id = 0;
    std::string_view digits = std::string_view(ref).substr(ref.find(':') + 1);
    std::from_chars(digits.data(), digits.data() + digits.size(), id);
    core::Result<void> found = core::Ok();
    if (is_event) {
      auto event = store.events().Get(incident_id, id);
      if (!event) found = event.error();
    } else {
      auto other = store.entries().Get(incident_id, id);
      if (!other) {
        found = other.error();
      } else {
        DEBRIEF_ASSIGN_OR_RETURN(bool readable, EntryReadable(store, caller, incident, *other));
        if (!readable) found = core::Error::NotFound("no such entry");
      }
    }
    if (found) continue;
    if (found.error().code() != core::ErrorCode::kNotFound) return found.error();
    return core::Error::InvalidArgument("same_as names " + ref + ", which is not on this incident",
                                        "same_as");
  }
  return core::Ok();
}

// The caller's participant on the incident, added (as a responder, under their name) when they
// have none: a facilitator can change the role.
core::Result<core::Participant> AuthorAsParticipant(store::Store& store,
                                                    const core::Principal& caller,
                                                    const core::Incident& incident) {
  DEBRIEF_ASSIGN_OR_RETURN(auto participants, store.participants().List(incident.id));
  for (const core::Participant& participant : participants) {
    if (participant.user_id == caller.user_id) return participant;
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::User user, store.GetUser(caller.user_id));
  core::Participant participant;
  participant.incident_id = incident.id;
  participant.user_id = user.id;
  participant.name = user.name;
  participant.role = core::ParticipantRole::kResponder;
  return store.participants().Insert(participant,
                                     ChangeBy(caller, {}, formats::json::Encode(participant)));
}

// The entry belongs to the loaded account (and so to its incident).
core::Result<void> CheckEntryOf(const LoadedAccount& loaded, const core::AccountEntry& entry) {
  if (entry.account_id == loaded.account.id && entry.incident_id == loaded.incident.id) {
    return core::Ok();
  }
  return core::Error::NotFound("no entry " + std::to_string(entry.id) + " in account " +
                               std::to_string(loaded.account.id));
}

}  // namespace

core::Result<ReadableAccounts> ListReadableAccounts(store::Store& store,
                                                    const core::Principal& caller,
                                                    std::string_view key) {
  ReadableAccounts readable;
  DEBRIEF_ASSIGN_OR_RETURN(readable.incident, store.GetIncident(key));
  int64_t incident_id = readable.incident.id;
  DEBRIEF_ASSIGN_OR_RETURN(auto participants, store.participants().List(incident_id));
  core::IncidentRelation relation = core::RelationTo(caller, readable.incident, participants);
  DEBRIEF_ASSIGN_OR_RETURN(auto accounts, store.accounts().List(incident_id));
  std::set<int64_t> readable_ids;
  for (core::Account& account : accounts) {
    if (core::CanReadAccount(caller, account, relation)) {
      readable_ids.insert(account.id);
      readable.accounts.push_back(std::move(account));
    }
  }
  // Only the entries of those accounts: an unreadable account's moments never leave here.
  DEBRIEF_ASSIGN_OR_RETURN(auto entries, store.entries().List(incident_id));
  for (core::AccountEntry& entry : entries) {
    if (readable_ids.contains(entry.account_id)) readable.entries.push_back(std::move(entry));
  }
  return readable;
}

core::Result<LoadedAccount> LoadReadableAccount(store::Store& store, const core::Principal& caller,
                                                std::string_view key, int64_t account_id) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, store.GetIncident(key));
  DEBRIEF_ASSIGN_OR_RETURN(core::Account account, store.accounts().Get(incident.id, account_id));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Participant> participants,
                           store.participants().List(incident.id));
  DEBRIEF_RETURN_IF_ERROR(core::AuthorizeAccountRead(
      caller, account, core::RelationTo(caller, incident, participants)));
  return LoadedAccount{std::move(incident), std::move(account)};
}

core::Result<LoadedAccount> LoadWritableAccount(store::Store& store, const core::Principal& caller,
                                                std::string_view key, int64_t account_id) {
  DEBRIEF_ASSIGN_OR_RETURN(LoadedAccount loaded,
                           LoadReadableAccount(store, caller, key, account_id));
  DEBRIEF_RETURN_IF_ERROR(core::AuthorizeAccountWrite(caller, loaded.account));
  return loaded;
}

core::Result<std::vector<core::AccountEntry>> EntriesOf(store::Store& store,
                                                        const LoadedAccount& loaded) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::AccountEntry> all,
                           store.entries().List(loaded.incident.id));
  std::vector<core::AccountEntry> entries;
  for (core::AccountEntry& entry : all) {
    if (entry.account_id == loaded.account.id) entries.push_back(std::move(entry));
  }
  return entries;
}

core::Result<core::Account> StartAccount(store::Store& store, const core::Principal& caller,
                                         const core::Incident& incident, core::Account draft) {
  draft.incident_id = incident.id;
  draft.author_id = caller.user_id;
  DEBRIEF_RETURN_IF_ERROR(core::Validate(draft));
  core::Account stored;
  DEBRIEF_RETURN_IF_ERROR(store.InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(core::Participant author,
                             AuthorAsParticipant(store, caller, incident));
    DEBRIEF_ASSIGN_OR_RETURN(auto accounts, store.accounts().List(incident.id));
    for (const core::Account& existing : accounts) {
      if (existing.participant_id == author.id) {
        return core::Error::AlreadyExists("you already have an account on this incident (account " +
                                          std::to_string(existing.id) + "); add entries to it");
      }
    }
    draft.participant_id = author.id;
    DEBRIEF_ASSIGN_OR_RETURN(
        stored, store.accounts().Insert(draft, ChangeBy(caller, {}, formats::json::Encode(draft))));
    return core::Ok();
  }));
  return stored;
}

core::Result<core::Account> ChangeAccount(store::Store& store, Notifier notifier,
                                          const core::Principal& caller,
                                          const LoadedAccount& loaded, core::Account updated,
                                          int64_t expected_version) {
  DEBRIEF_RETURN_IF_ERROR(core::AuthorizeAccountWrite(caller, loaded.account));
  if (updated.id != loaded.account.id || updated.author_id != loaded.account.author_id ||
      updated.participant_id != loaded.account.participant_id) {
    return core::Error::InvalidArgument("an account keeps its author");
  }
  DEBRIEF_RETURN_IF_ERROR(core::Validate(updated));
  store::Change change =
      ChangeBy(caller, formats::json::Encode(loaded.account), formats::json::Encode(updated));
  core::Account stored;
  DEBRIEF_RETURN_IF_ERROR(store.InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(stored, store.accounts().Update(updated, expected_version, change));
    if (stored.visibility == loaded.account.visibility) return core::Ok();
    DEBRIEF_RETURN_IF_ERROR(notifier.AccountReleased(loaded.incident, stored, caller.user_id));
    return core::Ok();
  }));
  return stored;
}

core::Result<core::Account> WithdrawAccount(store::Store& store, const core::Principal& caller,
                                            const LoadedAccount& loaded, int64_t expected_version) {
  DEBRIEF_RETURN_IF_ERROR(core::AuthorizeAccountWrite(caller, loaded.account));
  if (loaded.incident.review_status == core::ReviewStatus::kPublished) {
    return core::Error::Conflict(
        "the review is published; an account can no longer be withdrawn from it");
  }
  core::Account updated = loaded.account;
  updated.visibility = core::AccountVisibility::kWithdrawn;
  store::Change change =
      ChangeBy(caller, formats::json::Encode(loaded.account), formats::json::Encode(updated));
  return store.accounts().Update(updated, expected_version, change);
}

core::Result<core::AccountEntry> LoadEntry(store::Store& store, const LoadedAccount& loaded,
                                           int64_t entry_id) {
  auto entry = store.entries().Get(loaded.incident.id, entry_id);
  if (!entry || entry->account_id != loaded.account.id) {
    return core::Error::NotFound("no entry " + std::to_string(entry_id) + " in account " +
                                 std::to_string(loaded.account.id));
  }
  return *entry;
}

core::Result<core::AccountEntry> AddEntry(store::Store& store, const core::Principal& caller,
                                          const LoadedAccount& loaded, core::AccountEntry entry) {
  DEBRIEF_RETURN_IF_ERROR(core::AuthorizeAccountWrite(caller, loaded.account));
  entry.incident_id = loaded.incident.id;
  entry.account_id = loaded.account.id;
  DEBRIEF_RETURN_IF_ERROR(core::Validate(entry));
  DEBRIEF_RETURN_IF_ERROR(CheckEntryReferences(store, caller, loaded.incident, entry));
  return store.entries().Insert(entry, ChangeBy(caller, {}, formats::json::Encode(entry)));
}

core::Result<core::AccountEntry> ChangeEntry(store::Store& store, const core::Principal& caller,
                                             const LoadedAccount& loaded,
                                             const core::AccountEntry& current,
                                             core::AccountEntry updated, int64_t expected_version) {
  DEBRIEF_RETURN_IF_ERROR(core::AuthorizeAccountWrite(caller, loaded.account));
  DEBRIEF_RETURN_IF_ERROR(CheckEntryOf(loaded, current));
  if (updated.id != current.id || updated.account_id != current.account_id) {
    return core::Error::InvalidArgument("an entry stays in its account");
  }
  DEBRIEF_RETURN_IF_ERROR(core::Validate(updated));
  DEBRIEF_RETURN_IF_ERROR(CheckEntryReferences(store, caller, loaded.incident, updated));
  store::Change change =
      ChangeBy(caller, formats::json::Encode(current), formats::json::Encode(updated));
  return store.entries().Update(updated, expected_version, change);
}

core::Result<void> DeleteEntry(store::Store& store, const core::Principal& caller,
                               const LoadedAccount& loaded, const core::AccountEntry& current,
                               int64_t expected_version) {
  DEBRIEF_RETURN_IF_ERROR(core::AuthorizeAccountWrite(caller, loaded.account));
  DEBRIEF_RETURN_IF_ERROR(CheckEntryOf(loaded, current));
  return store.entries().Delete(loaded.incident.id, current.id, expected_version,
                                ChangeBy(caller, formats::json::Encode(current), {}));
}

}  // namespace debrief::app
