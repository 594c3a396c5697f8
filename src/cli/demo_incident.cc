#include "cli/demo_incident.h"

#include "cli/demo_published.h"
#include "core/incident_key.h"
#include "security/password.h"
#include "security/token.h"

namespace debrief::cli {
namespace {

using namespace std::chrono_literals;
using core::Timestamp;

struct Person {
  std::string email;
  std::string name;
  core::ParticipantRole role;
  int64_t user_id = 0;
  int64_t participant_id = 0;
};

core::Result<int64_t> EnsureUser(store::Store& store, const std::string& email,
                                 const std::string& name, core::Role role,
                                 const std::string& password) {
  if (auto existing = store.FindUserByEmail(email)) return existing->id;
  DEBRIEF_ASSIGN_OR_RETURN(std::string hash, security::HashPassword(password));
  core::User user;
  user.email = email;
  user.name = name;
  user.role = role;
  user.password_hash = hash;
  DEBRIEF_ASSIGN_OR_RETURN(core::User created, store.CreateUser(user, {}));
  return created.id;
}

core::TimelineEvent Event(int64_t incident_id, Timestamp at, core::EventKind kind, std::string text,
                          std::string actor, std::string source,
                          std::vector<std::string> visible_to = {"all"}) {
  core::TimelineEvent event;
  event.incident_id = incident_id;
  event.at = at;
  event.kind = kind;
  event.text = std::move(text);
  event.actor = std::move(actor);
  event.source = std::move(source);
  event.visible_to = std::move(visible_to);
  return event;
}

core::AccountEntry Entry(int64_t incident_id, int64_t account_id, Timestamp at,
                         std::optional<int64_t> uncertainty, std::string did, std::string saw,
                         std::string expected, std::string assumed, std::string looking_at) {
  core::AccountEntry entry;
  entry.incident_id = incident_id;
  entry.account_id = account_id;
  entry.at = at;
  entry.uncertainty_minutes = uncertainty;
  entry.did = std::move(did);
  entry.saw = std::move(saw);
  entry.expected = std::move(expected);
  entry.assumed = std::move(assumed);
  entry.looking_at = std::move(looking_at);
  return entry;
}

}  // namespace

core::Result<DemoSeed> SeedDemo(store::Store& store, const core::Clock& clock) {
  DemoSeed seed;
  DEBRIEF_ASSIGN_OR_RETURN(int64_t user_count, store.CountUsers());
  std::string people_password = security::NewToken().substr(0, 20);
  int64_t admin_id = 0;
  if (user_count == 0) {
    seed.admin_email = "admin@debrief.local";
    seed.admin_password = security::NewToken().substr(0, 20);
    DEBRIEF_ASSIGN_OR_RETURN(admin_id, EnsureUser(store, *seed.admin_email, "Admin",
                                                  core::Role::kAdmin, *seed.admin_password));
  } else {
    DEBRIEF_ASSIGN_OR_RETURN(auto users, store.ListUsers());
    admin_id = users.front().id;
  }
  store::Change by_admin{admin_id, "{}"};

  std::vector<Person> people = {
      {"priya@example.com", "Priya Raman", core::ParticipantRole::kOnCall},
      {"marcus@example.com", "Marcus Chen", core::ParticipantRole::kIncidentCommander},
      {"lena@example.com", "Lena Fischer", core::ParticipantRole::kSubjectMatterExpert},
      {"sam@example.com", "Sam Okafor", core::ParticipantRole::kSupport},
  };
  for (Person& person : people) {
    DEBRIEF_ASSIGN_OR_RETURN(person.user_id, EnsureUser(store, person.email, person.name,
                                                        core::Role::kMember, people_password));
  }

  // A week ago at 14:00 UTC, so the example reads like a recent incident.
  Timestamp start = std::chrono::floor<std::chrono::days>(clock.Now() - 7 * 24h) + 14h + 2min;
  core::Incident incident;
  incident.title = "Checkout latency and failed payments after connection-pool change";
  incident.summary =
      "For about 50 minutes, checkout requests slowed down and roughly 8% of card payments "
      "failed. A configuration change lowered the payments service's database connection pool "
      "while a marketing campaign raised traffic; requests queued for connections and timed out.";
  incident.severity = "SEV2";
  incident.status = core::IncidentStatus::kResolved;
  incident.review_status = core::ReviewStatus::kDrafting;
  incident.services = {"checkout", "payments", "payments-db"};
  incident.tags = {"config-change", "database", "customer-impact"};
  incident.started_at = start;
  incident.detected_at = start + 7min;
  incident.mitigated_at = start + 38min;
  incident.resolved_at = start + 52min;
  incident.impact =
      "About 8% of card payments failed between 14:04 and 14:40 UTC; checkout p99 latency rose "
      "from 400 ms to 9 s. Support received 140 contacts.";
  incident.facilitator_id = people[1].user_id;
  incident.created_by = admin_id;
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident stored, store.CreateIncident(incident, by_admin));
  seed.incident_key = stored.key;
  int64_t id = stored.id;

