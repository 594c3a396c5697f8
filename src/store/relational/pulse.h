// SqlStore's review pulse: who answered, and the answers' counts, in two tables that share
// nothing but the incident.
#pragma once

#include "store/relational/sql_store.h"

namespace debrief::store::relational {
namespace detail {

// A tally from its two statements, each bound to `value` as the first parameter: the counts by
// question and answer, then how many answered and in how many reviews.
template <class Connection>
Result<core::PulseTally> ReadPulseTally(Connection& connection, const char* counts_sql,
                                        const char* respondents_sql, int64_t value) {
  core::PulseTally tally = core::EmptyPulseTally();
  DEBRIEF_ASSIGN_OR_RETURN(auto* counts, connection.Prepare(counts_sql));
  counts->Bind(1, value);
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, counts->Step());
    if (!has_row) break;
    tally.counts[std::string(counts->Text(0))][std::string(counts->Text(1))] = counts->Int64(2);
  }
  DEBRIEF_ASSIGN_OR_RETURN(auto* respondents, connection.Prepare(respondents_sql));
  respondents->Bind(1, value);
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, respondents->Step());
  if (has_row) {
    tally.responses = respondents->Int64(0);
    tally.reviews = respondents->Int64(1);
  }
  respondents->Reset();
  return tally;
}

}  // namespace detail

template <class Backend>
Result<void> SqlStore<Backend>::AddPulseAnswer(int64_t incident_id, int64_t user_id,
                                               const core::PulseAnswer& answer,
                                               const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_, incident_id));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * respondent, connection_->Prepare(Sql::kAddPulseRespondent));
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
    DEBRIEF_ASSIGN_OR_RETURN(Statement * count, connection_->Prepare(Sql::kCountPulseAnswer));
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

template <class Backend>
Result<bool> SqlStore<Backend>::AnsweredPulse(int64_t incident_id, int64_t user_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kAnsweredPulse));
  statement->Bind(1, incident_id);
  statement->Bind(2, user_id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  statement->Reset();
  return found;
}

template <class Backend>
Result<core::PulseTally> SqlStore<Backend>::PulseCounts(int64_t incident_id) {
  return detail::ReadPulseTally(*connection_, Sql::kPulseCountsOfIncident,
                                Sql::kPulseRespondentsOfIncident, incident_id);
}

template <class Backend>
Result<core::PulseTally> SqlStore<Backend>::PulseCountsOfClosedReviews(int64_t shown_from) {
  return detail::ReadPulseTally(*connection_, Sql::kClosedPulseCounts, Sql::kClosedPulseRespondents,
                                shown_from);
}

template <class Backend>
Result<std::vector<int64_t>> SqlStore<Backend>::ListPulseRespondents(int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kPulseRespondentsInOrder));
  statement->Bind(1, incident_id);
  std::vector<int64_t> respondents;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    respondents.push_back(statement->Int64(0));
  }
  return respondents;
}

template <class Backend>
Result<std::vector<core::PulseCount>> SqlStore<Backend>::ListPulseCounts(int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kPulseCountsInOrder));
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

template <class Backend>
Result<void> SqlStore<Backend>::RestorePulse(int64_t incident_id,
                                             const std::vector<int64_t>& respondents,
                                             const std::vector<core::PulseCount>& counts) {
  for (int64_t user_id : respondents) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * insert, connection_->Prepare(Sql::kAddPulseRespondent));
    insert->Bind(1, incident_id);
    insert->Bind(2, user_id);
    DEBRIEF_RETURN_IF_ERROR(insert->Run());
  }
  for (const core::PulseCount& count : counts) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * insert, connection_->Prepare(Sql::kRestorePulseCount));
    insert->Bind(1, incident_id);
    insert->Bind(2, std::string_view(count.question));
    insert->Bind(3, std::string_view(count.answer));
    insert->Bind(4, count.count);
    DEBRIEF_RETURN_IF_ERROR(insert->Run());
  }
  return core::Ok();
}

}  // namespace debrief::store::relational
