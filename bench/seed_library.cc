// Seeds a database for bench/library-load.sh: N published reviews, each made the way publishing
// makes one (a snapshot in the export format, then the library entry with its anonymised copy),
// with varied, realistic text: 40 services, 48 failure modes, 30 people, accounts, timeline
// events, contributing factors, lessons and action items. A fixed seed makes every run write
// the same reviews. A member's API token is printed on stdout.
//
//   seed_library DB [REVIEWS=100000]
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "app/anonymisation.h"
#include "app/library_entry.h"
#include "cli/system_clock.h"
#include "formats/incident_snapshot.h"
#include "security/password.h"
#include "security/token.h"
#include "store/open.h"

using namespace debrief;

namespace {

const char* kServices[] = {"checkout",       "payments",      "search",
                           "auth",           "billing",       "ledger",
                           "inventory",      "shipping",      "notifications",
                           "email",          "sms-gateway",   "api-gateway",
                           "edge-proxy",     "cdn",           "dns",
                           "kafka",          "rabbitmq",      "redis-cache",
                           "postgres",       "mysql-orders",  "elasticsearch",
                           "object-storage", "image-resizer", "recommendations",
                           "feature-flags",  "ci-runners",    "deploy-pipeline",
                           "control-plane",  "ingress",       "service-mesh",
                           "vault",          "identity",      "session-store",
                           "rate-limiter",   "webhooks",      "reporting",
                           "data-warehouse", "etl",           "mobile-api",
                           "web-frontend"};

struct Failure {
  const char* title;      // "certificate expiry"
  const char* saw;        // What responders saw.
  const char* mechanism;  // How it happened.
};

const Failure kFailures[] = {
    {"connection pool exhaustion", "requests queued waiting for database connections",
     "the pool was sized for last year's traffic"},
    {"certificate expiry", "TLS handshakes failed for every client",
     "the renewal job had been silently failing"},
    {"DNS resolution failures", "lookups timed out intermittently",
     "the resolver cache was flushed during a rollout"},
    {"disk full on primary", "writes failed with no space left on device",
     "log rotation was disabled by a config change"},
    {"memory leak", "pods were OOM killed every forty minutes",
     "a new client library kept buffers alive"},
    {"thundering herd after cache flush", "database load tripled in a minute",
     "every cache key expired at once"},
    {"misconfigured feature flag", "half the users saw an empty cart",
     "the flag targeted the wrong segment"},
    {"expired credentials", "the service got 403 from its dependency",
     "a rotated secret was not reloaded"},
    {"replication lag", "reads returned stale data for minutes",
     "a long transaction held the replica back"},
    {"split brain after failover", "two primaries accepted writes",
     "fencing did not reach the old primary"},
    {"clock skew", "tokens were rejected as not yet valid", "NTP was blocked by a firewall change"},
    {"runaway cron job", "CPU saturated on the batch hosts",
     "the job overlapped with its previous run"},
    {"bad schema migration", "queries scanned whole tables",
     "an index was dropped and rebuilt online"},
    {"rate limit misconfiguration", "legitimate clients received 429",
     "the limit was set per region instead of per host"},
    {"queue backlog", "consumer lag grew past two hours", "a poison message blocked one partition"},
    {"noisy neighbour", "latency spiked on shared hosts", "a batch tenant used all disk bandwidth"},
    {"network partition", "one availability zone could not reach the others",
     "a switch firmware upgrade dropped routes"},
    {"TLS handshake errors", "mobile clients could not connect", "an old cipher suite was removed"},
    {"deadlock in order service", "checkouts hung until timeout",
     "two code paths locked rows in opposite order"},
    {"hot partition", "one shard served most of the traffic",
     "a popular key hashed to the same shard"},
    {"autoscaler oscillation", "capacity swung up and down every few minutes",
     "the target utilisation was too tight"},
    {"stale DNS cache", "traffic kept going to drained hosts",
     "the TTL was ignored by a client library"},
    {"load balancer health check failures", "healthy hosts were taken out of rotation",
     "the health check depended on a slow dependency"},
    {"retry storm", "traffic to the dependency grew tenfold",
     "clients retried without backoff or jitter"},
    {"garbage collection pauses", "p99 latency reached seconds",
     "the heap was too small for the new workload"},
    {"file descriptor exhaustion", "new connections were refused",
     "sockets leaked on an error path"},
    {"kernel upgrade regression", "throughput halved on upgraded hosts",
     "a network driver changed its defaults"},
    {"BGP route leak", "traffic took a long detour", "a peer announced routes it should not have"},
    {"CDN purge storm", "origin load exceeded capacity", "a purge invalidated every object"},
    {"webhook delivery backlog", "partners received events hours late",
     "the worker pool was starved by slow endpoints"},
    {"search index corruption", "search returned empty results", "a node restarted during a merge"},
    {"payment provider outage", "card payments failed",
     "the provider's region went down and failover was manual"},
    {"object storage throttling", "uploads failed with slow down errors",
     "request rates exceeded the bucket limit"},
    {"session store eviction", "users were logged out", "memory pressure evicted session keys"},
    {"deploy pipeline stuck", "no release could ship for a day",
     "a runner image lost its credentials"},
    {"control plane overload", "deployments and scaling stalled",
     "a controller listed every object in a tight loop"},
    {"service mesh sidecar crash", "calls between services failed",
     "a sidecar update had an incompatible config"},
    {"vault seal event", "services could not read secrets", "an unseal key holder was unreachable"},
    {"data warehouse load failure", "reports showed yesterday's numbers",
     "an upstream schema changed without notice"},
    {"email provider blocklisting", "password reset mails never arrived",
     "a campaign raised the spam rate"},
    {"SMS gateway timeouts", "one-time codes arrived late", "the carrier throttled our sender id"},
    {"inventory double counting", "items were oversold", "an idempotency key was not checked"},
    {"image resizer crash loop", "product pages showed broken images",
     "a malformed image triggered a decoder bug"},
    {"recommendation model rollback", "recommendations were irrelevant",
     "a model was trained on truncated data"},
    {"identity provider latency", "sign-ins took thirty seconds", "a directory sync held locks"},
    {"ledger reconciliation mismatch", "balances did not add up",
     "a batch ran twice after a retry"},
    {"mobile API version skew", "old app versions crashed", "a field was removed from a response"},
    {"web frontend asset 404s", "pages rendered without styles",
     "the CDN served a stale manifest"}};

const char* kPeople[] = {
    "Priya Raman",  "Marcus Chen",  "Lena Fischer", "Tomás Ortega",  "Aisha Bello",
    "Jonas Berg",   "Mei Tanaka",   "Omar Haddad",  "Sofia Rossi",   "Daniel Kim",
    "Chloé Martin", "Kwame Mensah", "Ingrid Olsen", "Ravi Patel",    "Hana Novak",
    "Lucas Silva",  "Fatima Zahra", "Erik Lund",    "Nadia Petrova", "Ben Carter",
    "Yuki Sato",    "Amara Obi",    "Pavel Horak",  "Grace Liu",     "Mateo García",
    "Zoë Williams", "Arjun Mehta",  "Elif Yilmaz",  "Noah Fischer",  "Sara Lindqvist"};

const char* kTriggers[] = {"after a deploy",
                           "during a traffic spike",
                           "after a config change",
                           "during a failover drill",
                           "after a dependency upgrade",
                           "during planned maintenance",
                           "after a certificate rotation",
                           "during a marketing campaign"};

const char* kCategories[] = {"detection_monitoring",
                             "tooling_automation",
                             "change_process",
                             "documentation_runbooks",
                             "communication_coordination",
                             "capacity",
                             "dependencies",
                             "design",
                             "knowledge_training",
                             "organisational_pressure"};

const char* kFactorTexts[] = {
    "The alert fired on error rate only, so slow requests went unnoticed for twenty minutes.",
    "The runbook described the old topology and sent responders to the wrong dashboard.",
    "The change was reviewed, but nothing in the review showed its effect on connection counts.",
    "Two teams owned parts of the path and each assumed the other was watching it.",
    "The rollback needed a manual step that only one person had practised.",
    "Capacity planning used last quarter's peak, which the campaign exceeded.",
    "The dependency's status page stayed green while its API failed.",
    "Deploys were batched at the end of the sprint, so several changes landed together.",
    "The dashboards averaged over five minutes and hid the spikes.",
    "A release deadline made the team defer the load test."};

const char* kEventTexts[] = {"Alert fired for elevated error rate",
                             "On-call acknowledged the page",
                             "Incident channel opened and commander assigned",
                             "Rolled back the latest deploy",
                             "Failed over to the secondary region",
                             "Status page updated for customers",
                             "Error rate back to normal",
                             "Scaled out the worker pool",
                             "Paused the batch jobs",
                             "Confirmed recovery with synthetic checks"};

const char* kLessons[][2] = {
    {"Alert on what users feel", "Latency and saturation warn earlier than error counts."},
    {"Practise the rollback", "A rollback nobody has run is a plan, not a safety net."},
    {"Size pools from load tests", "Defaults age quietly as traffic grows."},
    {"Make ownership visible", "A shared dependency needs a named owner and a dashboard."},
    {"Stagger expiry", "Anything that expires at once fails at once."},
    {"Keep runbooks next to alerts", "The link in the page is the runbook people read."},
    {"Retry with backoff and jitter", "Retries without jitter turn a blip into a storm."},
    {"Test failover regularly", "Failover that is not exercised decays."}};

const char* kActions[] = {"Add a latency alert on the checkout path",
                          "Automate certificate renewal checks",
                          "Load test the connection pool settings",
                          "Document the failover procedure in the runbook",
                          "Add jitter to client retries",
                          "Name an owner for the shared cache",
                          "Add a canary stage to the deploy pipeline",
                          "Record the rollback drill quarterly"};

template <class T, size_t N>
const T& Pick(std::mt19937_64& random, const T (&values)[N]) {
  return values[std::uniform_int_distribution<size_t>(0, N - 1)(random)];
}

core::Result<void> SeedReview(store::Store& store, std::mt19937_64& random, int index,
                              const std::vector<core::User>& users) {
  const Failure& failure = Pick(random, kFailures);
  std::string service = Pick(random, kServices);
  std::string second_service = Pick(random, kServices);
  std::string trigger = Pick(random, kTriggers);
  core::Timestamp start = *core::ParseRfc3339("2019-01-01T00:00:00Z") +
                          std::chrono::minutes(int64_t{index} * 40 + (random() % 30));
  size_t first_person = random() % users.size();
  size_t second_person = (first_person + 1 + random() % (users.size() - 1)) % users.size();
  const core::User& on_call = users[first_person];
  const core::User& commander = users[second_person];

  core::Incident incident;
  incident.title = service + " " + failure.title + " " + trigger;
  incident.summary = "Customers of " + service + " were affected when " + failure.saw + " " +
                     trigger + ". We learned that " + failure.mechanism + ".";
  incident.impact = "About " + std::to_string(1 + random() % 40) + "% of " + service +
                    " requests failed for " + std::to_string(10 + random() % 170) + " minutes.";
  incident.severity = "SEV" + std::to_string(1 + random() % 4);
  incident.status = core::IncidentStatus::kResolved;
  incident.review_status = core::ReviewStatus::kPublished;
  incident.services = {service};
  if (second_service != service) incident.services.push_back(second_service);
  incident.tags = {random() % 3 == 0 ? "customer-facing" : "internal"};
  if (random() % 5 == 0) incident.tags.push_back("security");
  incident.started_at = start;
  incident.detected_at = start + std::chrono::minutes(3 + random() % 20);
  incident.resolved_at = start + std::chrono::minutes(40 + random() % 200);
  incident.created_by = on_call.id;
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident stored, store.CreateIncident(incident, {}));

