#include "cli/demo_published.h"

#include "app/incident_document.h"
#include "app/publishing.h"

namespace debrief::cli {
namespace {

using namespace std::chrono_literals;
using core::Timestamp;

core::AccountEntry Moment(int64_t incident_id, int64_t account_id, Timestamp at, std::string did,
                          std::string saw, std::string expected, std::string assumed) {
  core::AccountEntry entry;
  entry.incident_id = incident_id;
  entry.account_id = account_id;
  entry.at = at;
  entry.did = std::move(did);
  entry.saw = std::move(saw);
  entry.expected = std::move(expected);
  entry.assumed = std::move(assumed);
  return entry;
}

}  // namespace

core::Result<std::string> SeedPublishedExample(store::Store& store, const core::Clock& clock,
                                               const std::vector<ExamplePerson>& people,
                                               int64_t admin_id) {
  store::Change by_admin{admin_id, "{}"};
  // About five months ago, on a weekday morning.
  Timestamp start = std::chrono::floor<std::chrono::days>(clock.Now() - 150 * 24h) + 9h + 40min;
  core::Incident incident;
  incident.title = "Search API timeouts while the product index was rebuilt";
  incident.summary =
      "For 35 minutes, product search answered slowly or not at all. A scheduled full rebuild of "
      "the product index ran on the same disks as the live index during the morning peak, and "
      "read latency on those disks rose twentyfold.";
  incident.severity = "SEV3";
  incident.status = core::IncidentStatus::kResolved;
  incident.review_status = core::ReviewStatus::kDrafting;
  incident.services = {"search-api", "product-index"};
  incident.tags = {"capacity", "scheduled-job"};
  incident.started_at = start;
  incident.detected_at = start + 4min;
  incident.mitigated_at = start + 29min;
  incident.resolved_at = start + 35min;
  incident.impact = "About 30% of searches timed out; add-to-cart fell by 12% during the window.";
  incident.facilitator_id = people[1].user_id;
  incident.created_by = admin_id;
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident stored, store.CreateIncident(incident, by_admin));
  int64_t id = stored.id;

  std::vector<int64_t> participant_ids;
  for (size_t index = 0; index < 2; ++index) {
    core::Participant participant;
    participant.incident_id = id;
    participant.user_id = people[index].user_id;
    participant.name = people[index].name;
    participant.role =
        index == 0 ? core::ParticipantRole::kOnCall : core::ParticipantRole::kIncidentCommander;
    DEBRIEF_ASSIGN_OR_RETURN(core::Participant created,
                             store.participants().Insert(participant, by_admin));
    participant_ids.push_back(created.id);
  }

  auto event = [&](Timestamp at, core::EventKind kind, std::string text, std::string actor,
                   std::string source) -> core::Result<void> {
    core::TimelineEvent added;
    added.incident_id = id;
    added.at = at;
    added.kind = kind;
    added.text = std::move(text);
    added.actor = std::move(actor);
    added.source = std::move(source);
    added.visible_to = {"all"};
    added.starred = kind == core::EventKind::kAlert;
    DEBRIEF_RETURN_IF_ERROR(store.events().Insert(added, by_admin));
    return core::Ok();
  };
  DEBRIEF_RETURN_IF_ERROR(event(start - 1min, core::EventKind::kChange,
                                "Scheduled job product-index-rebuild started (weekly, full)",
                                "scheduler", "import:scheduler:rebuild-2211"));
  DEBRIEF_RETURN_IF_ERROR(event(start + 4min, core::EventKind::kAlert,
                                "FIRING SearchLatencyHigh: p95 4.8 s > 1 s for 3m (search-api)",
                                "alertmanager", "import:alertmanager:search-latency@1"));
  DEBRIEF_RETURN_IF_ERROR(event(start + 27min, core::EventKind::kAction,
                                "Rebuild job paused from the scheduler console", "scheduler",
                                "import:scheduler:rebuild-2211-paused"));

  auto account = [&](size_t index, std::string narrative) -> core::Result<int64_t> {
    core::Account written;
    written.incident_id = id;
    written.participant_id = participant_ids[index];
    written.author_id = people[index].user_id;
    written.narrative = std::move(narrative);
    written.visibility = core::AccountVisibility::kInReview;
    DEBRIEF_ASSIGN_OR_RETURN(core::Account created,
                             store.accounts().Insert(written, {people[index].user_id, "{}"}));
    return created.id;
  };
  DEBRIEF_ASSIGN_OR_RETURN(
      int64_t on_call,
      account(0,
              "I was on call and took the latency page. The search dashboards showed slow "
              "queries but normal CPU, so I first looked for a bad deploy."));
  DEBRIEF_RETURN_IF_ERROR(store.entries().Insert(
      Moment(id, on_call, start + 6min, "Checked the deploy log for search-api",
             "No deploy since yesterday; p95 still climbing",
             "A recent deploy to explain the slowdown",
             "The rebuild job ran at night, as it used to"),
      {people[0].user_id, "{}"}));
  DEBRIEF_RETURN_IF_ERROR(store.entries().Insert(
      Moment(id, on_call, start + 21min, "Opened the disk panel of the index hosts",
             "Read latency at 180 ms, twenty times the usual", "", ""),
      {people[0].user_id, "{}"}));
  DEBRIEF_ASSIGN_OR_RETURN(
      int64_t commander,
      account(1, "I joined as incident commander at 09:50 and asked about scheduled work."));
  DEBRIEF_RETURN_IF_ERROR(store.entries().Insert(
      Moment(id, commander, start + 25min, "Asked in the channel whether any jobs were running",
             "The scheduler showed the weekly rebuild in progress",
             "Pausing it would bring latency back within minutes", ""),
      {people[1].user_id, "{}"}));

  core::ContributingFactor schedule;
  schedule.incident_id = id;
  schedule.category = core::FactorCategory::kOrganisationalPressure;
  schedule.text =
      "The rebuild moved from night to morning when the batch cluster was shared with reporting; "
      "nobody on the search team heard of the move.";
  DEBRIEF_ASSIGN_OR_RETURN(core::ContributingFactor schedule_factor,
                           store.factors().Insert(schedule, by_admin));
  core::ContributingFactor disks;
  disks.incident_id = id;
  disks.category = core::FactorCategory::kCapacity;
  disks.text = "The rebuild and the live index share the same disks, with no I/O limit on either.";
  DEBRIEF_RETURN_IF_ERROR(store.factors().Insert(disks, by_admin));

  core::ActionItem action;
  action.incident_id = id;
  action.title = "Give the rebuild its own I/O budget";
  action.owner_id = people[0].user_id;
  action.status = core::ActionStatus::kDone;
  action.kind = core::ActionKind::kPrevent;
  action.factor_ids = {schedule_factor.id};
  DEBRIEF_RETURN_IF_ERROR(store.actions().Insert(action, by_admin));

  core::Lesson lesson;
  lesson.incident_id = id;
  lesson.title = "Scheduled work is part of the system under load";
  lesson.body =
      "When latency rises with no deploy to blame, ask what is scheduled to run now, and when "
      "that schedule last changed.";
  lesson.author_ids = {people[1].user_id};
  DEBRIEF_RETURN_IF_ERROR(store.lessons().Insert(lesson, by_admin));

  DEBRIEF_ASSIGN_OR_RETURN(render::IncidentDocument document,
                           app::LoadIncidentDocument(store, stored.key));
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident current, store.GetIncident(stored.key));
  document.incident = current;
  DEBRIEF_RETURN_IF_ERROR(
      app::StorePublishedVersion(store, std::move(document), current.version, by_admin));
  return stored.key;
}

}  // namespace debrief::cli
