// How long a review takes to become a file: a 200-item review (events, moments of four
// accounts, decisions, factors, actions, lessons) rendered to Markdown, to HTML, and
// anonymised first. Budget: HTML in under 10 ms.
#include <benchmark/benchmark.h>

#include "render/incident_document.h"
#include "render/incident_html.h"
#include "render/incident_markdown.h"

using namespace debrief;

namespace {

render::IncidentDocument Review(int items) {
  render::IncidentDocument document;
  document.incident.key = "INC-2026-0042";
  document.incident.title = "Checkout latency after the connection-pool change";
  document.incident.summary = "Priya Raman paged Marcus Chen when payments failed.";
  document.incident.started_at = *core::ParseRfc3339("2026-03-14T10:00:00Z");
  const char* names[] = {"Priya Raman", "Marcus Chen", "Lena Fischer", "Sam Okafor"};
  for (int index = 0; index < 4; ++index) {
    core::Participant participant;
    participant.id = index + 1;
    participant.name = names[index];
    participant.role =
        index == 1 ? core::ParticipantRole::kIncidentCommander : core::ParticipantRole::kResponder;
    document.participants.push_back(participant);
    render::AccountWithEntries account;
    account.account.participant_id = participant.id;
    account.author = participant.name;
    account.account.narrative = "I was on call; Marcus joined later and took command.";
    document.accounts.push_back(account);
  }
  for (int index = 0; index < items; ++index) {
    core::Timestamp at = *document.incident.started_at + std::chrono::minutes(index);
    switch (index % 5) {
      case 0: {
        core::TimelineEvent event;
        event.at = at;
        event.kind = core::EventKind::kAlert;
        event.text = "FIRING PaymentsHighErrorRate: 5xx ratio 6.2% > 2% for 5m";
        event.actor = "alertmanager";
        document.events.push_back(event);
        break;
      }
      case 1:
      case 2: {
        core::AccountEntry entry;
        entry.at = at;
        entry.did = "Checked the pool metrics after Lena's note";
        entry.saw = "All 20 connections busy, wait time 4 s";
        entry.expected = "The error rate to settle within minutes";
        document.accounts[static_cast<size_t>(index % 4)].entries.push_back(entry);
        break;
      }
      case 3: {
        core::DecisionPoint decision;
        decision.at = at;
        decision.who = "Marcus Chen";
        decision.situation = "Errors rising; the pool change was the only recent change.";
        decision.options = {"Roll back config #4812", "Raise the pool by hand"};
        decision.choice = "Roll back";
        decision.rationale = "A rollback is rehearsed; a manual change is not.";
        document.decisions.push_back(decision);
        break;
      }
      default: {
        core::ContributingFactor factor;
        factor.category = core::FactorCategory::kCapacity;
        factor.text = "The pool was sized for last year's traffic.";
        document.factors.push_back(factor);
      }
    }
  }
  return document;
}

void BM_Markdown(benchmark::State& state) {
  render::IncidentDocument document = Review(200);
  for (auto _ : state) benchmark::DoNotOptimize(render::RenderMarkdown(document));
}
BENCHMARK(BM_Markdown)->Unit(benchmark::kMillisecond);

void BM_Html(benchmark::State& state) {
  render::IncidentDocument document = Review(200);
  for (auto _ : state) benchmark::DoNotOptimize(render::RenderHtml(document));
}
BENCHMARK(BM_Html)->Unit(benchmark::kMillisecond);

void BM_AnonymisedHtml(benchmark::State& state) {
  const render::IncidentDocument original = Review(200);
  render::Anonymiser anonymiser(original.participants, {});
  for (auto _ : state) {
    render::IncidentDocument document = original;
    render::AnonymiseDocument(document, anonymiser);
    benchmark::DoNotOptimize(render::RenderHtml(document));
  }
}
BENCHMARK(BM_AnonymisedHtml)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
