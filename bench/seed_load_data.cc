// Seeds a database for bench/load.sh: N incidents, each with M timeline items (half events, half
// entries of two released accounts), and a user whose API token is printed on stdout.
//
//   seed_load_data DB [INCIDENTS=10000] [ITEMS=50]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "cli/system_clock.h"
#include "security/password.h"
#include "security/token.h"
#include "store/open.h"

using namespace debrief;

namespace {

int Fail(const core::Error& error) {
  std::fprintf(stderr, "seed_load_data: %s\n", error.message().c_str());
  return 1;
}

core::Result<void> SeedIncident(store::Store& store, int index, int items, int64_t user_a,
                                int64_t user_b) {
  core::Timestamp start = *core::ParseRfc3339("2026-01-01T00:00:00Z") + std::chrono::hours(index);
  core::Incident incident;
  incident.title = "Incident " + std::to_string(index) + ": checkout latency in region " +
                   std::to_string(index % 7);
  incident.summary = "Requests queued for database connections after a configuration change.";
  incident.severity = "SEV" + std::to_string(1 + index % 4);
  incident.status = core::IncidentStatus::kResolved;
  incident.services = {"checkout", "service-" + std::to_string(index % 50)};
  incident.started_at = start;
  incident.detected_at = start + std::chrono::minutes(5);
  incident.mitigated_at = start + std::chrono::minutes(items / 2 + 5);
  incident.resolved_at = start + std::chrono::minutes(items + 5);
  incident.created_by = user_a;
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident stored, store.CreateIncident(incident, {}));

  int64_t account_ids[2] = {0, 0};
  int64_t users[2] = {user_a, user_b};
  for (int person = 0; person < 2; ++person) {
    core::Participant participant;
    participant.incident_id = stored.id;
    participant.user_id = users[person];
    participant.name = person == 0 ? "Priya Raman" : "Marcus Chen";
    DEBRIEF_ASSIGN_OR_RETURN(auto stored_participant, store.participants().Insert(participant, {}));
    core::Account account;
    account.incident_id = stored.id;
    account.participant_id = stored_participant.id;
    account.author_id = users[person];
    account.narrative = "What I saw and did during the incident.";
    account.visibility = core::AccountVisibility::kInReview;
    DEBRIEF_ASSIGN_OR_RETURN(auto stored_account, store.accounts().Insert(account, {}));
    account_ids[person] = stored_account.id;
  }
  for (int item = 0; item < items; ++item) {
    core::Timestamp at = start + std::chrono::minutes(item);
    if (item % 2 == 0) {
      core::TimelineEvent event;
      event.incident_id = stored.id;
      event.at = at;
      event.kind = item % 4 == 0 ? core::EventKind::kAlert : core::EventKind::kCommunication;
      event.text = "Alert PaymentsHighErrorRate firing for service-" + std::to_string(index % 50);
      event.actor = "alertmanager";
      event.visible_to = {"all"};
      DEBRIEF_RETURN_IF_ERROR(store.events().Insert(event, {}));
    } else {
      core::AccountEntry entry;
      entry.incident_id = stored.id;
      entry.account_id = account_ids[item % 4 == 1 ? 0 : 1];
      entry.at = at;
      entry.uncertainty_minutes = 2;
      entry.did = "Checked the connection-pool dashboard and restarted one worker";
      entry.saw = "Pool wait time above four seconds";
      entry.expected = "The error rate to settle";
      DEBRIEF_RETURN_IF_ERROR(store.entries().Insert(entry, {}));
    }
  }
  return core::Ok();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: seed_load_data DB [INCIDENTS] [ITEMS]\n");
    return 2;
  }
  int incidents = argc > 2 ? std::atoi(argv[2]) : 10'000;
  int items = argc > 3 ? std::atoi(argv[3]) : 50;
  if (auto crypto = security::InitializeCrypto(); !crypto) return Fail(crypto.error());
  cli::SystemClock clock;
  auto store = store::OpenStore(argv[1], clock);
  if (!store) return Fail(store.error());
  int64_t users[2];
  for (int person = 0; person < 2; ++person) {
    core::User user;
    user.email = "load" + std::to_string(person) + "@example.com";
    user.name = "Load " + std::to_string(person);
    user.password_hash = "unset";
    auto created = (*store)->CreateUser(user, {});
    if (!created) return Fail(created.error());
    users[person] = created->id;
  }
  // Batches of 200 incidents per transaction keep seeding fast without one huge transaction.
  for (int first = 0; first < incidents; first += 200) {
    auto batch = (*store)->InTransaction([&]() -> core::Result<void> {
      for (int index = first; index < std::min(incidents, first + 200); ++index) {
        DEBRIEF_RETURN_IF_ERROR(SeedIncident(**store, index, items, users[0], users[1]));
      }
      return core::Ok();
    });
    if (!batch) return Fail(batch.error());
  }
  std::string secret = security::NewToken("dbr_");
  core::ApiToken token;
  token.user_id = users[0];
  token.name = "load";
  token.token_hash = security::HashToken(secret);
  if (auto created = (*store)->CreateApiToken(token, {}); !created) return Fail(created.error());
  std::printf("%s\n", secret.c_str());
  return 0;
}