  for (Person& person : people) {
    core::Participant participant;
    participant.incident_id = id;
    participant.user_id = person.user_id;
    participant.name = person.name;
    participant.role = person.role;
    DEBRIEF_ASSIGN_OR_RETURN(auto created, store.participants().Insert(participant, by_admin));
    person.participant_id = created.id;
  }

  DEBRIEF_ASSIGN_OR_RETURN(
      auto deploy, store.events().Insert(
                       Event(id, start - 2min, core::EventKind::kChange,
                             "Config rollout payments-svc #4812: db.pool.max_connections 80 -> 20",
                             "deploy-bot", "import:deploys:4812"),
                       by_admin));
  DEBRIEF_ASSIGN_OR_RETURN(
      auto alert, store.events().Insert(
                      Event(id, start + 7min, core::EventKind::kAlert,
                            "FIRING PaymentsHighErrorRate: 5xx ratio 6.2% > 2% for 5m (payments)",
                            "alertmanager", "import:alertmanager:3f9a1c07e2b4d5a6",
                            {"receiver:payments-oncall",
                             "participant:" + std::to_string(people[0].participant_id)}),
                      by_admin));
  DEBRIEF_RETURN_IF_ERROR(
      store.events().Insert(Event(id, start + 9min, core::EventKind::kAlert,
                                  "FIRING CheckoutLatencyP99: p99 8.7s > 2s for 5m (checkout)",
                                  "alertmanager", "import:alertmanager:77c2d90e18ab4f31"),
                            by_admin));
  DEBRIEF_ASSIGN_OR_RETURN(
      auto chat,
      store.events().Insert(
          Event(id, start + 14min, core::EventKind::kCommunication,
                "#inc-payments: Priya: payments 5xx up, DB CPU looks normal, checking pool metrics",
                "Priya Raman", "import:slack:C024BE91L-1700000000.000100",
                {"channel:#inc-payments"}),
          by_admin));
  // Alertmanager repeats a firing alert: the error ratio had not settled as Priya expected.
  DEBRIEF_RETURN_IF_ERROR(store.events().Insert(
      Event(id, start + 20min, core::EventKind::kAlert,
            "PaymentsHighErrorRate still firing: 5xx ratio 7.9% > 2% for 18m (payments)",
            "alertmanager", "import:alertmanager:3f9a1c07e2b4d5a6:repeat",
            {"receiver:payments-oncall"}),
      by_admin));
  DEBRIEF_RETURN_IF_ERROR(store.events().Insert(
      Event(id, start + 36min, core::EventKind::kAction,
            "Rollback of payments-svc config #4812 started", "deploy-bot", "import:deploys:4813"),
      by_admin));
  DEBRIEF_RETURN_IF_ERROR(store.events().Insert(
      Event(id, start + 45min, core::EventKind::kAlert, "RESOLVED PaymentsHighErrorRate",
            "alertmanager", "import:alertmanager:3f9a1c07e2b4d5a6:resolved"),
      by_admin));

  // Who was where, for "what could they know": Priya was on the payments receiver that paged
  // her and opened #inc-payments at 14:14; Marcus joined it at 14:24 and Lena at 14:27, so the
  // 14:16 message in it had not reached them when it was posted.
  auto member = [&](const Person& person, std::string audience, std::optional<Timestamp> since) {
    core::AudienceMembership membership;
    membership.audience = std::move(audience);
    membership.participant_id = person.participant_id;
    membership.since = since;
    return membership;
  };
  DEBRIEF_RETURN_IF_ERROR(store.ReplaceAudienceMemberships(
      id, "manual:receiver:payments-oncall",
      {member(people[0], "receiver:payments-oncall", std::nullopt)}, by_admin));
  DEBRIEF_RETURN_IF_ERROR(
      store.ReplaceAudienceMemberships(id, "import:slack:C024BE91L",
                                       {member(people[0], "channel:#inc-payments", start + 12min),
                                        member(people[1], "channel:#inc-payments", start + 22min),
                                        member(people[2], "channel:#inc-payments", start + 25min)},
                                       by_admin));

  auto add_account = [&](const Person& person, core::AccountVisibility visibility,
                         std::string narrative) -> core::Result<core::Account> {
    core::Account account;
    account.incident_id = id;
    account.participant_id = person.participant_id;
    account.author_id = person.user_id;
    account.narrative = std::move(narrative);
    account.visibility = visibility;
    return store.accounts().Insert(account, {person.user_id, "{}"});
  };

