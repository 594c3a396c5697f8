#include "http/incident_export.h"

#include <boost/json.hpp>

#include "http/json/record_json.h"

namespace debrief::http {
namespace {

namespace bj = boost::json;

template <class T>
bj::array EncodeAll(const std::vector<T>& records) {
  bj::array items;
  for (const T& record : records) items.emplace_back(json::Encode(record));
  return items;
}

}  // namespace

core::Result<render::IncidentDocument> LoadIncidentDocument(store::Store& store,
                                                            const std::string& key) {
  render::IncidentDocument document;
  DEBRIEF_ASSIGN_OR_RETURN(document.incident, store.GetIncident(key));
  int64_t id = document.incident.id;
  DEBRIEF_ASSIGN_OR_RETURN(document.participants, store.participants().List(id));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Account> accounts, store.accounts().List(id));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::AccountEntry> entries, store.entries().List(id));
  for (const core::Account& account : accounts) {
    if (account.visibility != core::AccountVisibility::kInReview) continue;
    render::AccountWithEntries shared{account, "", {}};
    for (const core::Participant& participant : document.participants) {
      if (participant.id == account.participant_id) shared.author = participant.name;
    }
    for (const core::AccountEntry& entry : entries) {
      if (entry.account_id == account.id) shared.entries.push_back(entry);
    }
    std::sort(shared.entries.begin(), shared.entries.end(),
              [](const auto& a, const auto& b) { return a.at < b.at; });
    document.accounts.push_back(std::move(shared));
  }
  DEBRIEF_ASSIGN_OR_RETURN(document.events, store.events().List(id));
  std::stable_sort(document.events.begin(), document.events.end(),
                   [](const auto& a, const auto& b) { return a.at < b.at; });
  DEBRIEF_ASSIGN_OR_RETURN(document.decisions, store.decisions().List(id));
  DEBRIEF_ASSIGN_OR_RETURN(document.factors, store.factors().List(id));
  DEBRIEF_ASSIGN_OR_RETURN(document.work_as_done, store.work_as_done().List(id));
  DEBRIEF_ASSIGN_OR_RETURN(document.actions, store.actions().List(id));
  DEBRIEF_ASSIGN_OR_RETURN(document.lessons, store.lessons().List(id));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::User> users, store.ListUsers());
  for (const core::User& user : users) document.user_names[user.id] = user.name;
  return document;
}

bj::object IncidentDocumentJson(const render::IncidentDocument& document) {
  bj::array accounts;
  for (const render::AccountWithEntries& shared : document.accounts) {
    bj::object account = json::Encode(shared.account);
    account["author"] = shared.author;
    account["entries"] = EncodeAll(shared.entries);
    accounts.emplace_back(std::move(account));
  }
  return {{"format", "debrief-incident"},
          {"format_version", 1},
          {"incident", json::Encode(document.incident)},
          {"participants", EncodeAll(document.participants)},
          {"accounts", std::move(accounts)},
          {"events", EncodeAll(document.events)},
          {"decisions", EncodeAll(document.decisions)},
          {"factors", EncodeAll(document.factors)},
          {"work_as_done", EncodeAll(document.work_as_done)},
          {"actions", EncodeAll(document.actions)},
          {"lessons", EncodeAll(document.lessons)}};
}

}  // namespace debrief::http
