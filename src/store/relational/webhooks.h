// SqlStore's webhooks and their delivery queue. The queue is a table: the dispatcher reads what is
// due, and every attempt updates its row, so deliveries survive a restart. None of these writes
// belongs to an incident, so none locks one.
#pragma once

#include "store/columns.h"
#include "store/relational/sql_store.h"

namespace debrief::store::relational {
namespace detail {

// A row of (id, version, created_at, updated_at, url, events, secret, active, description).
template <class Statement>
Result<core::Webhook> ReadWebhook(const Statement& statement) {
  core::Webhook webhook;
  bool ok = ReadColumn(statement, 0, webhook.id) && ReadColumn(statement, 1, webhook.version) &&
            ReadColumn(statement, 2, webhook.created_at) &&
            ReadColumn(statement, 3, webhook.updated_at) && ReadColumn(statement, 4, webhook.url) &&
            ReadColumn(statement, 5, webhook.events) && ReadColumn(statement, 6, webhook.secret) &&
            ReadColumn(statement, 7, webhook.active) &&
            ReadColumn(statement, 8, webhook.description);
  if (!ok) return core::Error::Internal("a stored webhook cannot be read");
  return webhook;
}

// A row of (id, webhook_id, event, dedup_key, payload, status, attempts, created_at,
// next_attempt_at, delivered_at, last_status_code, last_error).
template <class Statement>
Result<core::WebhookDelivery> ReadWebhookDelivery(const Statement& statement) {
  core::WebhookDelivery delivery;
  int64_t attempts = 0;
  std::optional<int64_t> status_code;
  bool ok =
      ReadColumn(statement, 0, delivery.id) && ReadColumn(statement, 1, delivery.webhook_id) &&
      ReadColumn(statement, 2, delivery.event) && ReadColumn(statement, 3, delivery.dedup_key) &&
      ReadColumn(statement, 4, delivery.payload) && ReadColumn(statement, 5, delivery.status) &&
      ReadColumn(statement, 6, attempts) && ReadColumn(statement, 7, delivery.created_at) &&
      ReadColumn(statement, 8, delivery.next_attempt_at) &&
      ReadColumn(statement, 9, delivery.delivered_at) && ReadColumn(statement, 10, status_code) &&
      ReadColumn(statement, 11, delivery.last_error);
  if (!ok) return core::Error::Internal("a stored webhook delivery cannot be read");
  delivery.attempts = static_cast<int>(attempts);
  if (status_code) delivery.last_status_code = static_cast<int>(*status_code);
  return delivery;
}

// Every row of a delivery query. An unreadable row drops the answer, so the statement's next use
// runs it afresh.
template <class Statement>
Result<std::vector<core::WebhookDelivery>> ReadWebhookDeliveries(Statement& statement) {
  std::vector<core::WebhookDelivery> deliveries;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement.Step());
    if (!has_row) break;
    auto delivery = ReadWebhookDelivery(statement);
    if (!delivery) {
      statement.Reset();
      return delivery.error();
    }
    deliveries.push_back(std::move(*delivery));
  }
  return deliveries;
}

// Binds url, events, secret, active, description from `first` on.
template <class Statement>
void BindWebhookFields(Statement& statement, int first, const core::Webhook& webhook) {
  BindColumn(statement, first, webhook.url);
  BindColumn(statement, first + 1, webhook.events);
  BindColumn(statement, first + 2, webhook.secret);
  BindColumn(statement, first + 3, webhook.active);
  BindColumn(statement, first + 4, webhook.description);
}

}  // namespace detail

template <class Backend>
Result<core::Webhook> SqlStore<Backend>::CreateWebhook(core::Webhook webhook,
                                                       const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  core::Timestamp now = clock_.Now();
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kInsertWebhook));
  BindColumn(*statement, 1, now);
  BindColumn(*statement, 2, now);
  detail::BindWebhookFields(*statement, 3, webhook);
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
  if (!has_row) return core::Error::Internal("a webhook insert returned no row");
  DEBRIEF_ASSIGN_OR_RETURN(core::Webhook stored, detail::ReadWebhook(*statement));
  statement->Reset();
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("create", "webhooks", stored.id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return stored;
}

template <class Backend>
Result<void> SqlStore<Backend>::RestoreWebhook(const core::Webhook& webhook) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kRestoreWebhook));
  statement->Bind(1, webhook.id);
  statement->Bind(2, webhook.version);
  BindColumn(*statement, 3, webhook.created_at);
  BindColumn(*statement, 4, webhook.updated_at);
  detail::BindWebhookFields(*statement, 5, webhook);
  return statement->Run();
}

template <class Backend>
Result<std::vector<core::Webhook>> SqlStore<Backend>::ListWebhooks() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kListWebhooks));
  std::vector<core::Webhook> webhooks;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    auto webhook = detail::ReadWebhook(*statement);
    if (!webhook) {
      // This statement binds nothing: without the reset its next use would go on from here.
      statement->Reset();
      return webhook.error();
    }
    webhooks.push_back(std::move(*webhook));
  }
  return webhooks;
}

