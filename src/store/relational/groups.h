// SqlStore's groups of users (core::Group): a row per group, a row per membership, written
// together in one transaction and versioned like users.
#pragma once

#include "store/relational/sql_store.h"

namespace debrief::store::relational {

template <class Backend>
Result<core::Group> SqlStore<Backend>::ReadGroup(Statement& statement) {
  core::Group group;
  group.id = statement.Int64(0);
  group.name = std::string(statement.Text(1));
  group.created_at = core::FromEpochMillis(statement.Int64(2));
  group.version = statement.Int64(3);
  statement.Reset();
  DEBRIEF_ASSIGN_OR_RETURN(Statement * members, connection_->Prepare(Sql::kListGroupMembers));
  members->Bind(1, group.id);
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, members->Step());
    if (!has_row) break;
    group.member_ids.push_back(members->Int64(0));
  }
  return group;
}

template <class Backend>
Result<void> SqlStore<Backend>::WriteGroupMembers(const core::Group& group) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * forget, connection_->Prepare(Sql::kForgetGroupMembers));
  forget->Bind(1, group.id);
  DEBRIEF_RETURN_IF_ERROR(forget->Run());
  for (int64_t user_id : group.member_ids) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * insert, connection_->Prepare(Sql::kInsertGroupMember));
    insert->Bind(1, group.id);
    insert->Bind(2, user_id);
    auto ran = insert->Run();
    if (!ran) {
      // The foreign key to users: a member who is nobody here.
      if (ran.error().code() == core::ErrorCode::kInvalidArgument) {
        return core::Error::InvalidArgument("no user " + std::to_string(user_id), "members");
      }
      return ran;
    }
  }
  return core::Ok();
}

template <class Backend>
Result<core::Group> SqlStore<Backend>::InsertGroup(core::Group group) {
  // A new group is numbered by the database; a restored one keeps its id.
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare(group.id == 0 ? Sql::kInsertGroup : Sql::kRestoreGroup));
  statement->Bind(1, std::string_view(group.name));
  statement->Bind(2, core::GroupNameKey(group.name));
  statement->Bind(3, core::ToEpochMillis(group.created_at));
  statement->Bind(4, group.version);
  if (group.id != 0) statement->Bind(5, group.id);
  auto stepped = statement->Step();
  if (!stepped) {
    if (stepped.error().code() == core::ErrorCode::kAlreadyExists) {
      return core::Error::AlreadyExists("a group named " + group.name + " exists", "name");
    }
    return stepped.error();
  }
  group.id = statement->Int64(0);
  statement->Reset();
  std::sort(group.member_ids.begin(), group.member_ids.end());
  group.member_ids.erase(std::unique(group.member_ids.begin(), group.member_ids.end()),
                         group.member_ids.end());
  DEBRIEF_RETURN_IF_ERROR(WriteGroupMembers(group));
  return group;
}

template <class Backend>
Result<core::Group> SqlStore<Backend>::CreateGroup(core::Group group, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  group.id = 0;
  group.version = 1;
  group.created_at = clock_.Now();
  DEBRIEF_ASSIGN_OR_RETURN(core::Group created, InsertGroup(std::move(group)));
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("create", "groups", created.id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return created;
}

template <class Backend>
Result<core::Group> SqlStore<Backend>::GetGroup(int64_t id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kGetGroup));
  statement->Bind(1, id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("no group " + std::to_string(id));
  return ReadGroup(*statement);
}

template <class Backend>
Result<core::Group> SqlStore<Backend>::FindGroupByName(std::string_view name) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kFindGroupByName));
  statement->Bind(1, core::GroupNameKey(name));
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("no group named " + std::string(name));
  return ReadGroup(*statement);
}

template <class Backend>
Result<std::vector<core::Group>> SqlStore<Backend>::ListGroups() {
  // Ids first: ReadGroup runs a statement of its own for the members.
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kListGroupIds));
  std::vector<int64_t> ids;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    ids.push_back(statement->Int64(0));
  }
  std::vector<core::Group> groups;
  groups.reserve(ids.size());
  for (int64_t id : ids) {
    DEBRIEF_ASSIGN_OR_RETURN(core::Group group, GetGroup(id));
    groups.push_back(std::move(group));
  }
  return groups;
}

template <class Backend>
Result<std::vector<int64_t>> SqlStore<Backend>::ListGroupIdsOf(int64_t user_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kListGroupIdsOf));
  statement->Bind(1, user_id);
  std::vector<int64_t> ids;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    ids.push_back(statement->Int64(0));
  }
  return ids;
}

template <class Backend>
Result<core::Group> SqlStore<Backend>::UpdateGroup(const core::Group& group, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kUpdateGroup));
  statement->Bind(1, std::string_view(group.name));
  statement->Bind(2, core::GroupNameKey(group.name));
  statement->Bind(3, group.id);
  statement->Bind(4, group.version);
  auto ran = statement->Run();
  if (!ran) {
    if (ran.error().code() == core::ErrorCode::kAlreadyExists) {
      return core::Error::AlreadyExists("a group named " + group.name + " exists", "name");
    }
    return ran.error();
  }
  if (statement->Changes() == 0) {
    DEBRIEF_ASSIGN_OR_RETURN(core::Group current, GetGroup(group.id));
    return core::Error::FailedPrecondition(
        "group " + std::to_string(group.id) + " is at version " + std::to_string(current.version) +
        ", not " + std::to_string(group.version) + ": someone changed it since it was read");
  }
  core::Group updated = group;
  std::sort(updated.member_ids.begin(), updated.member_ids.end());
  updated.member_ids.erase(std::unique(updated.member_ids.begin(), updated.member_ids.end()),
                           updated.member_ids.end());
  DEBRIEF_RETURN_IF_ERROR(WriteGroupMembers(updated));
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("update", "groups", group.id, std::nullopt, change));
  DEBRIEF_ASSIGN_OR_RETURN(core::Group written, GetGroup(group.id));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return written;
}

template <class Backend>
Result<void> SqlStore<Backend>::DeleteGroup(int64_t id, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kDeleteGroup));
  statement->Bind(1, id);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  if (statement->Changes() == 0) return core::Error::NotFound("no group " + std::to_string(id));
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("delete", "groups", id, std::nullopt, change));
  return scope.Commit();
}

}  // namespace debrief::store::relational
