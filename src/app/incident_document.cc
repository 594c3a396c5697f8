#include "app/incident_document.h"

#include <algorithm>

#include "app/review_templates.h"

namespace debrief::app {

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
  DEBRIEF_ASSIGN_OR_RETURN(document.review_template, app::TemplateOf(store, document.incident));
  DEBRIEF_ASSIGN_OR_RETURN(document.answers, store.answers().List(id));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::User> users, store.ListUsers());
  for (const core::User& user : users) document.user_names[user.id] = user.name;
  return document;
}

}  // namespace debrief::app