template <class Backend>
Result<core::Webhook> SqlStore<Backend>::GetWebhook(int64_t id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kGetWebhook));
  statement->Bind(1, id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("no webhook " + std::to_string(id));
  DEBRIEF_ASSIGN_OR_RETURN(core::Webhook webhook, detail::ReadWebhook(*statement));
  statement->Reset();
  return webhook;
}

template <class Backend>
Result<core::Webhook> SqlStore<Backend>::UpdateWebhook(core::Webhook webhook,
                                                       int64_t expected_version,
                                                       const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kUpdateWebhook));
  BindColumn(*statement, 1, clock_.Now());
  detail::BindWebhookFields(*statement, 2, webhook);
  statement->Bind(7, webhook.id);
  statement->Bind(8, expected_version);
  DEBRIEF_ASSIGN_OR_RETURN(bool updated, statement->Step());
  if (!updated) {
    statement->Reset();
    DEBRIEF_ASSIGN_OR_RETURN(core::Webhook current, GetWebhook(webhook.id));
    return core::Error::FailedPrecondition("webhook " + std::to_string(webhook.id) +
                                           " is at version " + std::to_string(current.version) +
                                           ", not " + std::to_string(expected_version) +
                                           ": someone changed it since you read it");
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::Webhook stored, detail::ReadWebhook(*statement));
  statement->Reset();
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("update", "webhooks", stored.id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return stored;
}

template <class Backend>
Result<void> SqlStore<Backend>::DeleteWebhook(int64_t id, int64_t expected_version,
                                              const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kDeleteWebhook));
  statement->Bind(1, id);
  statement->Bind(2, expected_version);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  if (statement->Changes() == 0) {
    DEBRIEF_ASSIGN_OR_RETURN(core::Webhook current, GetWebhook(id));
    return core::Error::FailedPrecondition(
        "webhook " + std::to_string(id) + " is at version " + std::to_string(current.version) +
        ", not " + std::to_string(expected_version) + ": someone changed it since you read it");
  }
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("delete", "webhooks", id, std::nullopt, change));
  return scope.Commit();
}

template <class Backend>
Result<int> SqlStore<Backend>::EnqueueDeliveries(std::string_view event, std::string_view dedup_key,
                                                 std::string_view payload,
                                                 std::optional<int64_t> only_webhook) {
  // Subscribed: the event is in the webhook's JSON list of events; a delivery already queued
  // under the same dedup key is left as it is (Sql::kEnqueueWebhookDeliveries).
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kEnqueueWebhookDeliveries));
  statement->Bind(1, event);
  statement->Bind(2, dedup_key);
  statement->Bind(3, payload);
  BindColumn(*statement, 4, clock_.Now());
  BindColumn(*statement, 5, only_webhook);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  return static_cast<int>(statement->Changes());
}

template <class Backend>
Result<std::vector<core::WebhookDelivery>> SqlStore<Backend>::DueDeliveries(core::Timestamp now,
                                                                            int limit) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kDueWebhookDeliveries));
  BindColumn(*statement, 1, now);
  statement->Bind(2, static_cast<int64_t>(limit));
  return detail::ReadWebhookDeliveries(*statement);
}

template <class Backend>
Result<void> SqlStore<Backend>::RecordDeliveryAttempt(const core::WebhookDelivery& delivery) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kRecordWebhookDeliveryAttempt));
  BindColumn(*statement, 1, delivery.status);
  statement->Bind(2, static_cast<int64_t>(delivery.attempts));
  BindColumn(*statement, 3, delivery.next_attempt_at);
  BindColumn(*statement, 4, delivery.delivered_at);
  BindColumn(*statement, 5,
             delivery.last_status_code ? std::optional<int64_t>(*delivery.last_status_code)
                                       : std::nullopt);
  BindColumn(*statement, 6, delivery.last_error);
  statement->Bind(7, delivery.id);
  return statement->Run();
}

template <class Backend>
Result<std::vector<core::WebhookDelivery>> SqlStore<Backend>::ListDeliveries(int64_t webhook_id,
                                                                             int limit) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kListWebhookDeliveries));
  statement->Bind(1, webhook_id);
  statement->Bind(2, static_cast<int64_t>(limit));
  return detail::ReadWebhookDeliveries(*statement);
}

template <class Backend>
Result<core::WebhookDelivery> SqlStore<Backend>::RetryDelivery(int64_t webhook_id,
                                                               int64_t delivery_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kRetryWebhookDelivery));
  BindColumn(*statement, 1, clock_.Now());
  statement->Bind(2, delivery_id);
  statement->Bind(3, webhook_id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) {
    return core::Error::NotFound("no delivery " + std::to_string(delivery_id) + " of webhook " +
                                 std::to_string(webhook_id));
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::WebhookDelivery delivery, detail::ReadWebhookDelivery(*statement));
  statement->Reset();
  return delivery;
}

template <class Backend>
Result<int64_t> SqlStore<Backend>::ForgetDeliveriesAbout(std::string_view incident_key) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kForgetDeliveriesAbout));
  statement->Bind(1, incident_key);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  int64_t forgotten = statement->Changes();
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return forgotten;
}

}  // namespace debrief::store::relational
