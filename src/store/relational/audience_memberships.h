// SqlStore's record of who was in which audience of an incident, and when; and writing an
// incident's audience memberships (core::AudienceMembership) on a connection, for the store's own
// write and for an event import that lands them with its events.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/knowledge.h"
#include "core/result.h"
#include "store/columns.h"
#include "store/relational/sql_store.h"

namespace debrief::store::relational {
namespace detail {

// A row of (id, incident_id, audience, participant_id, since, until, source).
template <class Row>
Result<core::AudienceMembership> ReadAudienceMembership(const Row& statement) {
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

}  // namespace detail

// Puts `memberships` in place of those `source` recorded for the incident, inside the caller's
// write (a WriteScope begun for the incident, which on PostgreSQL has locked it). One of a
// participant who is not (or no longer) in the incident, or one that ends where it starts, is
// left out. Called as WriteAudienceMemberships<Backend>(connection, ...).
template <class Backend>
core::Result<void> WriteAudienceMemberships(
    typename Backend::Connection& connection, int64_t incident_id, std::string_view source,
    const std::vector<core::AudienceMembership>& memberships) {
  using Sql = typename Backend::Sql;
  using Statement = typename Backend::Statement;
  DEBRIEF_ASSIGN_OR_RETURN(Statement * remove,
                           connection.Prepare(Sql::kDeleteAudienceMembershipsOfSource));
  remove->Bind(1, incident_id);
  remove->Bind(2, source);
  DEBRIEF_RETURN_IF_ERROR(remove->Run());
  for (const core::AudienceMembership& membership : memberships) {
    // A join and a leave at the same instant: a span that covers nothing.
    if (membership.since && membership.until && *membership.until <= *membership.since) continue;
    DEBRIEF_ASSIGN_OR_RETURN(Statement * insert,
                             connection.Prepare(Sql::kInsertAudienceMembership));
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

template <class Backend>
Result<std::vector<core::AudienceMembership>> SqlStore<Backend>::ListAudienceMemberships(
    int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kListAudienceMemberships));
  statement->Bind(1, incident_id);
  std::vector<core::AudienceMembership> memberships;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    auto membership = detail::ReadAudienceMembership(*statement);
    if (!membership) {
      statement->Reset();
      return membership.error();
    }
    memberships.push_back(std::move(*membership));
  }
  return memberships;
}

template <class Backend>
Result<void> SqlStore<Backend>::ReplaceAudienceMemberships(
    int64_t incident_id, std::string_view source, std::vector<core::AudienceMembership> memberships,
    const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_, incident_id));
  for (const core::AudienceMembership& membership : memberships) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * check,
                             connection_->Prepare(Sql::kAudienceParticipantOfIncident));
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
  DEBRIEF_RETURN_IF_ERROR(
      WriteAudienceMemberships<Backend>(*connection_, incident_id, source, memberships));
  // One entry for the whole set, about the incident: it moves the incident's generation, so
  // every cached view of its timeline is read again.
  DEBRIEF_RETURN_IF_ERROR(
      AuditWrite("update", "audience_memberships", incident_id, incident_id, change));
  return scope.Commit();
}

template <class Backend>
Result<void> SqlStore<Backend>::RestoreAudienceMembership(
    const core::AudienceMembership& membership) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kRestoreAudienceMembership));
  statement->Bind(1, membership.id);
  statement->Bind(2, membership.incident_id);
  BindColumn(*statement, 3, membership.audience);
  statement->Bind(4, membership.participant_id);
  BindColumn(*statement, 5, membership.since);
  BindColumn(*statement, 6, membership.until);
  BindColumn(*statement, 7, membership.source);
  return statement->Run();
}

}  // namespace debrief::store::relational