  DEBRIEF_ASSIGN_OR_RETURN(
      auto priya,
      add_account(people[0], core::AccountVisibility::kInReview,
                  "I was on call for payments. The page came in while I was in a planning "
                  "meeting; the error rate alert looked like the flaky-dependency pattern we "
                  "had seen twice that month."));
  core::AccountEntry paged = Entry(id, priya.id, start + 7min, 2,
                                   "Acknowledged the page and opened the payments dashboard",
                                   "5xx ratio around 6%, database CPU at 30%",
                                   "The 5xx ratio to settle within 5 minutes, "
                                   "as with the upstream card-network blips last week",
                                   "That the errors came from the card network, not from us",
                                   "PaymentsHighErrorRate alert, "
                                   "payments overview dashboard");
  paged.seen_event_ids = {alert.id};
  DEBRIEF_ASSIGN_OR_RETURN(auto paged_entry,
                           store.entries().Insert(paged, {people[0].user_id, "{}"}));
  // Her own hindsight, which the language checker finds and the facilitator's card answers
  // with what she could see then: nothing named the pool dashboard.
  DEBRIEF_RETURN_IF_ERROR(store.entries().Insert(
      Entry(id, priya.id, start + 10min, 2,
            "Checked the card-network status page first, as the runbook says; I should have "
            "gone to the pool dashboard first",
            "Card network status green", "", "", "Card-network status page"),
      {people[0].user_id, "{}"}));
  core::AccountEntry pool =
      Entry(id, priya.id, start + 15min, 5,
            "Posted in #inc-payments and looked at connection-pool metrics",
            "Pool wait time at 4 s, all 20 connections busy", "Pool size of 80, as in the runbook",
            "That nobody had changed the pool recently", "Pool dashboard, payments runbook");
  pool.seen_event_ids = {chat.id};
  DEBRIEF_RETURN_IF_ERROR(store.entries().Insert(pool, {people[0].user_id, "{}"}));

  DEBRIEF_ASSIGN_OR_RETURN(
      auto marcus,
      add_account(people[1], core::AccountVisibility::kInReview,
                  "I took incident command when Priya escalated. My main worry was whether a "
                  "rollback during the campaign would make things worse."));
  core::AccountEntry joined = Entry(
      id, marcus.id, start + 15min, std::nullopt,
      "Joined the incident channel after Priya paged me and took command",
      "Priya's message about the pool",
      "A quick diagnosis, since the alert had fired only minutes before", "", "#inc-payments");
  // Marcus remembers being paged at the same moment Priya acknowledged, but eight minutes later.
  joined.same_as = {"entry:" + std::to_string(paged_entry.id)};
  DEBRIEF_RETURN_IF_ERROR(store.entries().Insert(joined, {people[1].user_id, "{}"}));
  DEBRIEF_RETURN_IF_ERROR(store.entries().Insert(
      Entry(id, marcus.id, start + 34min, 3,
            "Decided to roll back config #4812 instead of raising the pool by hand",
            "Lena's note that the pool had been lowered on Monday",
            "Rollback to take about five minutes",
            "That the old pool size was still safe for campaign traffic",
            "Deploy history, database connection limits"),
      {people[1].user_id, "{}"}));

  DEBRIEF_ASSIGN_OR_RETURN(
      auto lena, add_account(people[2], core::AccountVisibility::kShared,
                             "I own the payments database. I had approved the pool change the "
                             "week before, for a different reason: the database was near its "
                             "connection limit during batch jobs."));
  DEBRIEF_RETURN_IF_ERROR(store.entries().Insert(
      Entry(id, lena.id, start + 31min, 5, "Checked the deploy log for payments-svc",
            "Config #4812 lowering max_connections from 80 to 20",
            "The change to be harmless outside the nightly batch window",
            "That daytime traffic stayed well under 20 concurrent queries",
            "Deploy log, database connection graph"),
      {people[2].user_id, "{}"}));
  DEBRIEF_ASSIGN_OR_RETURN(
      auto sam, add_account(people[3], core::AccountVisibility::kPrivate,
                            "Notes for myself before I share: the support queue grew fast."));
  DEBRIEF_RETURN_IF_ERROR(store.entries().Insert(
      Entry(id, sam.id, start + 20min, 10, "Opened a status-page draft",
            "Customer reports of failed card payments", "", "", "Support queue"),
      {people[3].user_id, "{}"}));

