#include "render/incident_document.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <type_traits>

#include "core/timeline_merge.h"

namespace debrief::render {
namespace {

template <class T>
void AnonymiseRecord(T& record, const Anonymiser& anonymiser) {
  core::ForEachField<T>([&](const auto& field) {
    auto& value = record.*(field.member);
    using Value = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<Value, std::string>) {
      value = anonymiser.Text(value);
    } else if constexpr (std::is_same_v<Value, std::vector<std::string>>) {
      for (std::string& item : value) item = anonymiser.Text(item);
    }
  });
}

template <class T>
void AnonymiseAll(std::vector<T>& records, const Anonymiser& anonymiser) {
  for (T& record : records) AnonymiseRecord(record, anonymiser);
}

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

// People's text inside a table cell: one line, pipes escaped.
std::string Cell(std::string_view text) {
  std::string cell;
  for (char c : text) {
    if (c == '|') {
      cell += "\\|";
    } else if (c == '\n' || c == '\r') {
      cell += ' ';
    } else {
      cell += c;
    }
  }
  return cell.empty() ? "—" : cell;
}

// People's text as a heading: one line.
std::string Line(std::string_view text) { return Cell(text); }

std::string Label(std::string_view value) {
  std::string label(value);
  std::replace(label.begin(), label.end(), '_', ' ');
  return label;
}

void Paragraph(std::string& out, std::string_view label, std::string_view text) {
  if (text.empty()) return;
  out += "**" + std::string(label) + "** " + std::string(text) + "\n\n";
}

std::string List(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += "- " + Cell(item) + "\n";
  return out + (items.empty() ? "" : "\n");
}

// A label standing for a whole name ("On-call engineer A"), capitalised as the name was.
std::string AsName(std::optional<std::string> label, const Anonymiser& anonymiser,
                   const std::string& name) {
  if (!label) return anonymiser.Text(name);
  if (!label->empty()) {
    (*label)[0] = static_cast<char>(std::toupper(static_cast<unsigned char>((*label)[0])));
  }
  return *label;
}

}  // namespace

Anonymiser DocumentAnonymiser(const IncidentDocument& document) {
  std::vector<DirectoryPerson> directory;
  for (const auto& [user_id, name] : document.user_names) directory.push_back({user_id, name});
  return Anonymiser(document.participants, directory);
}

void AnonymiseDocument(IncidentDocument& document, const Anonymiser& anonymiser) {
  AnonymiseRecord(document.incident, anonymiser);
  for (core::Participant& participant : document.participants) {
    participant.name =
        AsName(anonymiser.LabelForParticipant(participant.id), anonymiser, participant.name);
  }
  for (AccountWithEntries& account : document.accounts) {
    AnonymiseRecord(account.account, anonymiser);
    account.author = AsName(anonymiser.LabelForParticipant(account.account.participant_id),
                            anonymiser, account.author);
    AnonymiseAll(account.entries, anonymiser);
  }
  AnonymiseAll(document.events, anonymiser);
  AnonymiseAll(document.decisions, anonymiser);
  AnonymiseAll(document.factors, anonymiser);
  AnonymiseAll(document.work_as_done, anonymiser);
  AnonymiseAll(document.actions, anonymiser);
  AnonymiseAll(document.lessons, anonymiser);
  for (auto& [user_id, name] : document.user_names) {
    name = AsName(anonymiser.LabelForUser(user_id), anonymiser, name);
  }
}

