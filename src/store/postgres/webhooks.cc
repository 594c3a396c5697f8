// PostgresStore's webhooks and their delivery queue. The queue is a table: the dispatcher reads
// what is due, and every attempt updates its row, so deliveries survive a restart.
#include "store/postgres/postgres_store.h"

#include "store/columns.h"
#include "store/postgres/write_scope.h"

namespace debrief::store::postgres {
namespace {

constexpr char kWebhookColumns[] =
    "id, version, created_at, updated_at, url, events, secret, active, description";
constexpr char kDeliveryColumns[] =
    "id, webhook_id, event, dedup_key, payload, status, attempts, created_at, next_attempt_at, "
    "delivered_at, last_status_code, last_error";

// Subscribed: the event is in the webhook's JSON list of events. A delivery already queued under
// the same dedup key (per webhook) is left as it is. The values in the select list are cast so
// their types do not hang on how PostgreSQL reads an INSERT ... SELECT.
constexpr char kEnqueueDeliveries[] =
    "INSERT INTO webhook_deliveries (webhook_id, event, dedup_key, payload, status, attempts, "
    "created_at, next_attempt_at, last_error) "
    "SELECT id, $1::text, $2::text, $3::text, 'pending', 0, $4::bigint, $4::bigint, '' "
    "FROM webhooks WHERE ($5::bigint IS NULL AND active = 1 AND EXISTS (SELECT 1 FROM "
    "jsonb_array_elements_text(webhooks.events::jsonb) AS subscribed(event) "
    "WHERE event = $1::text)) OR id = $5::bigint "
    "ON CONFLICT DO NOTHING";

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

Result<core::WebhookDelivery> ReadDelivery(const Statement& statement) {
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

// Every row of a delivery query. An unreadable row drops the answer, so the statement's next
// use runs it afresh.
Result<std::vector<core::WebhookDelivery>> ReadDeliveries(Statement& statement) {
  std::vector<core::WebhookDelivery> deliveries;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement.Step());
    if (!has_row) break;
    auto delivery = ReadDelivery(statement);
    if (!delivery) {
      statement.Reset();
      return delivery.error();
    }
    deliveries.push_back(std::move(*delivery));
  }
  return deliveries;
}

void BindWebhookFields(Statement& statement, int first, const core::Webhook& webhook) {
  BindColumn(statement, first, webhook.url);
  BindColumn(statement, first + 1, webhook.events);
  BindColumn(statement, first + 2, webhook.secret);
  BindColumn(statement, first + 3, webhook.active);
  BindColumn(statement, first + 4, webhook.description);
}

}  // namespace

Result<core::Webhook> PostgresStore::CreateWebhook(core::Webhook webhook, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  core::Timestamp now = clock_.Now();
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare(
          std::string("INSERT INTO webhooks (version, created_at, updated_at, url, "
                      "events, secret, active, description) VALUES "
                      "(1, $1, $2, $3, $4, $5, $6, $7) RETURNING ") +
          kWebhookColumns));
  BindColumn(*statement, 1, now);
  BindColumn(*statement, 2, now);
  BindWebhookFields(*statement, 3, webhook);
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
  if (!has_row) return core::Error::Internal("a webhook insert returned no row");
  DEBRIEF_ASSIGN_OR_RETURN(core::Webhook stored, ReadWebhook(*statement));
  statement->Reset();
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("create", "webhooks", stored.id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return stored;
}

Result<void> PostgresStore::RestoreWebhook(const core::Webhook& webhook) {
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare(
          "INSERT INTO webhooks (id, version, created_at, updated_at, url, events, "
          "secret, active, description) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"));
  statement->Bind(1, webhook.id);
  statement->Bind(2, webhook.version);
  BindColumn(*statement, 3, webhook.created_at);
  BindColumn(*statement, 4, webhook.updated_at);
  BindWebhookFields(*statement, 5, webhook);
  return statement->Run();
}

Result<std::vector<core::Webhook>> PostgresStore::ListWebhooks() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(std::string("SELECT ") + kWebhookColumns +
                                                " FROM webhooks ORDER BY id"));
  std::vector<core::Webhook> webhooks;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    auto webhook = ReadWebhook(*statement);
    if (!webhook) {
      // This statement binds nothing: without the reset its next use would go on from here.
      statement->Reset();
      return webhook.error();
    }
    webhooks.push_back(std::move(*webhook));
  }
  return webhooks;
}

