#include "render/incident_document.h"
#include "render/incident_html.h"
#include "render/incident_markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstdlib>

namespace debrief::render {
namespace {

core::Timestamp At(int minute) {
  return *core::ParseRfc3339("2026-03-14T10:" + std::string(minute < 10 ? "0" : "") +
                             std::to_string(minute) + ":00Z");
}

IncidentDocument Document() {
  IncidentDocument document;
  document.incident.key = "INC-2026-0007";
  document.incident.title = "Checkout errors | after Priya's change";
  document.incident.summary = "Priya Raman paged Marcus. <script>alert(1)</script>";
  document.incident.severity = "SEV2";
  document.incident.started_at = At(0);
  document.incident.detected_at = At(7);
  core::Participant priya;
  priya.id = 1;
  priya.user_id = 10;
  priya.name = "Priya Raman";
  priya.role = core::ParticipantRole::kOnCall;
  core::Participant marcus;
  marcus.id = 2;
  marcus.name = "Marcus Chen";
  marcus.role = core::ParticipantRole::kIncidentCommander;
  document.participants = {priya, marcus};
  AccountWithEntries account;
  account.account.participant_id = 1;
  account.author = "Priya Raman";
  account.account.narrative = "I was on call; Marcus joined later.";
  core::AccountEntry entry;
  entry.at = At(9);
  entry.did = "Acknowledged the page";
  entry.saw = "Marcus's dashboard";
  account.entries = {entry};
  document.accounts = {account};
  core::TimelineEvent event;
  event.at = At(5);
  event.kind = core::EventKind::kAlert;
  event.text = "Alert to Priya";
  event.actor = "alertmanager";
  document.events = {event};
  core::DecisionPoint decision;
  decision.at = At(20);
  decision.who = "Marcus";
  decision.situation = "Errors rising";
  decision.options = {"Roll back", "Raise the pool"};
  decision.choice = "Roll back";
  document.decisions = {decision};
  core::ContributingFactor factor;
  factor.category = core::FactorCategory::kCapacity;
  factor.text = "Pool sized for last year's load";
  document.factors = {factor};
  core::ActionItem action;
  action.title = "Alert on pool wait";
  action.owner_id = 10;
  document.actions = {action};
  core::Lesson lesson;
  lesson.title = "Pools need alerts";
  lesson.body = "Marcus explained why.";
  lesson.author_ids = {10};
  document.lessons = {lesson};
  document.user_names = {{10, "Priya Raman"}};
  return document;
}

// The headings (level and text) and the number of tables of a Markdown document, as cmark-gfm
// parses it.
struct Outline {
  std::vector<std::string> headings;
  int tables = 0;
};

Outline Parse(const std::string& markdown) {
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension("table"));
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* root = cmark_parser_finish(parser);
  Outline outline;
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (event != CMARK_EVENT_ENTER) continue;
    if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      std::string text;
      for (cmark_node* child = cmark_node_first_child(node); child;
           child = cmark_node_next(child)) {
        if (const char* literal = cmark_node_get_literal(child)) text += literal;
      }
      outline.headings.push_back(std::to_string(cmark_node_get_heading_level(node)) + " " + text);
    }
    if (std::string_view(cmark_node_get_type_string(node)) == "table") ++outline.tables;
  }
  cmark_iter_free(iter);
  cmark_node_free(root);
  cmark_parser_free(parser);
  return outline;
}

TEST(IncidentDocument, MarkdownHasTheReviewStructure) {
  Outline outline = Parse(RenderMarkdown(Document()));
  EXPECT_THAT(outline.headings,
              ::testing::ElementsAre(
                  "1 INC-2026-0007: Checkout errors | after Priya's change", "2 Summary",
                  "2 People", "2 Timeline", "2 Accounts", "3 Priya Raman", "4 2026-03-14 10:09 UTC",
                  "2 Decision points", "3 2026-03-14 10:20 UTC — Marcus", "2 Contributing factors",
                  "3 Capacity", "2 Action items", "2 Lessons", "3 Pools need alerts"));
  // Key facts, the timeline and the action items are tables; a "|" in a title does not break one.
  EXPECT_EQ(outline.tables, 4);
}