std::string RenderMarkdown(const IncidentDocument& document) {
  const core::Incident& incident = document.incident;
  std::string out = "# " + incident.key + ": " + Line(incident.title) + "\n\n";
  core::IncidentMetrics metrics = core::ComputeMetrics(incident);
  std::string services;
  for (const std::string& service : incident.services) {
    services += (services.empty() ? "" : ", ") + service;
  }
  out += "| Severity | Status | Review | Services |\n|---|---|---|---|\n";
  out += "| " + Cell(incident.severity) + " | " + Label(core::ToString(incident.status)) + " | " +
         Label(core::ToString(incident.review_status)) + " | " + Cell(services) + " |\n\n";
  out += "| Started | Detected | Mitigated | Resolved | To detect | To mitigate | To resolve |\n";
  out += "|---|---|---|---|---|---|---|\n";
  out += "| " + When(incident.started_at) + " | " + When(incident.detected_at) + " | " +
         When(incident.mitigated_at) + " | " + When(incident.resolved_at) + " | " +
         Minutes(metrics.time_to_detect) + " | " + Minutes(metrics.time_to_mitigate) + " | " +
         Minutes(metrics.time_to_resolve) + " |\n\n";
  if (!incident.summary.empty()) out += "## Summary\n\n" + incident.summary + "\n\n";
  if (!incident.impact.empty()) out += "## Impact\n\n" + incident.impact + "\n\n";

  out += "## People\n\n";
  for (const core::Participant& participant : document.participants) {
    out += "- " + Cell(participant.name) + " — " + Label(core::ToString(participant.role)) + "\n";
  }
  out += "\n## Timeline\n\nEvents and the moments people recorded, in time order.\n\n";
  struct Row {
    core::Timestamp at;
    std::string source;
    std::string text;
  };
  std::vector<Row> rows;
  for (const core::TimelineEvent& event : document.events) {
    std::string source = Label(core::ToString(event.kind));
    if (!event.actor.empty()) source += " (" + event.actor + ")";
    rows.push_back({event.at, source, event.text});
  }
  for (const AccountWithEntries& account : document.accounts) {
    for (const core::AccountEntry& entry : account.entries) {
      std::string text = entry.did;
      if (!entry.saw.empty()) text += (text.empty() ? "saw: " : "; saw: ") + entry.saw;
      rows.push_back({entry.at, account.author, text});
    }
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.at < b.at; });
  out += "| Time | Who or what | What happened |\n|---|---|---|\n";
  for (const Row& row : rows) {
    out += "| " + When(row.at) + " | " + Cell(row.source) + " | " + Cell(row.text) + " |\n";
  }
  out += "\n";

  if (!document.accounts.empty()) out += "## Accounts\n\n";
  for (const AccountWithEntries& account : document.accounts) {
    out += "### " + Line(account.author) + "\n\n";
    if (!account.account.narrative.empty()) out += account.account.narrative + "\n\n";
    for (const core::AccountEntry& entry : account.entries) {
      out += "#### " + When(entry.at) + "\n\n";
      Paragraph(out, "Did:", entry.did);
      Paragraph(out, "Saw:", entry.saw);
      Paragraph(out, "Expected:", entry.expected);
      Paragraph(out, "Assumed:", entry.assumed);
    }
  }
  if (!document.decisions.empty()) out += "## Decision points\n\n";
  for (const core::DecisionPoint& decision : document.decisions) {
    out += "### " + When(decision.at) + (decision.who.empty() ? "" : " — " + Line(decision.who)) +
           "\n\n";
    Paragraph(out, "Situation:", decision.situation);
    if (!decision.options.empty()) out += "**Options:**\n\n" + List(decision.options);
    Paragraph(out, "Choice:", decision.choice);
    Paragraph(out, "Why it made sense then:", decision.rationale);
    if (!decision.pressures.empty()) out += "**Pressures:**\n\n" + List(decision.pressures);
  }
  if (!document.factors.empty()) out += "## Contributing factors\n\n";
  std::map<std::string, std::vector<std::string>> by_category;
  for (const core::ContributingFactor& factor : document.factors) {
    by_category[Label(core::ToString(factor.category))].push_back(factor.text);
  }
  for (const auto& [category, texts] : by_category) {
    std::string heading = category;
    heading[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(heading[0])));
    out += "### " + heading + "\n\n" + List(texts);
  }
  if (!document.work_as_done.empty()) out += "## Work as imagined and work as done\n\n";
  for (const core::WorkAsDone& work : document.work_as_done) {
    out += "### " + Line(work.procedure) + "\n\n";
    Paragraph(out, "As prescribed:", work.prescribed);
    Paragraph(out, "As done:", work.done);
    Paragraph(out, "Why the difference made sense:", work.why);
  }
  if (!document.actions.empty()) {
    out +=
        "## Action items\n\n| Action | Owner | Due | Priority | Status |\n|---|---|---|---|---|\n";
  }
  for (const core::ActionItem& action : document.actions) {
    auto owner =
        action.owner_id ? document.user_names.find(*action.owner_id) : document.user_names.end();
    out += "| " + Cell(action.title) + " | " +
           Cell(owner == document.user_names.end() ? "" : owner->second) + " | " +
           (action.due_on ? core::FormatDate(*action.due_on) : "—") + " | " +
           Label(core::ToString(action.priority)) + " | " + Label(core::ToString(action.status)) +
           " |\n";
  }
  if (!document.actions.empty()) out += "\n";
  if (!document.lessons.empty()) out += "## Lessons\n\n";
  for (const core::Lesson& lesson : document.lessons) {
    out += "### " + Line(lesson.title) + "\n\n" + lesson.body + "\n\n";
    std::string authors;
    for (int64_t author : lesson.author_ids) {
      auto name = document.user_names.find(author);
      if (name != document.user_names.end()) {
        authors += (authors.empty() ? "" : ", ") + name->second;
      }
    }
    if (!authors.empty()) out += "*Learned by " + authors + "*\n\n";
  }
  return out;
}

std::string RenderHtml(const IncidentDocument& document) {
  std::string markdown = RenderMarkdown(document);
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser, extension);
    }
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* root = cmark_parser_finish(parser);
  char* body =
      cmark_render_html(root, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));
  std::string html = body;
  std::free(body);
  cmark_node_free(root);
  cmark_parser_free(parser);

  std::string title = document.incident.key + ": " + document.incident.title;
  std::replace(title.begin(), title.end(), '\n', ' ');
  std::string escaped_title;
  for (char c : title) {
    switch (c) {
      case '&':
        escaped_title += "&amp;";
        break;
      case '<':
        escaped_title += "&lt;";
        break;
      case '>':
        escaped_title += "&gt;";
        break;
      case '"':
        escaped_title += "&quot;";
        break;
      default:
        escaped_title += c;
    }
  }
  return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>" +
         escaped_title +
         "</title>\n<style>\n"
         "body{font:16px/1.55 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1d2433;"
         "max-width:52rem;margin:2rem auto;padding:0 1rem}\n"
         "h1{font-size:1.7rem}h2{margin-top:2rem;border-bottom:1px solid "
         "#d9dee8;padding-bottom:.2rem}"
         "table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.92rem}"
         "th,td{border:1px solid #d9dee8;padding:.35rem .5rem;text-align:left;vertical-align:top}"
         "th{background:#f3f5f9}code,pre{font-family:ui-monospace,monospace;font-size:.9em}"
         "pre{background:#f3f5f9;padding:.75rem;overflow:auto}\n"
         "@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}"
         "table,tr{break-inside:avoid}a{color:inherit}}\n"
         "</style>\n</head>\n<body>\n" +
         html + "</body>\n</html>\n";
}

}  // namespace debrief::render