Result<core::Webhook> PostgresStore::GetWebhook(int64_t id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(std::string("SELECT ") + kWebhookColumns +
                                                " FROM webhooks WHERE id = $1"));
  statement->Bind(1, id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("no webhook " + std::to_string(id));
  DEBRIEF_ASSIGN_OR_RETURN(core::Webhook webhook, ReadWebhook(*statement));
  statement->Reset();
  return webhook;
}

Result<core::Webhook> PostgresStore::UpdateWebhook(core::Webhook webhook, int64_t expected_version,
                                                   const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare(std::string("UPDATE webhooks SET version = version + 1, "
                                       "updated_at = $1, url = $2, events = $3, secret = $4, "
                                       "active = $5, description = $6 WHERE id = $7 AND "
                                       "version = $8 RETURNING ") +
                           kWebhookColumns));
  BindColumn(*statement, 1, clock_.Now());
  BindWebhookFields(*statement, 2, webhook);
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
  DEBRIEF_ASSIGN_OR_RETURN(core::Webhook stored, ReadWebhook(*statement));
  statement->Reset();
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("update", "webhooks", stored.id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return stored;
}

Result<void> PostgresStore::DeleteWebhook(int64_t id, int64_t expected_version,
                                          const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare("DELETE FROM webhooks WHERE id = $1 AND version = $2"));
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

Result<int> PostgresStore::EnqueueDeliveries(std::string_view event, std::string_view dedup_key,
                                             std::string_view payload,
                                             std::optional<int64_t> only_webhook) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(kEnqueueDeliveries));
  statement->Bind(1, event);
  statement->Bind(2, dedup_key);
  statement->Bind(3, payload);
  BindColumn(*statement, 4, clock_.Now());
  BindColumn(*statement, 5, only_webhook);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  return static_cast<int>(statement->Changes());
}

Result<std::vector<core::WebhookDelivery>> PostgresStore::DueDeliveries(core::Timestamp now,
                                                                        int limit) {
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare(std::string("SELECT ") + kDeliveryColumns +
                           " FROM webhook_deliveries WHERE status = 'pending' AND "
                           "next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2"));
  BindColumn(*statement, 1, now);
  statement->Bind(2, static_cast<int64_t>(limit));
  return ReadDeliveries(*statement);
}

Result<void> PostgresStore::RecordDeliveryAttempt(const core::WebhookDelivery& delivery) {
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare("UPDATE webhook_deliveries SET status = $1, attempts = $2, "
                           "next_attempt_at = $3, delivered_at = $4, last_status_code = $5, "
                           "last_error = $6 WHERE id = $7"));
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

Result<std::vector<core::WebhookDelivery>> PostgresStore::ListDeliveries(int64_t webhook_id,
                                                                         int limit) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(std::string("SELECT ") + kDeliveryColumns +
                                                " FROM webhook_deliveries WHERE webhook_id = $1 "
                                                "ORDER BY id DESC LIMIT $2"));
  statement->Bind(1, webhook_id);
  statement->Bind(2, static_cast<int64_t>(limit));
  return ReadDeliveries(*statement);
}

Result<core::WebhookDelivery> PostgresStore::RetryDelivery(int64_t webhook_id,
                                                           int64_t delivery_id) {
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare(std::string("UPDATE webhook_deliveries SET status = 'pending', "
                                       "next_attempt_at = $1 WHERE id = $2 AND webhook_id = $3 "
                                       "RETURNING ") +
                           kDeliveryColumns));
  BindColumn(*statement, 1, clock_.Now());
  statement->Bind(2, delivery_id);
  statement->Bind(3, webhook_id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) {
    return core::Error::NotFound("no delivery " + std::to_string(delivery_id) + " of webhook " +
                                 std::to_string(webhook_id));
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::WebhookDelivery delivery, ReadDelivery(*statement));
  statement->Reset();
  return delivery;
}

}  // namespace debrief::store::postgres