  render::IncidentDocument document;
  document.incident = stored;
  for (const core::User* person : {&on_call, &commander}) {
    core::Participant participant;
    participant.incident_id = stored.id;
    participant.user_id = person->id;
    participant.name = person->name;
    participant.role = person == &on_call ? core::ParticipantRole::kOnCall
                                          : core::ParticipantRole::kIncidentCommander;
    DEBRIEF_ASSIGN_OR_RETURN(participant, store.participants().Insert(participant, {}));
    document.participants.push_back(participant);
    core::Account account;
    account.incident_id = stored.id;
    account.participant_id = participant.id;
    account.author_id = person->id;
    account.visibility = core::AccountVisibility::kInReview;
    account.narrative =
        person == &on_call
            ? "I was paged when " + std::string(failure.saw) + ". I opened the " + service +
                  " dashboard and expected the usual noise. I assumed the recent change was "
                  "unrelated because it had passed staging. " +
                  commander.name + " joined and we compared notes in the channel."
            : "I took command once it was clear that " + std::string(failure.saw) + ". I asked " +
                  on_call.name +
                  " what changed in the last hour and kept the "
                  "status page current. We decided to roll back before we understood why, "
                  "because the rollback was cheap.";
    document.accounts.push_back({account, participant.name, {}});
  }
  for (int event = 0; event < 6; ++event) {
    core::TimelineEvent item;
    item.incident_id = stored.id;
    item.at = start + std::chrono::minutes(event * 9);
    item.text = std::string(Pick(random, kEventTexts)) + " (" + service + ")";
    document.events.push_back(item);
  }
  for (int factor = 0; factor < 2; ++factor) {
    core::ContributingFactor record;
    record.incident_id = stored.id;
    record.category = *core::ParseEnum<core::FactorCategory>(Pick(random, kCategories));
    record.text = Pick(random, kFactorTexts);
    document.factors.push_back(record);
  }
  const auto& lesson_text = Pick(random, kLessons);
  core::Lesson lesson;
  lesson.incident_id = stored.id;
  lesson.title = lesson_text[0];
  lesson.body = lesson_text[1];
  lesson.author_ids = {on_call.id};
  document.lessons.push_back(lesson);
  for (int action = 0; action < 2; ++action) {
    core::ActionItem item;
    item.incident_id = stored.id;
    item.title = Pick(random, kActions);
    document.actions.push_back(item);
  }
  for (const core::User& user : users) document.user_names[user.id] = user.name;

