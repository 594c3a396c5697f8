// SqlStore's part of erasing a person (store/erasure_store.h).
#pragma once

#include <algorithm>
#include <iterator>

#include "store/relational/sql_store.h"

namespace debrief::store::relational {

template <class Backend>
Result<StandInRemovals> SqlStore<Backend>::MakeErasedStandIn(
    int64_t user_id, int64_t expected_version, std::string_view name, std::string_view email,
    const std::function<Change(const StandInRemovals&)>& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * user, connection_->Prepare(Sql::kEraseUser));
  user->Bind(1, name);
  user->Bind(2, email);
  user->Bind(3, user_id);
  user->Bind(4, expected_version);
  auto renamed = user->Run();
  if (!renamed) {
    if (renamed.error().code() == core::ErrorCode::kAlreadyExists) {
      return core::Error::AlreadyExists(
          "the stand-in address " + std::string(email) + " is taken by another user", "email");
    }
    return renamed.error();
  }
  if (user->Changes() == 0) {
    DEBRIEF_ASSIGN_OR_RETURN(core::User current, GetUser(user_id));
    return core::Error::FailedPrecondition(
        "user " + std::to_string(user_id) + " is at version " + std::to_string(current.version) +
        ", not " + std::to_string(expected_version) + ": someone changed them since you read it");
  }
  StandInRemovals removals;
  auto remove = [&](const char* sql, int64_t& count) -> Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(sql));
    statement->Bind(1, user_id);
    DEBRIEF_RETURN_IF_ERROR(statement->Run());
    count = statement->Changes();
    return core::Ok();
  };
  DEBRIEF_RETURN_IF_ERROR(remove(Sql::kDeleteSessionsOf, removals.sessions));
  DEBRIEF_RETURN_IF_ERROR(remove(Sql::kDeleteUserIdentitiesOf, removals.identities));
  DEBRIEF_RETURN_IF_ERROR(remove(Sql::kDeleteGroupMembershipsOf, removals.group_memberships));
  DEBRIEF_RETURN_IF_ERROR(remove(Sql::kDeleteNotificationsTo, removals.notifications));
  DEBRIEF_RETURN_IF_ERROR(
      remove(Sql::kDeleteNotificationSettingsOf, removals.notification_settings));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * tokens, connection_->Prepare(Sql::kRevokeApiTokensOf));
  tokens->Bind(1, core::ToEpochMillis(clock_.Now()));
  tokens->Bind(2, user_id);
  DEBRIEF_RETURN_IF_ERROR(tokens->Run());
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("erase", "users", user_id, std::nullopt, change(removals)));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return removals;
}

template <class Backend>
Result<std::vector<int64_t>> SqlStore<Backend>::RewriteStoredTexts(StoredText kind,
                                                                   const TextRewrite& rewrite) {
  constexpr int64_t kPage = 100;
  auto index = static_cast<size_t>(kind);
  if (index >= std::size(Sql::kStoredTextPages)) {
    return core::Error::Internal("no stored text of kind " + std::to_string(index));
  }
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  bool by_incident = kind == StoredText::kPublishedSnapshots;
  std::vector<int64_t> changed;
  int64_t after = 0;
  while (true) {
    // A page read whole before any of it is written, so no write meets an open read.
    struct Row {
      int64_t id = 0;
      std::string text;
      int64_t incident_id = 0;
    };
    std::vector<Row> rows;
    DEBRIEF_ASSIGN_OR_RETURN(Statement * page, connection_->Prepare(Sql::kStoredTextPages[index]));
    page->Bind(1, after);
    page->Bind(2, kPage);
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool has_row, page->Step());
      if (!has_row) break;
      rows.push_back({page->Int64(0), std::string(page->Text(1)), page->Int64(2)});
    }
    page->Reset();
    if (rows.empty()) break;
    for (const Row& row : rows) {
      std::optional<std::string> rewritten = rewrite(row.text);
      if (!rewritten) continue;
      DEBRIEF_ASSIGN_OR_RETURN(Statement * update,
                               connection_->Prepare(Sql::kStoredTextUpdates[index]));
      update->Bind(1, std::string_view(*rewritten));
      update->Bind(2, row.id);
      DEBRIEF_RETURN_IF_ERROR(update->Run());
      changed.push_back(by_incident ? row.incident_id : row.id);
    }
    after = rows.back().id;
    if (static_cast<int64_t>(rows.size()) < kPage) break;
  }
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  std::sort(changed.begin(), changed.end());
  changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
  return changed;
}

}  // namespace debrief::store::relational
