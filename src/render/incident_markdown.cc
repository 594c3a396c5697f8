#include "render/incident_markdown.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/timeline_merge.h"
#include "render/field_text.h"

namespace debrief::render {
namespace {

// "2026-03-14T10:05:00Z" -> "2026-03-14 10:05 UTC".
std::string When(core::Timestamp instant) {
  std::string text = core::FormatRfc3339(instant);
  return text.substr(0, 10) + " " + text.substr(11, 5) + " UTC";
}

std::string When(const std::optional<core::Timestamp>& instant) {
  return instant ? When(*instant) : "—";
}

std::string Minutes(const std::optional<core::Duration>& duration) {
  if (!duration) return "—";
  auto minutes = std::chrono::duration_cast<std::chrono::minutes>(*duration).count();
  if (minutes < 60) return std::to_string(minutes) + " min";
  return std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) + " min";
}

// A plain field inside a table cell: one line, escaped; "—" when empty.
std::string Cell(FieldText& f, std::string_view text) {
  return text.empty() ? "—" : f.Inline(text);
}

std::string Label(std::string_view value) {
  std::string label(value);
  std::replace(label.begin(), label.end(), '_', ' ');
  return label;
}

std::string Capitalised(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

// "**Label** text" for a plain field, left out when empty.
void Paragraph(std::string& out, FieldText& f, std::string_view label, std::string_view text) {
  if (text.empty()) return;
  out += "**" + std::string(label) + "** " + f.Block(text) + "\n\n";
}

void List(std::string& out, FieldText& f, const std::vector<std::string>& items) {
  for (const std::string& item : items) out += "- " + f.Inline(item) + "\n";
  if (!items.empty()) out += "\n";
}

std::string NameOf(const IncidentDocument& document, std::optional<int64_t> user_id) {
  if (!user_id) return "";
  auto found = document.user_names.find(*user_id);
  return found == document.user_names.end() ? "" : found->second;
}

// What a timeline ref ("entry:12", "event:7") stands for, in words a reader follows: who or what,
// when, and what.
class RefWords {
 public:
  explicit RefWords(const IncidentDocument& document) {
    for (const core::TimelineEvent& event : document.events) {
      std::string source = Label(core::ToString(event.kind));
      if (!event.actor.empty()) source += " from " + event.actor;
      words_["event:" + std::to_string(event.id)] =
          "the " + source + " event at " + When(event.at) + " (“" + Short(event.text) + "”)";
    }
    for (const AccountWithEntries& account : document.accounts) {
      for (const core::AccountEntry& entry : account.entries) {
        std::string what = !entry.did.empty()   ? entry.did
                           : !entry.saw.empty() ? entry.saw
                                                : entry.expected;
        words_["entry:" + std::to_string(entry.id)] =
            account.author + "’s account at " + When(entry.at) + " (“" + Short(what) + "”)";
      }
    }
  }

  std::string operator()(const std::string& ref) const {
    auto found = words_.find(ref);
    return found == words_.end() ? ref : found->second;
  }

 private:
  static std::string Short(std::string_view text) {
    if (text.size() <= 80) return std::string(text);
    size_t cut = 77;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "…";
  }

  std::map<std::string, std::string> words_;
};

void AppendKeyFacts(std::string& out, const IncidentDocument& document, FieldText& f) {
  const core::Incident& incident = document.incident;
  core::IncidentMetrics metrics = core::ComputeMetrics(incident);
  std::string services;
  for (const std::string& service : incident.services) {
    services += (services.empty() ? "" : ", ") + service;
  }
  if (incident.kind == core::IncidentKind::kNearMiss) {
    out += "*A near miss: the harm did not happen this time.*\n\n";
  }
  out += "| Severity | Status | Review | Services |\n|---|---|---|---|\n";
  out += "| " + Cell(f, incident.severity) + " | " + Label(core::ToString(incident.status)) +
         " | " + Label(core::ToString(incident.review_status)) + " | " + Cell(f, services) +
         " |\n\n";
  out += "| Started | Detected | Mitigated | Resolved | To detect | To mitigate | To resolve |\n";
  out += "|---|---|---|---|---|---|---|\n";
  out += "| " + When(incident.started_at) + " | " + When(incident.detected_at) + " | " +
         When(incident.mitigated_at) + " | " + When(incident.resolved_at) + " | " +
         Minutes(metrics.time_to_detect) + " | " + Minutes(metrics.time_to_mitigate) + " | " +
         Minutes(metrics.time_to_resolve) + " |\n\n";
}

void AppendSummary(std::string& out, const IncidentDocument& document, FieldText& f) {
  const std::string& summary = document.incident.summary;
  if (!summary.empty()) out += "## Summary\n\n" + f.Markdown(summary, 3) + "\n\n";
}

void AppendImpact(std::string& out, const IncidentDocument& document, FieldText& f) {
  const std::string& impact = document.incident.impact;
  if (!impact.empty()) out += "## Impact\n\n" + f.Markdown(impact, 3) + "\n\n";
}

void AppendPeople(std::string& out, const IncidentDocument& document, FieldText& f) {
  std::optional<int64_t> facilitator = document.incident.facilitator_id;
  if (document.participants.empty() && NameOf(document, facilitator).empty()) return;
  out += "## People\n\n";
  for (const core::Participant& participant : document.participants) {
    out += "- " + Cell(f, participant.name) + " — " + Label(core::ToString(participant.role));
    if (facilitator && participant.user_id == facilitator) out += ", facilitator";
    out += "\n";
  }
  if (facilitator &&
      std::none_of(document.participants.begin(), document.participants.end(),
                   [&](const auto& person) { return person.user_id == facilitator; })) {
    std::string name = NameOf(document, facilitator);
    if (!name.empty()) out += "- " + Cell(f, name) + " — facilitator\n";
  }
  out += "\n";
}

void AppendTimeline(std::string& out, const IncidentDocument& document, FieldText& f) {
  bool has_entries = std::any_of(document.accounts.begin(), document.accounts.end(),
                                 [](const auto& account) { return !account.entries.empty(); });
  if (document.events.empty() && !has_entries) return;
  out += "## Timeline\n\nEvents and the moments people recorded, in time order.\n\n";
  std::vector<core::EntryInput> entries;
  for (const AccountWithEntries& account : document.accounts) {
    for (const core::AccountEntry& entry : account.entries) {
      entries.push_back({account.account.participant_id, account.account.id, entry});
    }
  }
  std::map<int64_t, std::string> authors;
  for (const AccountWithEntries& account : document.accounts) {
    authors[account.account.participant_id] = account.author;
  }
  core::MergedTimeline timeline = core::MergeTimeline(document.incident, entries, document.events);
  std::map<std::string, bool> disputed;
  for (const core::Discrepancy& discrepancy : timeline.discrepancies) {
    disputed[discrepancy.first_ref] = true;
    disputed[discrepancy.second_ref] = true;
  }
  out += "| Time | Who or what | What happened |\n|---|---|---|\n";
  for (const core::TimelineItem& item : timeline.items) {
    std::string who;
    std::string what;
    if (item.kind == core::TimelineItemKind::kEvent) {
      const core::TimelineEvent& event = document.events[item.index];
      who = Label(core::ToString(event.kind));
      if (!event.actor.empty()) who += " (" + event.actor + ")";
      what = f.Inline(event.text);
      for (const std::string& link : event.evidence_links) what += " " + f.Link(link);
    } else {
      const core::EntryInput& input = entries[item.index];
      who = authors[input.participant_id];
      const core::AccountEntry& entry = input.entry;
      std::string text = entry.did;
      for (auto [label, field] :
           {std::pair{"saw", &entry.saw}, std::pair{"expected", &entry.expected},
            std::pair{"assumed", &entry.assumed}, std::pair{"looking at", &entry.looking_at}}) {
        if (field->empty()) continue;
        text += (text.empty() ? "" : "; ") + std::string(label) + ": " + *field;
      }
      what = f.Inline(text);
    }
    std::string when = When(item.at);
    if (item.uncertainty.count() > 0) {
      when += " ±" +
              std::to_string(
                  std::chrono::duration_cast<std::chrono::minutes>(item.uncertainty).count()) +
              " min";
    }
    if (disputed.contains(item.ref)) what = "⚠ " + what;
    out += "| " + when + " | " + Cell(f, who) + " | " + (what.empty() ? "—" : what) + " |\n";
  }
  out += "\n";
  RefWords words(document);
  if (!timeline.discrepancies.empty()) {
    out +=
        "### Where accounts disagree\n\nMarked ⚠ above. Questions for the review, not "
        "verdicts: people remember the same moment differently.\n\n";
    for (const core::Discrepancy& discrepancy : timeline.discrepancies) {
      std::string first = words(discrepancy.first_ref);
      std::string second = words(discrepancy.second_ref);
      std::string apart = Minutes(discrepancy.difference);
      if (discrepancy.kind == core::DiscrepancyKind::kTimesDisagree) {
        out +=
            "- " +
            f.Inline(Capitalised(first) + " and " + second + " describe the same moment but are " +
                     apart + " apart, more than their stated uncertainty allows (" +
                     Minutes(discrepancy.allowed) + ").") +
            "\n";
      } else {
        out += "- " +
               f.Inline(Capitalised(first) + " says its author saw " + second +
                        ", which happened " + apart + " later.") +
               "\n";
      }
    }
    out += "\n";
  }
  if (!timeline.gaps.empty()) {
    out += "### Stretches with nothing recorded\n\nWhat was happening here?\n\n";
    for (const core::Gap& gap : timeline.gaps) {
      out += "- " + When(gap.from) + " to " + When(gap.to) + " (" + Minutes(gap.length()) + ")\n";
    }
    out += "\n";
  }
}

void AppendAccounts(std::string& out, const IncidentDocument& document, FieldText& f) {
  if (document.accounts.empty()) return;
  out += "## Accounts\n\n";
  for (const AccountWithEntries& account : document.accounts) {
    out += "### " + Cell(f, account.author) + "\n\n";
    if (!account.account.narrative.empty()) {
      out += f.Markdown(account.account.narrative, 4) + "\n\n";
    }
    for (const core::AccountEntry& entry : account.entries) {
      std::string heading = When(entry.at);
      if (entry.uncertainty_minutes && *entry.uncertainty_minutes > 0) {
        heading = "About " + heading + ", ±" + std::to_string(*entry.uncertainty_minutes) + " min";
      }
      out += "#### " + heading + "\n\n";
      Paragraph(out, f, "What I did:", entry.did);
      Paragraph(out, f, "What I saw:", entry.saw);
      Paragraph(out, f, "What I expected:", entry.expected);
      Paragraph(out, f, "What I assumed:", entry.assumed);
      Paragraph(out, f, "What I was looking at:", entry.looking_at);
    }
  }
}

void AppendDecisions(std::string& out, const IncidentDocument& document, FieldText& f) {
  if (document.decisions.empty()) return;
  out += "## Decision points\n\n";
  std::map<int64_t, const core::TimelineEvent*> events;
  for (const core::TimelineEvent& event : document.events) events[event.id] = &event;
  for (const core::DecisionPoint& decision : document.decisions) {
    out += "### " + When(decision.at) +
           (decision.who.empty() ? "" : " — " + Cell(f, decision.who)) + "\n\n";
    Paragraph(out, f, "Situation:", decision.situation);
    std::vector<std::string> seen;
    for (int64_t id : decision.seen_event_ids) {
      auto event = events.find(id);
      if (event != events.end())
        seen.push_back(When(event->second->at) + ": " + event->second->text);
    }
    if (!seen.empty()) {
      out += "**What they could see then:**\n\n";
      List(out, f, seen);
    }
    if (!decision.options.empty()) {
      out += "**Options:**\n\n";
      List(out, f, decision.options);
    }
    Paragraph(out, f, "Choice:", decision.choice);
    Paragraph(out, f, "Why it made sense then:", decision.rationale);
    if (!decision.pressures.empty()) {
      out += "**Pressures:**\n\n";
      List(out, f, decision.pressures);
    }
  }
}

void AppendFactors(std::string& out, const IncidentDocument& document, FieldText& f) {
  if (document.factors.empty()) return;
  out += "## Contributing factors\n\n";
  std::map<std::string, std::vector<const core::ContributingFactor*>> by_category;
  for (const core::ContributingFactor& factor : document.factors) {
    by_category[Label(core::ToString(factor.category))].push_back(&factor);
  }
  for (const auto& [category, factors] : by_category) {
    out += "### " + Capitalised(category) + "\n\n";
    for (const core::ContributingFactor* factor : factors) {
      out += "- " + f.Inline(factor->text);
      for (const std::string& link : factor->evidence_links) out += " — " + f.Link(link);
      out += "\n";
    }
    out += "\n";
  }
}

void AppendWorkAsDone(std::string& out, const IncidentDocument& document, FieldText& f) {
  if (document.work_as_done.empty()) return;
  out += "## Work as imagined and work as done\n\n";
  for (const core::WorkAsDone& work : document.work_as_done) {
    out += "### " + Cell(f, work.procedure) + "\n\n";
    Paragraph(out, f, "As prescribed:", work.prescribed);
    Paragraph(out, f, "As done:", work.done);
    Paragraph(out, f, "Why the difference made sense:", work.why);
  }
}

void AppendActions(std::string& out, const IncidentDocument& document, FieldText& f) {
  if (document.actions.empty()) return;
  out +=
      "## Action items\n\n| Action | Owner | Due | Priority | Status | Kind |\n"
      "|---|---|---|---|---|---|\n";
  for (const core::ActionItem& action : document.actions) {
    out += "| " + Cell(f, action.title) + " | " + Cell(f, NameOf(document, action.owner_id)) +
           " | " + (action.due_on ? core::FormatDate(*action.due_on) : "—") + " | " +
           Label(core::ToString(action.priority)) + " | " + Label(core::ToString(action.status)) +
           " | " + Label(core::ToString(action.kind)) + " |\n";
  }
  out += "\n";
  std::map<int64_t, const core::ContributingFactor*> factors;
  for (const core::ContributingFactor& factor : document.factors) factors[factor.id] = &factor;
  for (const core::ActionItem& action : document.actions) {
    bool has_details = !action.description.empty() || !action.tracker_url.empty() ||
                       !action.factor_ids.empty() || !action.wont_do_reason.empty();
    if (!has_details) continue;
    out += "### " + Cell(f, action.title) + "\n\n";
    if (!action.description.empty()) out += f.Markdown(action.description, 4) + "\n\n";
    if (!action.tracker_url.empty())
      out += "**Tracked at:** " + f.Link(action.tracker_url) + "\n\n";
    Paragraph(out, f, "Why it will not be done:", action.wont_do_reason);
    std::vector<std::string> addressed;
    for (int64_t id : action.factor_ids) {
      if (auto factor = factors.find(id); factor != factors.end()) {
        addressed.push_back(factor->second->text);
      }
    }
    if (!addressed.empty()) {
      out += "**Addresses:**\n\n";
      List(out, f, addressed);
    }
  }
}

void AppendLessons(std::string& out, const IncidentDocument& document, FieldText& f) {
  if (document.lessons.empty()) return;
  out += "## Lessons\n\n";
  for (const core::Lesson& lesson : document.lessons) {
    out += "### " + Cell(f, lesson.title) + "\n\n";
    if (!lesson.body.empty()) out += f.Markdown(lesson.body, 4) + "\n\n";
    std::string authors;
    for (int64_t author : lesson.author_ids) {
      std::string name = NameOf(document, author);
      if (!name.empty()) authors += (authors.empty() ? "" : ", ") + name;
    }
    if (!authors.empty()) out += "*Learned by " + f.Inline(authors) + "*\n\n";
  }
}

struct SectionWriter {
  core::ReviewSection section;
  std::string_view heading;
  void (*append)(std::string&, const IncidentDocument&, FieldText&);
};

constexpr SectionWriter kSectionWriters[] = {
    {core::ReviewSection::kSummary, "Summary", AppendSummary},
    {core::ReviewSection::kImpact, "Impact", AppendImpact},
    {core::ReviewSection::kTimeline, "Timeline", AppendTimeline},
    {core::ReviewSection::kAccounts, "Accounts", AppendAccounts},
    {core::ReviewSection::kDecisions, "Decision points", AppendDecisions},
    {core::ReviewSection::kFactors, "Contributing factors", AppendFactors},
    {core::ReviewSection::kWorkAsDone, "Work as imagined and work as done", AppendWorkAsDone},
    {core::ReviewSection::kActions, "Action items", AppendActions},
    {core::ReviewSection::kLessons, "Lessons", AppendLessons},
};

// The answers to the section's questions: the template's questions in its order first, then
// answers to questions it no longer asks, oldest first.
std::vector<const core::ReviewAnswer*> AnswersOf(const IncidentDocument& document,
                                                 core::ReviewSection section,
                                                 const std::vector<std::string>& questions) {
  std::vector<const core::ReviewAnswer*> answers;
  for (const core::ReviewAnswer& answer : document.answers) {
    if (answer.section == section && !answer.answer.empty()) answers.push_back(&answer);
  }
  auto rank = [&](const core::ReviewAnswer* answer) {
    auto asked = std::find(questions.begin(), questions.end(), answer->question);
    return std::pair{asked - questions.begin(), answer->id};
  };
  std::stable_sort(answers.begin(), answers.end(),
                   [&](const auto* a, const auto* b) { return rank(a) < rank(b); });
  return answers;
}

// The section's records and the answers to its questions, under its heading; nothing when the
// section has neither.
void AppendSection(std::string& out, const IncidentDocument& document, FieldText& f,
                   const SectionWriter& writer, const std::vector<std::string>& questions) {
  std::string body;
  writer.append(body, document, f);
  std::vector<const core::ReviewAnswer*> answers = AnswersOf(document, writer.section, questions);
  if (body.empty() && !answers.empty()) body = "## " + std::string(writer.heading) + "\n\n";
  for (const core::ReviewAnswer* answer : answers) {
    body += "**" + f.Inline(answer->question) + "**\n\n" + f.Markdown(answer->answer, 3) + "\n\n";
  }
  out += body;
}

}  // namespace

std::string RenderMarkdown(const IncidentDocument& document) {
  MarkdownFieldText fields;
  return RenderMarkdown(document, fields);
}

std::string RenderMarkdown(const IncidentDocument& document, FieldText& f) {
  std::string out =
      "# " + f.Inline(document.incident.key + ": " + document.incident.title) + "\n\n";
  AppendKeyFacts(out, document, f);
  // The people follow the overview (summary and impact), before the story's first section.
  bool people_written = false;
  auto write = [&](const SectionWriter& writer, const std::vector<std::string>& questions) {
    bool overview = writer.section == core::ReviewSection::kSummary ||
                    writer.section == core::ReviewSection::kImpact;
    if (!overview && !people_written) {
      AppendPeople(out, document, f);
      people_written = true;
    }
    AppendSection(out, document, f, writer, questions);
  };
  // The template's sections in its order; then any section it does not show that still holds
  // something (written before the template changed), so an export never loses content.
  std::vector<core::ReviewSection> written;
  for (const core::TemplateSection& section : document.review_template.sections) {
    for (const SectionWriter& writer : kSectionWriters) {
      if (writer.section != section.section) continue;
      write(writer, section.questions);
      written.push_back(section.section);
    }
  }
  for (const SectionWriter& writer : kSectionWriters) {
    if (std::find(written.begin(), written.end(), writer.section) != written.end()) continue;
    write(writer, {});
  }
  if (!people_written) AppendPeople(out, document, f);
  return out;
}

}  // namespace debrief::render
