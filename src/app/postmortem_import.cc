#include "app/postmortem_import.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "app/incident_access.h"
#include "app/record_checks.h"
#include "ingest/event_mapping.h"
#include "ingest/plain_text.h"
#include "security/token.h"

namespace debrief::app {
namespace {

constexpr size_t kTitleLimit = 200;

std::string Cut(std::string text, size_t limit) {
  ingest::CutToCharacters(text, limit);
  return text;
}

std::vector<std::string> Distinct(std::vector<std::string> values) {
  std::vector<std::string> distinct;
  for (std::string& value : values) {
    std::string trimmed(ingest::TrimSpace(value));
    if (!trimmed.empty() &&
        std::find(distinct.begin(), distinct.end(), trimmed) == distinct.end()) {
      distinct.push_back(Cut(std::move(trimmed), 100));
    }
  }
  return distinct;
}

core::Incident IncidentOf(const ingest::Postmortem& postmortem, const core::SeverityScale& scale,
                          int64_t importer) {
  core::Incident incident;
  incident.title = Cut(postmortem.title, kTitleLimit);
  incident.summary = Cut(postmortem.summary, core::kLongTextLimit);
  incident.impact = Cut(postmortem.impact, core::kLongTextLimit);
  std::string severity = postmortem.severity;
  std::transform(severity.begin(), severity.end(), severity.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  incident.severity = scale.Contains(severity) ? severity : scale.levels.back();
  incident.services = Distinct(postmortem.services);
  std::vector<std::string> tags = postmortem.tags;
  tags.push_back("imported");
  incident.tags = Distinct(std::move(tags));
  // From the first row placed at a time to the last (a row placed on a day only says less:
  // it counts when no row has a time); else the day the file names.
  std::optional<core::Timestamp> first;
  std::optional<core::Timestamp> last;
  for (bool day_only : {false, true}) {
    for (const ingest::PostmortemRow& row : postmortem.timeline) {
      if (!row.at || row.date_only != day_only) continue;
      if (!first || *row.at < *first) first = row.at;
      if (!last || *row.at > *last) last = row.at;
    }
    if (first) break;
  }
  if (!first && postmortem.date) first = last = core::Timestamp(*postmortem.date);
  incident.started_at = first;
  incident.resolved_at = last;
  // A review written elsewhere: resolved, its review drafting here until it is published.
  if (last) {
    incident.status = core::IncidentStatus::kResolved;
    incident.review_status = core::ReviewStatus::kDrafting;
  }
  incident.created_by = importer;
  return incident;
}

// "The first line." of a text, for a title; the whole text goes in the body when it is longer.
std::string TitleOf(std::string_view text) {
  std::string_view first = text.substr(0, text.find('\n'));
  return Cut(std::string(ingest::TrimSpace(first)), kTitleLimit);
}

}  // namespace

core::Result<PostmortemImporter> PostmortemImporter::Begin(store::Store& store,
                                                           const core::SeverityScale& scale,
                                                           int64_t importer) {
  PostmortemImporter begun(store, scale, importer);
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::User> users, store.ListUsers());
  for (const core::User& user : users) {
    begun.users_.emplace(ingest::AsciiLower(user.email), user.id);
    begun.users_.emplace(ingest::AsciiLower(user.name), user.id);
    if (size_t at = user.email.find('@'); at != std::string::npos) {
      begun.users_.emplace(ingest::AsciiLower(user.email.substr(0, at)), user.id);
    }
  }
  return begun;
}

std::optional<int64_t> PostmortemImporter::FindUser(std::string_view written) const {
  std::string key = ingest::AsciiLower(ingest::TrimSpace(written));
  while (!key.empty() && key.front() == '@') key.erase(0, 1);
  auto found = users_.find(key);
  if (key.empty() || found == users_.end()) return std::nullopt;
  return found->second;
}

namespace {

// "@carol" or "carol@example.com": written to name a user account, not just a person.
bool NamesAnAccount(std::string_view written) {
  std::string_view trimmed = ingest::TrimSpace(written);
  // One account only: "@a, @b" or "Ana (ana@example.com)" are people named in words.
  if (trimmed.find_first_of(" ,;()") != std::string_view::npos) return false;
  if (trimmed.starts_with('@')) return trimmed.size() > 1;
  size_t at = trimmed.find('@');
  return at != std::string_view::npos && at > 0 && trimmed.find('.', at) != std::string_view::npos;
}

}  // namespace

std::vector<std::string> PostmortemImporter::UnknownPeople(
    const ingest::Postmortem& postmortem) const {
  std::vector<std::string> unknown;
  for (const ingest::PostmortemActionItem& action : postmortem.action_items) {
    if (!NamesAnAccount(action.owner) || FindUser(action.owner)) continue;
    unknown.push_back("action item \"" + TitleOf(action.title) + "\" is owned by " +
                      std::string(ingest::TrimSpace(action.owner)) +
                      ", who is not a debrief user: add them first, or write the owner's name "
                      "without an address or @");
  }
  for (const std::string& author : postmortem.authors) {
    if (!NamesAnAccount(author) || FindUser(author)) continue;
    unknown.push_back("the author " + std::string(ingest::TrimSpace(author)) +
                      " is not a debrief user: add them first, or write the author's name "
                      "without an address or @");
  }
  return unknown;
}

core::Result<StoredPostmortem> PostmortemImporter::Store(const std::string& name,
                                                         std::string_view content,
                                                         const ingest::Postmortem& postmortem) {
  store::Store& store = *store_;
  const core::SeverityScale& scale = scale_;
  int64_t importer = importer_;
  StoredPostmortem stored;
  std::string digest = security::DigestHex(content);
  DEBRIEF_ASSIGN_OR_RETURN(std::optional<std::string> before,
                           store.ImportedDocumentIncident(digest));
  if (before) {
    // Whoever holds the same file learns it was imported, but not where when that incident is
    // restricted from them.
    DEBRIEF_ASSIGN_OR_RETURN(core::Incident earlier, store.GetIncident(*before));
    DEBRIEF_ASSIGN_OR_RETURN(bool visible,
                             CanSeeIncident(store, {importer, core::Role::kMember}, earlier));
    stored.key = visible ? *before : std::string();
    stored.already_there = true;
    return stored;
  }
  store::Change change;
  change.actor_id = importer;
  change.diff_json =
      boost::json::serialize(boost::json::object{{"import", "markdown"}, {"file", name}});
  DEBRIEF_RETURN_IF_ERROR(store.InTransaction([&]() -> core::Result<void> {
    core::Incident incident = IncidentOf(postmortem, scale, importer);
    DEBRIEF_RETURN_IF_ERROR(core::Validate(incident, scale));
    DEBRIEF_ASSIGN_OR_RETURN(incident, store.CreateIncident(std::move(incident), change));
    stored.key = incident.key;

    std::vector<core::TimelineEvent> events;
    for (size_t index = 0; index < postmortem.timeline.size(); ++index) {
      const ingest::PostmortemRow& row = postmortem.timeline[index];
      if (!row.at) continue;  // Placeholders and rows with no day stay in the file's text.
      core::TimelineEvent event;
      event.at = *row.at;
      event.kind = ingest::GuessEventKind(row.text);
      event.text = row.text.empty() ? row.time_text : row.text;
      // A row whose time was left blank ("??:??") is on its day, at its start: say so.
      if (row.date_only && row.placeholder) event.text += " (time not recorded)";
      ingest::CutToEventText(event.text);
      event.source = "import:markdown:" + digest.substr(0, 16) + ":" + std::to_string(index);
      event.visible_to = {"all"};
      events.push_back(std::move(event));
    }
    DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<store::EventImport> import,
                             store.BeginEventImport(incident.id));
    DEBRIEF_RETURN_IF_ERROR(import->Add(events));
    DEBRIEF_ASSIGN_OR_RETURN(store::ImportCounts counts,
                             import->Commit(change, {"markdown", name}));
    stored.events = counts.added;

    for (const ingest::PostmortemFactor& read : postmortem.factors) {
      core::ContributingFactor factor;
      factor.incident_id = incident.id;
      factor.category = read.category;
      factor.text = Cut(read.text, core::kLongTextLimit);
      DEBRIEF_RETURN_IF_ERROR(CheckReferences(store, incident, factor));
      DEBRIEF_RETURN_IF_ERROR(core::Validate(factor));
      DEBRIEF_RETURN_IF_ERROR(store.factors().Insert(factor, change));
      ++stored.factors;
    }
    for (const ingest::PostmortemActionItem& read : postmortem.action_items) {
      core::ActionItem action;
      action.incident_id = incident.id;
      action.title = TitleOf(read.title);
      if (action.title.empty()) continue;
      std::string description = read.title == action.title ? "" : read.title;
      action.owner_id = FindUser(read.owner);
      if (!action.owner_id && !read.owner.empty()) {
        description += (description.empty() ? "" : "\n\n") + std::string("Owner: ") + read.owner;
      }
      action.description = Cut(description, core::kLongTextLimit);
      action.status = read.done ? core::ActionStatus::kDone : core::ActionStatus::kOpen;
      if (core::IsSafeLink(read.tracker_url)) {
        action.tracker_url = Cut(read.tracker_url, 2'000);
      }
      DEBRIEF_RETURN_IF_ERROR(CheckReferences(store, incident, action));
      DEBRIEF_RETURN_IF_ERROR(core::Validate(action));
      DEBRIEF_RETURN_IF_ERROR(store.actions().Insert(action, change));
      ++stored.action_items;
    }
    std::vector<int64_t> authors;
    for (const std::string& author : postmortem.authors) {
      if (auto id = FindUser(author)) authors.push_back(*id);
    }
    for (const ingest::PostmortemLesson& read : postmortem.lessons) {
      core::Lesson lesson;
      lesson.incident_id = incident.id;
      lesson.title = TitleOf(read.text);
      if (lesson.title.empty()) continue;
      std::string body = read.text == lesson.title ? "" : read.text;
      if (!read.theme.empty()) body += (body.empty() ? "" : "\n\n") + ("*" + read.theme + "*");
      lesson.body = Cut(body, core::kLongTextLimit);
      lesson.author_ids = authors;
      DEBRIEF_RETURN_IF_ERROR(CheckReferences(store, incident, lesson));
      DEBRIEF_RETURN_IF_ERROR(core::Validate(lesson));
      DEBRIEF_RETURN_IF_ERROR(store.lessons().Insert(lesson, change));
      ++stored.lessons;
    }
    store::ImportedDocument document;
    document.incident_id = incident.id;
    document.name = name;
    document.digest = digest;
    document.content = std::string(content);
    DEBRIEF_RETURN_IF_ERROR(store.AddImportedDocument(std::move(document), change));
    return core::Ok();
  }));
  return stored;
}

std::vector<ImportedPostmortem> ReadPostmortems(const std::vector<PostmortemFile>& files,
                                                const ingest::PostmortemOptions& reading) {
  std::vector<ImportedPostmortem> imported;
  for (const PostmortemFile& file : files) {
    auto postmortem = ingest::ReadPostmortem(file.name, file.content, reading);
    ImportedPostmortem& one = imported.emplace_back();
    one.name = file.name;
    if (postmortem) {
      one.postmortem = std::move(*postmortem);
    } else {
      one.refused = postmortem.error();
    }
  }
  return imported;
}

core::Result<void> EveryFileRead(const std::vector<ImportedPostmortem>& imported) {
  std::vector<core::FieldViolation> violations;
  for (const ImportedPostmortem& one : imported) {
    if (one.refused) violations.push_back({"files", one.refused->message()});
  }
  if (violations.empty()) return core::Ok();
  return core::Error::Invalid(std::move(violations));
}

namespace {

// Marks `refused` each file naming someone unknown by address or @handle, saying who.
void RefuseUnknownPeople(const PostmortemImporter& importer,
                         std::vector<ImportedPostmortem>& imported) {
  for (ImportedPostmortem& one : imported) {
    if (one.refused) continue;
    std::vector<std::string> unknown = importer.UnknownPeople(one.postmortem);
    if (unknown.empty()) continue;
    std::string message = one.name + ": ";
    for (size_t index = 0; index < unknown.size(); ++index) {
      message += (index == 0 ? "" : "; ") + unknown[index];
    }
    one.refused = core::Error::InvalidArgument(message, "files");
  }
}

}  // namespace

core::Result<void> CheckPeople(store::Store& store, std::vector<ImportedPostmortem>& imported) {
  DEBRIEF_ASSIGN_OR_RETURN(PostmortemImporter reading,
                           PostmortemImporter::Begin(store, core::SeverityScale{}, 0));
  RefuseUnknownPeople(reading, imported);
  return core::Ok();
}

core::Result<void> StorePostmortems(store::Store& store, const core::SeverityScale& scale,
                                    int64_t importer, const std::vector<PostmortemFile>& files,
                                    std::vector<ImportedPostmortem>& imported) {
  return store.InTransaction([&]() -> core::Result<void> {
    // The users are read once, in the transaction that stores: who is checked is who is linked.
    DEBRIEF_ASSIGN_OR_RETURN(PostmortemImporter storing,
                             PostmortemImporter::Begin(store, scale, importer));
    RefuseUnknownPeople(storing, imported);
    DEBRIEF_RETURN_IF_ERROR(EveryFileRead(imported));
    for (size_t index = 0; index < imported.size(); ++index) {
      DEBRIEF_ASSIGN_OR_RETURN(
          imported[index].stored,
          storing.Store(imported[index].name, files[index].content, imported[index].postmortem));
    }
    return core::Ok();
  });
}

}  // namespace debrief::app
