#include "app/library_entry.h"

#include <boost/json.hpp>
#include <set>

#include "app/anonymisation.h"
#include "formats/incident_snapshot.h"

namespace debrief::app {
namespace {

void Append(std::string& text, std::string_view more) {
  if (more.empty()) return;
  if (!text.empty()) text += '\n';
  text += more;
}

// Every field the record's people wrote in their own words, a line each.
template <class T>
void AppendProse(std::string& text, const T& record) {
  core::ForEachField<T>([&](const auto& field) {
    using Member = std::remove_cvref_t<decltype(record.*(field.member))>;
    if constexpr (std::is_same_v<Member, std::string>) {
      if (field.prose) Append(text, record.*(field.member));
    }
  });
}

template <class T>
void AppendAll(std::string& text, const std::vector<T>& records) {
  for (const T& record : records) AppendProse(text, record);
}

// The timeline's part of the review's text, at most kLibraryTimelineText bytes of it: the events
// people wrote or starred first (what the review is about), then imported ones in time order,
// each whole, until the next would not fit.
void AppendTimeline(std::string& text, const std::vector<core::TimelineEvent>& events) {
  std::vector<const core::TimelineEvent*> order;
  order.reserve(events.size());
  for (const core::TimelineEvent& event : events) {
    if (event.starred || !event.source.starts_with("import:")) order.push_back(&event);
  }
  for (const core::TimelineEvent& event : events) {
    if (!event.starred && event.source.starts_with("import:")) order.push_back(&event);
  }
  std::vector<bool> kept(events.size(), false);
  size_t size = 0;
  for (const core::TimelineEvent* event : order) {
    std::string line;
    AppendProse(line, *event);
    if (size + line.size() + 1 > kLibraryTimelineText) break;
    size += line.size() + 1;
    kept[static_cast<size_t>(event - events.data())] = true;
  }
  // Kept in the timeline's own order, so snippets read as it does.
  for (size_t index = 0; index < events.size(); ++index) {
    if (kept[index]) AppendProse(text, events[index]);
  }
}

store::LibraryText TextOf(const render::IncidentDocument& document) {
  store::LibraryText text;
  text.title = document.incident.title;
  Append(text.summary, document.incident.summary);
  Append(text.summary, document.incident.impact);
  for (const render::AccountWithEntries& account : document.accounts) {
    // "Priya Raman: what she wrote", so a snippet says whose account it comes from.
    std::string narrative;
    AppendProse(narrative, account.account);
    Append(text.accounts, account.author + ": " + narrative);
    AppendAll(text.accounts, account.entries);
  }
  AppendTimeline(text.timeline, document.events);
  AppendAll(text.decisions, document.decisions);
  AppendAll(text.decisions, document.work_as_done);
  AppendAll(text.factors, document.factors);
  AppendAll(text.lessons, document.lessons);
  AppendAll(text.actions, document.actions);
  // Answers to the template's questions, in the part of the review their section belongs to.
  for (const core::ReviewAnswer& answer : document.answers) {
    std::string* part = &text.summary;
    switch (answer.section) {
      case core::ReviewSection::kSummary:
      case core::ReviewSection::kImpact:
        part = &text.summary;
        break;
      case core::ReviewSection::kAccounts:
        part = &text.accounts;
        break;
      case core::ReviewSection::kTimeline:
        part = &text.timeline;
        break;
      case core::ReviewSection::kDecisions:
      case core::ReviewSection::kWorkAsDone:
        part = &text.decisions;
        break;
      case core::ReviewSection::kFactors:
        part = &text.factors;
        break;
      case core::ReviewSection::kActions:
        part = &text.actions;
        break;
      case core::ReviewSection::kLessons:
        part = &text.lessons;
        break;
    }
    Append(*part, answer.answer);
  }
  return text;
}

std::vector<store::LibraryLesson> LessonsOf(const render::IncidentDocument& document) {
  std::vector<store::LibraryLesson> lessons;
  for (const core::Lesson& lesson : document.lessons) {
    store::LibraryLesson out{lesson.title, lesson.body, {}};
    for (int64_t author : lesson.author_ids) {
      auto name = document.user_names.find(author);
      if (name != document.user_names.end()) out.authors.push_back(name->second);
    }
    lessons.push_back(std::move(out));
  }
  return lessons;
}

}  // namespace

store::LibraryEntry MakeLibraryEntry(const render::IncidentDocument& document,
                                     const render::Anonymiser& anonymiser,
                                     const core::PublishedVersion& version) {
  store::LibraryEntry entry;
  const core::Incident& incident = document.incident;
  entry.incident_id = incident.id;
  entry.key = incident.key;
  entry.version = version.number;
  entry.severity = incident.severity;
  entry.services = incident.services;
  entry.tags = incident.tags;
  std::set<std::string> categories;
  for (const core::ContributingFactor& factor : document.factors) {
    categories.insert(std::string(core::ToString(factor.category)));
  }
  entry.factor_categories.assign(categories.begin(), categories.end());
  entry.started_at = incident.started_at;
  entry.published_at = version.published_at;
  entry.named = TextOf(document);
  entry.named_lessons = LessonsOf(document);

  render::IncidentDocument anonymised = document;
  render::AnonymiseDocument(anonymised, anonymiser);
  entry.anonymised = TextOf(anonymised);
  entry.anonymised_lessons = LessonsOf(anonymised);
  return entry;
}

core::Result<void> IndexLatestVersion(store::Store& store, Anonymisation& anonymisation,
                                      const std::vector<core::User>& users, int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::PublishedVersion> versions,
                           store.ListPublishedVersions(incident_id));
  if (versions.empty()) return core::Ok();
  DEBRIEF_ASSIGN_OR_RETURN(core::PublishedVersion latest,
                           store.GetPublishedVersion(incident_id, versions.front().number));
  boost::system::error_code error;
  boost::json::value snapshot = boost::json::parse(latest.snapshot, error);
  if (error || !snapshot.is_object()) {
    return core::Error::Internal("published version " + std::to_string(latest.number) +
                                 " of incident " + std::to_string(incident_id) +
                                 " is not readable JSON");
  }
  DEBRIEF_ASSIGN_OR_RETURN(render::IncidentDocument document,
                           formats::DecodeIncidentDocument(snapshot.as_object()));
  for (const core::User& user : users) document.user_names[user.id] = user.name;
  DEBRIEF_ASSIGN_OR_RETURN(render::Anonymiser anonymiser, anonymisation.ForDocument(document));
  return store.IndexForLibrary(MakeLibraryEntry(document, anonymiser, latest));
}

core::Result<int> IndexLibraryBacklog(store::Store& store) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<int64_t> backlog, store.LibraryBacklog());
  if (backlog.empty()) return 0;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::User> users, store.ListUsers());
  Anonymisation anonymisation(store);
  int added = 0;
  for (int64_t incident_id : backlog) {
    DEBRIEF_RETURN_IF_ERROR(IndexLatestVersion(store, anonymisation, users, incident_id));
    ++added;
  }
  return added;
}

}  // namespace debrief::app
