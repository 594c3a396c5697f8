// Accounts and their entries over HTTP. Unlike other records, an account belongs to its author:
// only they change it, and others see it only once released. app/accounts.h holds the use cases
// (and asks core/authorization.h on every load); these decode, call and encode.
#include <boost/json.hpp>

#include "app/accounts.h"
#include "formats/json/record_json.h"
#include "formats/json/record_text.h"
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

core::Result<app::LoadedAccount> LoadReadable(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, context.IdParameter(1, "account"));
  return app::LoadReadableAccount(context.store(), context.caller(), context.path_parameters.at(0),
                                  id);
}

core::Result<app::LoadedAccount> LoadWritable(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, context.IdParameter(1, "account"));
  return app::LoadWritableAccount(context.store(), context.caller(), context.path_parameters.at(0),
                                  id);
}

core::Result<core::AccountEntry> LoadEntry(Context& context, const app::LoadedAccount& loaded) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t entry_id, context.IdParameter(2, "entry"));
  return app::LoadEntry(context.store(), loaded, entry_id);
}

// The account as stored, with its entries and the findings in its narrative.
core::Result<ApiResponse> AnswerWritten(Context& context, const app::LoadedAccount& loaded,
                                        const core::Account& stored) {
  DEBRIEF_ASSIGN_OR_RETURN(auto entries,
                           app::EntriesOf(context.store(), {loaded.incident, stored}));
  bj::object object = EncodeAccount(stored, entries);
  AddLanguageFindings(context, loaded.incident.id, stored, object);
  return ApiResponse::Versioned(object);
}

}  // namespace

// The text of EncodeAccount for every readable account, written directly (record_text.h): the
// list is a part of every incident page view, and building each account's and entry's JSON
// document only to serialise it was most of its time.
core::Result<ApiResponse> ListAccounts(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(
      app::ReadableAccounts readable,
      app::ListReadableAccounts(context.store(), context.caller(), context.path_parameters.at(0)));
  namespace fj = formats::json;
  ApiResponse response;
  std::string& text = response.body;
  text.reserve(512 * (readable.accounts.size() + readable.entries.size() + 1));
  text += "{\"items\":[";
  for (size_t i = 0; i < readable.accounts.size(); ++i) {
    const core::Account& account = readable.accounts[i];
    if (i > 0) text += ',';
    fj::AppendEncoded(text, account);
    text.pop_back();  // Its closing brace: the entries go inside.
    text += ",\"entries\":[";
    bool first = true;
    for (const core::AccountEntry& entry : readable.entries) {
      if (entry.account_id != account.id) continue;
      if (!first) text += ',';
      first = false;
      fj::AppendEncoded(text, entry);
    }
    text += "]}";
  }
  text += "]}";
  return response;
}

core::Result<ApiResponse> CreateAccount(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  core::Account draft;
  DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(body, formats::json::ApplyMode::kCreate, draft));
  DEBRIEF_ASSIGN_OR_RETURN(core::Account stored,
                           app::StartAccount(context.store(), context.caller(), incident, draft));
  bj::object object = EncodeAccount(stored, {});
  AddLanguageFindings(context, incident.id, stored, object);
  return Created(context, object);
}

core::Result<ApiResponse> GetAccount(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(app::LoadedAccount loaded, LoadReadable(context));
  DEBRIEF_ASSIGN_OR_RETURN(auto entries, app::EntriesOf(context.store(), loaded));
  return ApiResponse::Versioned(EncodeAccount(loaded.account, entries));
}

core::Result<ApiResponse> PatchAccount(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(app::LoadedAccount loaded, LoadWritable(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  core::Account updated = loaded.account;
  DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(body, formats::json::ApplyMode::kPatch, updated));
  DEBRIEF_ASSIGN_OR_RETURN(core::Account stored,
                           app::ChangeAccount(context.store(), NotifierFor(context),
                                              context.caller(), loaded, updated, expected_version));
  return AnswerWritten(context, loaded, stored);
}

core::Result<ApiResponse> WithdrawAccount(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(app::LoadedAccount loaded, LoadWritable(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(
      core::Account stored,
      app::WithdrawAccount(context.store(), context.caller(), loaded, expected_version));
  DEBRIEF_ASSIGN_OR_RETURN(auto entries,
                           app::EntriesOf(context.store(), {loaded.incident, stored}));
  return ApiResponse::Versioned(EncodeAccount(stored, entries));
}

core::Result<ApiResponse> CreateEntry(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(app::LoadedAccount loaded, LoadWritable(context));
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  core::AccountEntry entry;
  DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(body, formats::json::ApplyMode::kCreate, entry));
  DEBRIEF_ASSIGN_OR_RETURN(core::AccountEntry stored,
                           app::AddEntry(context.store(), context.caller(), loaded, entry));
  return Created(context, EncodeWithFindings(context, loaded.incident.id, stored));
}

core::Result<ApiResponse> PatchEntry(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(app::LoadedAccount loaded, LoadWritable(context));
  DEBRIEF_ASSIGN_OR_RETURN(core::AccountEntry current, LoadEntry(context, loaded));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  core::AccountEntry updated = current;
  DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(body, formats::json::ApplyMode::kPatch, updated));
  DEBRIEF_ASSIGN_OR_RETURN(core::AccountEntry stored,
                           app::ChangeEntry(context.store(), context.caller(), loaded, current,
                                            updated, expected_version));
  return ApiResponse::Versioned(EncodeWithFindings(context, loaded.incident.id, stored));
}

core::Result<ApiResponse> DeleteEntry(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(app::LoadedAccount loaded, LoadWritable(context));
  DEBRIEF_ASSIGN_OR_RETURN(core::AccountEntry current, LoadEntry(context, loaded));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_RETURN_IF_ERROR(
      app::DeleteEntry(context.store(), context.caller(), loaded, current, expected_version));
  return ApiResponse::NoContent();
}

}  // namespace debrief::http::handlers
