// Accounts and their entries. Unlike other records, an account belongs to its author: only they
// change it, and others see it only once released (core/authorization.h decides).
#include <boost/json.hpp>
#include <charconv>

#include "app/record_checks.h"
#include "core/validation.h"
#include "formats/json/record_json.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

bj::object EncodeAccount(const core::Account& account,
                         const std::vector<core::AccountEntry>& entries) {
  bj::object object = formats::json::Encode(account);
  bj::array items;
  for (const core::AccountEntry& entry : entries) {
    if (entry.account_id == account.id) items.emplace_back(formats::json::Encode(entry));
  }
  object["entries"] = std::move(items);
  return object;
}

// The account named in the path, if the caller may read it (404 otherwise, so the existence
// of a private account is not revealed).
struct ReadableAccount {
  core::Incident incident;
  core::Account account;
};

core::Result<ReadableAccount> LoadReadableAccount(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, context.IdParameter(1, "account"));
  DEBRIEF_ASSIGN_OR_RETURN(core::Account account, context.store().accounts().Get(incident.id, id));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Participant> participants,
                           context.store().participants().List(incident.id));
  DEBRIEF_RETURN_IF_ERROR(core::AuthorizeAccountRead(context.caller(), account,
                                                     RelationOf(context, incident, participants)));
  return ReadableAccount{std::move(incident), std::move(account)};
}

core::Result<ReadableAccount> LoadWritableAccount(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(ReadableAccount loaded, LoadReadableAccount(context));
  DEBRIEF_RETURN_IF_ERROR(core::AuthorizeAccountWrite(context.caller(), loaded.account));
  return loaded;
}

core::Result<std::vector<core::AccountEntry>> EntriesOf(Context& context, int64_t incident_id,
                                                        int64_t account_id) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::AccountEntry> all,
                           context.store().entries().List(incident_id));
  std::vector<core::AccountEntry> entries;
  for (core::AccountEntry& entry : all) {
    if (entry.account_id == account_id) entries.push_back(std::move(entry));
  }
  return entries;
}

// same_as must name items of this incident; seen_event_ids must name its events. The refs'
// shape ("entry:12", "event:7") was checked by core::Validate.
core::Result<void> CheckEntryReferences(Context& context, int64_t incident_id,
                                        const core::AccountEntry& entry) {
  DEBRIEF_RETURN_IF_ERROR(
      app::CheckEventsExist(context.store(), incident_id, entry.seen_event_ids, "seen_event_ids"));
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
      auto event = context.store().events().Get(incident_id, id);
      if (!event) found = event.error();
    } else {
      auto other = context.store().entries().Get(incident_id, id);
      if (!other) found = other.error();
    }
    if (found) continue;
    if (found.error().code() != core::ErrorCode::kNotFound) return found.error();
    return core::Error::InvalidArgument("same_as names " + ref + ", which is not on this incident",
                                        "same_as");
  }
  return core::Ok();
}

core::Result<core::AccountEntry> LoadEntry(Context& context, const ReadableAccount& loaded) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t entry_id, context.IdParameter(2, "entry"));
  auto entry = context.store().entries().Get(loaded.incident.id, entry_id);
  if (!entry || entry->account_id != loaded.account.id) {
    return core::Error::NotFound("no entry " + std::to_string(entry_id) + " in account " +
                                 std::to_string(loaded.account.id));
  }
  return *entry;
}

}  // namespace

core::Result<ApiResponse> ListAccounts(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(auto participants, context.store().participants().List(incident.id));
  core::IncidentRelation relation = RelationOf(context, incident, participants);
  DEBRIEF_ASSIGN_OR_RETURN(auto accounts, context.store().accounts().List(incident.id));
  DEBRIEF_ASSIGN_OR_RETURN(auto entries, context.store().entries().List(incident.id));
  bj::array items;
  for (const core::Account& account : accounts) {
    if (core::CanReadAccount(context.caller(), account, relation)) {
      items.emplace_back(EncodeAccount(account, entries));
    }
  }
  bj::object body;
  body["items"] = std::move(items);
  return ApiResponse::Json(body);
}

core::Result<ApiResponse> CreateAccount(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  core::Account account;
  account.incident_id = incident.id;
  account.author_id = context.caller().user_id;
  DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(body, formats::json::ApplyMode::kCreate, account));
  DEBRIEF_RETURN_IF_ERROR(core::Validate(account));
  core::Account stored;
  DEBRIEF_RETURN_IF_ERROR(context.store().InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(auto participants, context.store().participants().List(incident.id));
    std::optional<core::Participant> author;
    for (const core::Participant& participant : participants) {
      if (participant.user_id == account.author_id) author = participant;
    }
    if (!author) {
      // Writing an account makes the writer a participant; a facilitator can change the role.
      DEBRIEF_ASSIGN_OR_RETURN(core::User user, context.store().GetUser(account.author_id));
      core::Participant participant;
      participant.incident_id = incident.id;
      participant.user_id = user.id;
      participant.name = user.name;
      participant.role = core::ParticipantRole::kResponder;
      DEBRIEF_ASSIGN_OR_RETURN(
          author, context.store().participants().Insert(
                      participant, ChangeBy(context, {}, formats::json::Encode(participant))));
    }
    DEBRIEF_ASSIGN_OR_RETURN(auto accounts, context.store().accounts().List(incident.id));
    for (const core::Account& existing : accounts) {
      if (existing.participant_id == author->id) {
        return core::Error::AlreadyExists("you already have an account on this incident (account " +
                                          std::to_string(existing.id) + "); add entries to it");
      }
    }
    account.participant_id = author->id;
    DEBRIEF_ASSIGN_OR_RETURN(stored,
                             context.store().accounts().Insert(
                                 account, ChangeBy(context, {}, formats::json::Encode(account))));
    return core::Ok();
  }));
  bj::object object = EncodeAccount(stored, {});
  AddLanguageFindings(context, incident.id, stored, object);
  return Created(context, object);
}