  core::DecisionPoint decision;
  decision.incident_id = id;
  decision.at = start + 34min;
  decision.who = "incident commander";
  decision.situation =
      "Errors and latency were steady; the deploy log showed the pool lowered to 20; campaign "
      "traffic was at its peak.";
  decision.seen_event_ids = {deploy.id, alert.id, chat.id};
  decision.options = {"Roll back config #4812", "Raise the pool by hand on each instance",
                      "Shed campaign traffic at the edge"};
  decision.choice = "Roll back config #4812";
  decision.rationale =
      "A rollback was a known, tested path; changing the pool by hand on 12 instances under load "
      "risked inconsistent settings.";
  decision.pressures = {"time pressure", "campaign traffic at peak", "ambiguous first signal"};
  DEBRIEF_RETURN_IF_ERROR(store.decisions().Insert(decision, by_admin));

  auto add_factor = [&](core::FactorCategory category,
                        std::string text) -> core::Result<core::ContributingFactor> {
    core::ContributingFactor factor;
    factor.incident_id = id;
    factor.category = category;
    factor.text = std::move(text);
    return store.factors().Insert(factor, by_admin);
  };
  DEBRIEF_ASSIGN_OR_RETURN(
      auto change_factor,
      add_factor(core::FactorCategory::kChangeProcess,
                 "Config changes to connection pools go out without a load check against "
                 "current traffic; the review focused on the batch window it was meant for."));
  DEBRIEF_ASSIGN_OR_RETURN(
      auto detection_factor,
      add_factor(core::FactorCategory::kDetectionMonitoring,
                 "No alert on connection-pool wait time; the first signal was the 5xx ratio, "
                 "which looked like earlier card-network blips."));
  DEBRIEF_RETURN_IF_ERROR(
      add_factor(core::FactorCategory::kCommunicationCoordination,
                 "The marketing campaign's start time was not on the engineering calendar."));

  core::WorkAsDone work;
  work.incident_id = id;
  work.procedure = "Payments runbook: high error rate";
  work.prescribed = "Check the card-network status page first, then the service's own errors.";
  work.done = "Went to the pool dashboard after five minutes, once the card network looked fine.";
  work.why =
      "The runbook's first step matched the most common cause; the pool dashboard is not linked "
      "from it.";
  work.procedure_dated = start - std::chrono::days(60);
  DEBRIEF_RETURN_IF_ERROR(store.work_as_done().Insert(work, by_admin));
  // The same runbook as rewritten after the incident: not the rule anyone had that afternoon.
  core::WorkAsDone revised;
  revised.incident_id = id;
  revised.procedure = "Payments runbook: high error rate (revised after this incident)";
  revised.prescribed = "Step 1: check connection-pool wait on the pool dashboard.";
  revised.done = "Checked the card-network status page first.";
  revised.why = "That was the runbook's first step on the day.";
  revised.procedure_dated = start + std::chrono::days(2);
  DEBRIEF_RETURN_IF_ERROR(store.work_as_done().Insert(revised, by_admin));

  auto add_action = [&](std::string title, int64_t owner, int days, core::ActionKind kind,
                        std::vector<int64_t> factors) -> core::Result<void> {
    core::ActionItem action;
    action.incident_id = id;
    action.title = std::move(title);
    action.owner_id = owner;
    action.due_on = std::chrono::floor<std::chrono::days>(clock.Now()) + std::chrono::days(days);
    action.kind = kind;
    action.priority = core::ActionPriority::kHigh;
    action.factor_ids = std::move(factors);
    DEBRIEF_RETURN_IF_ERROR(store.actions().Insert(action, by_admin));
    return core::Ok();
  };
  DEBRIEF_RETURN_IF_ERROR(add_action("Alert on connection-pool wait time above 500 ms",
                                     people[0].user_id, 14, core::ActionKind::kDetect,
                                     {detection_factor.id}));
  DEBRIEF_RETURN_IF_ERROR(add_action("Add a traffic check to pool-size config reviews",
                                     people[2].user_id, 21, core::ActionKind::kPrevent,
                                     {change_factor.id}));
  DEBRIEF_RETURN_IF_ERROR(add_action("Link the pool dashboard from the payments runbook",
                                     people[0].user_id, -2, core::ActionKind::kProcess,
                                     {detection_factor.id}));

  core::Lesson lesson;
  lesson.incident_id = id;
  lesson.title = "A safe limit depends on the traffic it meets";
  lesson.body =
      "The pool change was right for the batch window it was designed for. Limits reviewed "
      "against one workload can fail under another; review them against peak traffic too.";
  lesson.author_ids = {people[2].user_id, people[1].user_id};
  DEBRIEF_RETURN_IF_ERROR(store.lessons().Insert(lesson, by_admin));

  // A review published months ago, so the library has something in it from the first day.
  DEBRIEF_ASSIGN_OR_RETURN(
      seed.published_key,
      SeedPublishedExample(
          store, clock, {{people[0].user_id, people[0].name}, {people[1].user_id, people[1].name}},
          admin_id));
  return seed;
}

}  // namespace debrief::cli