TEST(IncidentDocument, TimelineMergesEventsAndEntriesInTimeOrder) {
  std::string markdown = RenderMarkdown(Document());
  size_t alert = markdown.find("| 2026-03-14 10:05 UTC | alert (alertmanager) | Alert to Priya |");
  size_t entry = markdown.find(
      "| 2026-03-14 10:09 UTC | Priya Raman | Acknowledged the page; saw: Marcus's dashboard |");
  ASSERT_NE(alert, std::string::npos) << markdown;
  ASSERT_NE(entry, std::string::npos) << markdown;
  EXPECT_LT(alert, entry);
  EXPECT_NE(markdown.find("| 7 min |"), std::string::npos);  // Time to detect.
}

TEST(IncidentDocument, HtmlIsOneSafeFileThatPrints) {
  std::string html = RenderHtml(Document());
  EXPECT_TRUE(html.starts_with("<!doctype html>"));
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("<table>"), std::string::npos);
  // People's raw HTML is dropped and nothing loads from elsewhere.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  for (const char* external : {"<link", "<img", "src=", "@import", "url("}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
  EXPECT_NE(html.find("<title>INC-2026-0007: Checkout errors | after Priya's change</title>"),
            std::string::npos);
}

// A narrative's own headings must never pass for the document's sections.
TEST(IncidentDocument, HeadingsInPeoplesTextSitBelowTheirSection) {
  IncidentDocument document = Document();
  document.accounts[0].account.narrative = "# Action items\n\nNone needed.\n\n## Lessons\n\nNone.";
  document.incident.summary = "# Contributing factors\n\nnone";
  std::string markdown = RenderMarkdown(document);
  EXPECT_EQ(markdown.find("\n# Action items"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("\n#### Action items"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("\n##### Lessons"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("\n### Contributing factors"), std::string::npos) << markdown;
  std::string html = RenderHtml(document);
  EXPECT_EQ(html.find("<h1>Action items"), std::string::npos) << html;
  EXPECT_NE(html.find("<h4>Action items</h4>"), std::string::npos) << html;
  EXPECT_NE(html.find("<h3>Contributing factors</h3>"), std::string::npos) << html;
}

// An exclamation mark typed before a link must not make the exported Markdown an image that a
// viewer loads; the HTML export forbids loading anything at all.
TEST(IncidentDocument, ExportsLoadNothingFromElsewhere) {
  IncidentDocument document = Document();
  document.incident.summary = "Look\\![chart](https://tracker.example.net/pixel.png) now";
  std::string markdown = RenderMarkdown(document);
  char* reread = cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT);
  std::string html = reread;
  std::free(reread);
  EXPECT_EQ(html.find("<img"), std::string::npos) << markdown;
  EXPECT_NE(html.find("href=\"https://tracker.example.net/pixel.png\""), std::string::npos) << html;
  std::string exported = RenderHtml(document);
  EXPECT_EQ(exported.find("<img"), std::string::npos);
  EXPECT_NE(exported.find("Content-Security-Policy\" content=\"default-src 'none'"),
            std::string::npos);
}

// 1,500 events of 9,900 "[" each: every escaped bracket was a node of the whole document's
// parse, 2.9 GB and five seconds for one export.
TEST(IncidentDocument, HtmlOfALargeTimelineStaysSmall) {
  IncidentDocument document = Document();
  core::TimelineEvent event = document.events[0];
  event.text = std::string(9'900, '[');
  for (int i = 0; i < 1'500; ++i) {
    event.id = 100 + i;
    document.events.push_back(event);
  }
  rusage before{};
  getrusage(RUSAGE_SELF, &before);
  std::string html = RenderHtml(document);
  rusage after{};
  getrusage(RUSAGE_SELF, &after);
  EXPECT_GT(html.size(), 1'500u * 9'900u);
  EXPECT_NE(html.find("<td>" + std::string(9'900, '[') + "</td>"), std::string::npos);
  // The peak grows with the text (15 MB here) and a few copies of it, never with its markup.
  EXPECT_LT((after.ru_maxrss - before.ru_maxrss) / 1024, 256) << "MiB more at the peak";
}

TEST(IncidentDocument, AnonymisedDocumentsNameNobody) {
  IncidentDocument document = Document();
  Anonymiser anonymiser(document.participants, {{10, "Priya Raman"}});
  AnonymiseDocument(document, anonymiser);
  for (const std::string& output : {RenderMarkdown(document), RenderHtml(document)}) {
    for (const char* name : {"Priya", "Raman", "Marcus", "Chen"}) {
      EXPECT_EQ(output.find(name), std::string::npos) << name << " in:\n" << output;
    }
  }
  std::string markdown = RenderMarkdown(document);
  EXPECT_NE(markdown.find("### On-call engineer"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("| Alert on pool wait | On-call engineer |"), std::string::npos)
      << markdown;
}

// Issue 19: exports dropped what the review page shows, mangled plain text holding "<" and
// turned an unsafe image into a broken one.
TEST(IncidentDocument, Issue19ExportsHoldEverythingTheReviewShows) {
  IncidentDocument document = Document();
  document.incident.title = "Restart <service> loop";
  document.incident.impact =
      "Checkout was down. ![x](javascript:alert(1)) See [the "
      "graph](https://grafana.example.com/d/1).";
  document.events[0].id = 7;
  document.events[0].evidence_links = {"https://grafana.example.com/d/7", "javascript:alert(2)"};
  AccountWithEntries& account = document.accounts[0];
  account.entries[0].id = 12;
  account.entries[0].looking_at = "The <pool> dashboard";
  account.entries[0].expected = "Errors to drop";
  core::AccountEntry late;
  late.id = 13;
  late.at = At(40);
  late.did = "Rolled back";
  late.uncertainty_minutes = 2;
  late.same_as = {"entry:99"};
  late.seen_event_ids = {};
  account.entries.push_back(late);
  AccountWithEntries other;
  other.account.participant_id = 2;
  other.account.id = 2;
  other.author = "Marcus Chen";
  core::AccountEntry marcus;
  marcus.id = 99;
  marcus.at = At(50);
  marcus.did = "Saw the rollback finish";
  other.entries = {marcus};
  document.accounts.push_back(other);
  document.factors[0].id = 3;
  document.factors[0].evidence_links = {"https://wiki.example.com/capacity", "data:text/html,x"};
  document.actions[0].description = "Page on **pool wait** above 50 ms.";
  document.actions[0].tracker_url = "https://tracker.example.com/PAY-12";
  document.actions[0].factor_ids = {3};

  std::string markdown = RenderMarkdown(document);
  for (
      const char* expected :
      {"**What I was looking at:** The \\<pool\\> dashboard", "**What I expected:** Errors to drop",
       "[https://grafana.example.com/d/7](<https://grafana.example.com/d/7>)",
       "[https://wiki.example.com/capacity](<https://wiki.example.com/capacity>)",
       "### Where accounts disagree", "### Stretches with nothing recorded",
       "**Tracked at:** [https://tracker.example.com/PAY-12](<https://tracker.example.com/PAY-12>)",
       "Page on **pool wait** above 50 ms.", "**Addresses:**", "About 2026-03-14 10:40 UTC, ±2 min",
       "10 min apart"}) {
    EXPECT_NE(markdown.find(expected), std::string::npos) << expected << " missing in:\n"
                                                          << markdown;
  }

  std::string html = RenderHtml(document);
  EXPECT_NE(html.find("Restart &lt;service&gt; loop"), std::string::npos) << html;
  EXPECT_NE(html.find("The &lt;pool&gt; dashboard"), std::string::npos);
  EXPECT_EQ(html.find("raw HTML omitted"), std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"https://grafana.example.com/d/1\">the graph</a>"),
            std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://tracker.example.com/PAY-12\">"), std::string::npos);
  // Unsafe addresses are shown as text, never as links or images.
  for (const char* unsafe : {"href=\"javascript", "href=\"data:", "<img", "src="}) {
    EXPECT_EQ(html.find(unsafe), std::string::npos) << unsafe << " in:\n" << html;
  }
  EXPECT_NE(html.find("javascript:alert(2)"), std::string::npos);
}

}  // namespace
}  // namespace debrief::render