core::Result<ApiResponse> GetAccount(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(ReadableAccount loaded, LoadReadableAccount(context));
  DEBRIEF_ASSIGN_OR_RETURN(auto entries, EntriesOf(context, loaded.incident.id, loaded.account.id));
  return ApiResponse::Versioned(EncodeAccount(loaded.account, entries));
}

core::Result<ApiResponse> PatchAccount(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(ReadableAccount loaded, LoadWritableAccount(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  core::Account updated = loaded.account;
  DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(body, formats::json::ApplyMode::kPatch, updated));
  DEBRIEF_RETURN_IF_ERROR(core::Validate(updated));
  store::Change change =
      ChangeBy(context, formats::json::Encode(loaded.account), formats::json::Encode(updated));
  core::Account stored;
  DEBRIEF_RETURN_IF_ERROR(context.store().InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(stored,
                             context.store().accounts().Update(updated, expected_version, change));
    if (stored.visibility == loaded.account.visibility) return core::Ok();
    DEBRIEF_RETURN_IF_ERROR(
        NotifierFor(context).AccountReleased(loaded.incident, stored, context.caller().user_id));
    return core::Ok();
  }));
  DEBRIEF_ASSIGN_OR_RETURN(auto entries, EntriesOf(context, loaded.incident.id, stored.id));
  bj::object object = EncodeAccount(stored, entries);
  AddLanguageFindings(context, loaded.incident.id, stored, object);
  return ApiResponse::Versioned(object);
}

core::Result<ApiResponse> WithdrawAccount(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(ReadableAccount loaded, LoadWritableAccount(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  if (loaded.incident.review_status == core::ReviewStatus::kPublished) {
    return core::Error::Conflict(
        "the review is published; an account can no longer be withdrawn "
        "from it");
  }
  core::Account updated = loaded.account;
  updated.visibility = core::AccountVisibility::kWithdrawn;
  store::Change change =
      ChangeBy(context, formats::json::Encode(loaded.account), formats::json::Encode(updated));
  DEBRIEF_ASSIGN_OR_RETURN(core::Account stored,
                           context.store().accounts().Update(updated, expected_version, change));
  DEBRIEF_ASSIGN_OR_RETURN(auto entries, EntriesOf(context, loaded.incident.id, stored.id));
  return ApiResponse::Versioned(EncodeAccount(stored, entries));
}

core::Result<ApiResponse> CreateEntry(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(ReadableAccount loaded, LoadWritableAccount(context));
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  core::AccountEntry entry;
  entry.incident_id = loaded.incident.id;
  entry.account_id = loaded.account.id;
  DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(body, formats::json::ApplyMode::kCreate, entry));
  DEBRIEF_RETURN_IF_ERROR(core::Validate(entry));
  DEBRIEF_RETURN_IF_ERROR(CheckEntryReferences(context, loaded.incident.id, entry));
  DEBRIEF_ASSIGN_OR_RETURN(
      core::AccountEntry stored,
      context.store().entries().Insert(entry, ChangeBy(context, {}, formats::json::Encode(entry))));
  return Created(context, EncodeWithFindings(context, loaded.incident.id, stored));
}

core::Result<ApiResponse> PatchEntry(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(ReadableAccount loaded, LoadWritableAccount(context));
  DEBRIEF_ASSIGN_OR_RETURN(core::AccountEntry current, LoadEntry(context, loaded));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  core::AccountEntry updated = current;
  DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(body, formats::json::ApplyMode::kPatch, updated));
  DEBRIEF_RETURN_IF_ERROR(core::Validate(updated));
  DEBRIEF_RETURN_IF_ERROR(CheckEntryReferences(context, loaded.incident.id, updated));
  store::Change change =
      ChangeBy(context, formats::json::Encode(current), formats::json::Encode(updated));
  DEBRIEF_ASSIGN_OR_RETURN(core::AccountEntry stored,
                           context.store().entries().Update(updated, expected_version, change));
  return ApiResponse::Versioned(EncodeWithFindings(context, loaded.incident.id, stored));
}

core::Result<ApiResponse> DeleteEntry(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(ReadableAccount loaded, LoadWritableAccount(context));
  DEBRIEF_ASSIGN_OR_RETURN(core::AccountEntry current, LoadEntry(context, loaded));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_RETURN_IF_ERROR(
      context.store().entries().Delete(loaded.incident.id, current.id, expected_version,
                                       ChangeBy(context, formats::json::Encode(current), {})));
  return ApiResponse::NoContent();
}

}  // namespace debrief::http::handlers
