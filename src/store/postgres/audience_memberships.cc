// PostgresStore's record of who was in which audience of an incident, and when.
#include "store/postgres/postgres_store.h"

#include "store/columns.h"
#include "store/postgres/audience_memberships.h"
#include "store/postgres/write_scope.h"

namespace debrief::store::postgres {
namespace {

constexpr char kList[] =
    "SELECT id, incident_id, audience, participant_id, since, until, source "
    "FROM audience_memberships WHERE incident_id = $1 "
    "ORDER BY audience COLLATE \"C\", participant_id, since IS NOT NULL, since, id";
constexpr char kDeleteOfSource[] =
    "DELETE FROM audience_memberships WHERE incident_id = $1 AND source = $2";
// Each value is cast: in a SELECT list nothing around a parameter tells its type.
constexpr char kInsert[] =
    "INSERT INTO audience_memberships (incident_id, audience, participant_id, since, until, "
    "source) SELECT $1::bigint, $2::text, $3::bigint, $4::bigint, $5::bigint, $6::text "
    "WHERE EXISTS (SELECT 1 FROM participants WHERE id = $7 AND incident_id = $8)";
constexpr char kRestore[] =
    "INSERT INTO audience_memberships (id, incident_id, audience, participant_id, since, until, "
    "source) VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr char kParticipantOfIncident[] =
    "SELECT 1 FROM participants WHERE id = $1 AND incident_id = $2";

Result<core::AudienceMembership> ReadMembership(const Statement& statement) {
  core::AudienceMembership membership;
  if (!ReadColumn(statement, 0, membership.id) ||
      !ReadColumn(statement, 1, membership.incident_id) ||
      !ReadColumn(statement, 2, membership.audience) ||
      !ReadColumn(statement, 3, membership.participant_id) ||
      !ReadColumn(statement, 4, membership.since) || !ReadColumn(statement, 5, membership.until) ||
      !ReadColumn(statement, 6, membership.source)) {
    return core::Error::Internal("an audience membership row cannot be read");
  }
  return membership;
}

}  // namespace

core::Result<void> WriteAudienceMemberships(
    Connection& connection, int64_t incident_id, std::string_view source,
    const std::vector<core::AudienceMembership>& memberships) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * remove, connection.Prepare(kDeleteOfSource));
  remove->Bind(1, incident_id);
  remove->Bind(2, source);
  DEBRIEF_RETURN_IF_ERROR(remove->Run());
  for (const core::AudienceMembership& membership : memberships) {
    // A join and a leave at the same instant: a span that covers nothing.
    if (membership.since && membership.until && *membership.until <= *membership.since) continue;
    DEBRIEF_ASSIGN_OR_RETURN(Statement * insert, connection.Prepare(kInsert));
    insert->Bind(1, incident_id);
    BindColumn(*insert, 2, membership.audience);
    insert->Bind(3, membership.participant_id);
    BindColumn(*insert, 4, membership.since);
    BindColumn(*insert, 5, membership.until);
    insert->Bind(6, source);
    insert->Bind(7, membership.participant_id);
    insert->Bind(8, incident_id);
    DEBRIEF_RETURN_IF_ERROR(insert->Run());
  }
  return core::Ok();
}

Result<std::vector<core::AudienceMembership>> PostgresStore::ListAudienceMemberships(
    int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kList));
  statement->Bind(1, incident_id);
  std::vector<core::AudienceMembership> memberships;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    auto membership = ReadMembership(*statement);
    if (!membership) {
      statement->Reset();
      return membership.error();
    }
    memberships.push_back(std::move(*membership));
  }
  return memberships;
}

Result<void> PostgresStore::ReplaceAudienceMemberships(
    int64_t incident_id, std::string_view source, std::vector<core::AudienceMembership> memberships,
    const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_, incident_id));
  for (const core::AudienceMembership& membership : memberships) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * check, connection_->Prepare(kParticipantOfIncident));
    check->Bind(1, membership.participant_id);
    check->Bind(2, incident_id);
    DEBRIEF_ASSIGN_OR_RETURN(bool found, check->Step());
    check->Reset();
    if (!found) {
      return core::Error::InvalidArgument(
          "participant " + std::to_string(membership.participant_id) + " is not in the incident",
          "participant_id");
    }
    if (membership.since && membership.until && *membership.until <= *membership.since) {
      return core::Error::InvalidArgument("a membership must end after it starts", "until");
    }
  }
  DEBRIEF_RETURN_IF_ERROR(WriteAudienceMemberships(*connection_, incident_id, source, memberships));
  // One entry for the whole set, about the incident: it moves the incident's generation, so
  // every cached view of its timeline is read again.
  DEBRIEF_RETURN_IF_ERROR(
      AuditWrite("update", "audience_memberships", incident_id, incident_id, change));
  return scope.Commit();
}

Result<void> PostgresStore::RestoreAudienceMembership(const core::AudienceMembership& membership) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kRestore));
  statement->Bind(1, membership.id);
  statement->Bind(2, membership.incident_id);
  BindColumn(*statement, 3, membership.audience);
  statement->Bind(4, membership.participant_id);
  BindColumn(*statement, 5, membership.since);
  BindColumn(*statement, 6, membership.until);
  BindColumn(*statement, 7, membership.source);
  return statement->Run();
}

}  // namespace debrief::store::postgres
