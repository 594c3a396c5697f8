// PostgresStore's review pulse: who answered, and the answers' counts, in two tables that share
// nothing but the incident.
#include "store/postgres/postgres_store.h"

#include "store/postgres/write_scope.h"

namespace debrief::store::postgres {
namespace {

constexpr char kAddRespondent[] =
    "INSERT INTO pulse_respondents (incident_id, user_id) VALUES ($1, $2)";
constexpr char kAnswered[] =
    "SELECT 1 FROM pulse_respondents WHERE incident_id = $1 AND user_id = $2";
// The table is aliased so the update can name the row's count apart from the one proposed.
constexpr char kCount[] =
    "INSERT INTO pulse_counts AS counts (incident_id, question, answer, count) "
    "VALUES ($1, $2, $3, 1) "
    "ON CONFLICT (incident_id, question, answer) DO UPDATE SET count = counts.count + 1";
constexpr char kCountsOfIncident[] =
    "SELECT question, answer, count FROM pulse_counts WHERE incident_id = $1";
constexpr char kRespondentsOfIncident[] =
    "SELECT count(*), count(DISTINCT incident_id) FROM pulse_respondents WHERE incident_id = $1";
// The two statements below share one subquery, the closed pulses answered by at least $1 people:
// their review has a published version. The sum is cast back to bigint (PostgreSQL sums bigints
// as numeric).
constexpr char kClosedCounts[] =
    "SELECT question, answer, sum(count)::bigint FROM pulse_counts WHERE incident_id IN "
    "(SELECT incident_id FROM pulse_respondents GROUP BY incident_id HAVING count(*) >= $1 "
    "AND EXISTS (SELECT 1 FROM published_versions WHERE published_versions.incident_id = "
    "pulse_respondents.incident_id)) GROUP BY question, answer";
constexpr char kClosedRespondents[] =
    "SELECT count(*), count(DISTINCT incident_id) FROM pulse_respondents WHERE incident_id IN "
    "(SELECT incident_id FROM pulse_respondents GROUP BY incident_id HAVING count(*) >= $1 "
    "AND EXISTS (SELECT 1 FROM published_versions WHERE published_versions.incident_id = "
    "pulse_respondents.incident_id))";

constexpr char kRespondentsInOrder[] =
    "SELECT user_id FROM pulse_respondents WHERE incident_id = $1 ORDER BY user_id";
constexpr char kCountsInOrder[] =
    "SELECT question, answer, count FROM pulse_counts WHERE incident_id = $1 "
    "ORDER BY question COLLATE \"C\", answer COLLATE \"C\"";
constexpr char kRestoreCount[] =
    "INSERT INTO pulse_counts (incident_id, question, answer, count) VALUES ($1, $2, $3, $4)";

}  // namespace

Result<void> PostgresStore::AddPulseAnswer(int64_t incident_id, int64_t user_id,
                                           const core::PulseAnswer& answer, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_, incident_id));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * respondent, connection_->Prepare(kAddRespondent));
  respondent->Bind(1, incident_id);
  respondent->Bind(2, user_id);
  if (Result<void> added = respondent->Run(); !added) {
    if (added.error().code() == core::ErrorCode::kAlreadyExists) {
      return core::Error::AlreadyExists("you have answered this review's pulse already");
    }
    return added.error();
  }
  for (const auto& [question, given] :
       {std::pair<const char*, const std::string*>{"learned", &answer.learned},
        std::pair<const char*, const std::string*>{"again", &answer.again}}) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * count, connection_->Prepare(kCount));
    count->Bind(1, incident_id);
    count->Bind(2, std::string_view(question));
    count->Bind(3, std::string_view(*given));
    DEBRIEF_RETURN_IF_ERROR(count->Run());
  }
  // The audit log says someone answered; what they answered is in no row that names them.
  Change said = change;
  said.diff_json = "{}";
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("create", "pulse_answers", incident_id, incident_id, said));
  return scope.Commit();
}

Result<bool> PostgresStore::AnsweredPulse(int64_t incident_id, int64_t user_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kAnswered));
  statement->Bind(1, incident_id);
  statement->Bind(2, user_id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  statement->Reset();
  return found;
}

namespace {

// A tally from its two statements, each bound to `value` as $1: the counts by question and
// answer, then how many answered and in how many reviews.
Result<core::PulseTally> ReadTally(Connection& connection, const char* counts_sql,
                                   const char* respondents_sql, int64_t value) {
  core::PulseTally tally = core::EmptyPulseTally();
  DEBRIEF_ASSIGN_OR_RETURN(Statement * counts, connection.Prepare(counts_sql));
  counts->Bind(1, value);
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, counts->Step());
    if (!has_row) break;
    tally.counts[std::string(counts->Text(0))][std::string(counts->Text(1))] = counts->Int64(2);
  }
  DEBRIEF_ASSIGN_OR_RETURN(Statement * respondents, connection.Prepare(respondents_sql));
  respondents->Bind(1, value);
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, respondents->Step());
  if (has_row) {
    tally.responses = respondents->Int64(0);
    tally.reviews = respondents->Int64(1);
  }
  respondents->Reset();
  return tally;
}

}  // namespace

Result<core::PulseTally> PostgresStore::PulseCounts(int64_t incident_id) {
  return ReadTally(*connection_, kCountsOfIncident, kRespondentsOfIncident, incident_id);
}

Result<core::PulseTally> PostgresStore::PulseCountsOfClosedReviews(int64_t shown_from) {
  return ReadTally(*connection_, kClosedCounts, kClosedRespondents, shown_from);
}

Result<std::vector<int64_t>> PostgresStore::ListPulseRespondents(int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kRespondentsInOrder));
  statement->Bind(1, incident_id);
  std::vector<int64_t> respondents;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    respondents.push_back(statement->Int64(0));
  }
  return respondents;
}

Result<std::vector<core::PulseCount>> PostgresStore::ListPulseCounts(int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kCountsInOrder));
  statement->Bind(1, incident_id);
  std::vector<core::PulseCount> counts;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    counts.push_back(
        {std::string(statement->Text(0)), std::string(statement->Text(1)), statement->Int64(2)});
  }
  return counts;
}

Result<void> PostgresStore::RestorePulse(int64_t incident_id,
                                         const std::vector<int64_t>& respondents,
                                         const std::vector<core::PulseCount>& counts) {
  for (int64_t user_id : respondents) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * insert, connection_->Prepare(kAddRespondent));
    insert->Bind(1, incident_id);
    insert->Bind(2, user_id);
    DEBRIEF_RETURN_IF_ERROR(insert->Run());
  }
  for (const core::PulseCount& count : counts) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * insert, connection_->Prepare(kRestoreCount));
    insert->Bind(1, incident_id);
    insert->Bind(2, std::string_view(count.question));
    insert->Bind(3, std::string_view(count.answer));
    insert->Bind(4, count.count);
    DEBRIEF_RETURN_IF_ERROR(insert->Run());
  }
  return core::Ok();
}

}  // namespace debrief::store::postgres
