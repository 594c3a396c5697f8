// An incident as a document a person reads outside debrief (render/incident_markdown.h and
// render/incident_html.h write it out), and its anonymised form. The document holds only what the
// review shares: accounts released to the review, never private ones.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/account.h"
#include "core/action_item.h"
#include "core/contributing_factor.h"
#include "core/decision_point.h"
#include "core/incident.h"
#include "core/lesson.h"
#include "core/participant.h"
#include "core/review_template.h"
#include "core/timeline_event.h"
#include "core/work_as_done.h"
#include "render/anonymise.h"

namespace debrief::render {

struct AccountWithEntries {
  core::Account account;
  std::string author;  // The participant's name.
  std::vector<core::AccountEntry> entries;
};

struct IncidentDocument {
  core::Incident incident;
  std::vector<core::Participant> participants;
  std::vector<AccountWithEntries> accounts;
  std::vector<core::TimelineEvent> events;
  std::vector<core::DecisionPoint> decisions;
  std::vector<core::ContributingFactor> factors;
  std::vector<core::WorkAsDone> work_as_done;
  std::vector<core::ActionItem> actions;
  std::vector<core::Lesson> lessons;
  // The template the review follows (sections in order, questions) and the answers to its
  // questions; renderers show sections in the template's order.
  core::ReviewTemplate review_template = core::BuiltInTemplate();
  std::vector<core::ReviewAnswer> answers;
  std::map<int64_t, std::string> user_names;  // For action owners and lesson authors.
};

// The anonymiser for the document's people: its participants, and every user it names
// (user_names) as a possible colleague mentioned in the text.
Anonymiser DocumentAnonymiser(const IncidentDocument& document);

// Every text of the document through the anonymiser, people's names by their labels.
void AnonymiseDocument(IncidentDocument& document, const Anonymiser& anonymiser);

}  // namespace debrief::render