  std::string snapshot = boost::json::serialize(formats::IncidentDocumentJson(document));
  DEBRIEF_ASSIGN_OR_RETURN(core::PublishedVersion version,
                           store.Publish(stored, stored.version, snapshot, {on_call.id}));
  DEBRIEF_ASSIGN_OR_RETURN(render::Anonymiser anonymiser,
                           app::Anonymisation(store).ForDocument(document));
  return store.IndexForLibrary(app::MakeLibraryEntry(document, anonymiser, version));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: seed_library DB [REVIEWS=100000]\n");
    return 2;
  }
  int reviews = argc > 2 ? std::atoi(argv[2]) : 100'000;
  if (auto crypto = security::InitializeCrypto(); !crypto) {
    std::fprintf(stderr, "seed_library: %s\n", crypto.error().message().c_str());
    return 1;
  }
  cli::SystemClock clock;
  auto store = store::OpenStore(argv[1], clock);
  auto fail = [](const core::Error& error) {
    std::fprintf(stderr, "seed_library: %s\n", error.message().c_str());
    return 1;
  };
  if (!store) return fail(store.error());
  std::vector<core::User> users;
  for (const char* name : kPeople) {
    core::User user;
    user.name = name;
    user.email = "person" + std::to_string(users.size()) + "@example.com";
    user.password_hash = "unset";
    auto created = (*store)->CreateUser(user, {});
    if (!created) return fail(created.error());
    users.push_back(*created);
  }
  std::mt19937_64 random(20261124);
  for (int first = 0; first < reviews; first += 500) {
    auto batch = (*store)->InTransaction([&]() -> core::Result<void> {
      for (int index = first; index < std::min(reviews, first + 500); ++index) {
        DEBRIEF_RETURN_IF_ERROR(SeedReview(**store, random, index, users));
      }
      return core::Ok();
    });
    if (!batch) return fail(batch.error());
  }
  std::string secret = security::NewToken("dbr_");
  core::ApiToken token;
  token.user_id = users[0].id;
  token.name = "library-load";
  token.token_hash = security::HashToken(secret);
  if (auto created = (*store)->CreateApiToken(token, {}); !created) return fail(created.error());
  std::printf("%s\n", secret.c_str());
  return 0;
}
