#include "app/webhook_events.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

namespace debrief::app {
namespace {

namespace bj = boost::json;

bj::object IncidentSummary(const core::Incident& incident) {
  bj::array services;
  for (const std::string& service : incident.services) services.push_back(bj::string(service));
  return {{"key", incident.key},
          {"title", incident.title},
          {"severity", incident.severity},
          {"services", std::move(services)},
          {"path", "/incidents/" + incident.key}};
}

std::string NameOf(store::Store& store, std::optional<int64_t> user_id) {
  if (!user_id) return {};
  auto user = store.GetUser(*user_id);
  return user ? user->name : std::string();
}

core::Result<int> Queue(store::Store& store, std::string_view event, const std::string& dedup_key,
                        bj::object payload) {
  // "event" first, so a person reading a delivery sees what it is about at once.
  bj::object body{{"event", event}};
  for (auto& [key, value] : payload) body.emplace(key, std::move(value));
  return store.EnqueueDeliveries(event, dedup_key, bj::serialize(body));
}

}  // namespace

core::Result<void> QueueReviewPublished(store::Store& store, const core::Incident& incident,
                                        const core::PublishedVersion& version) {
  // A webhook's receiver is a channel many read: a restricted incident sends it nothing.
  if (incident.restricted) return core::Ok();
  // No one's name: a published review is read by many, and some read it anonymised.
  bj::object payload{{"incident", IncidentSummary(incident)},
                     {"version", version.number},
                     {"published_at", core::FormatRfc3339(version.published_at)}};
  DEBRIEF_RETURN_IF_ERROR(
      Queue(store, "review.published",
            "review.published:" + incident.key + ":" + std::to_string(version.number),
            std::move(payload)));
  return core::Ok();
}

core::Result<void> QueueReviewRequested(store::Store& store, const core::Incident& incident,
                                        const std::vector<int64_t>& reviewer_ids,
                                        int64_t requested_by) {
  if (incident.restricted) return core::Ok();
  // The people asked are named, so the message can reach them.
  bj::array reviewers;
  for (int64_t id : reviewer_ids) reviewers.push_back({{"id", id}, {"name", NameOf(store, id)}});
  bj::object payload{
      {"incident", IncidentSummary(incident)},
      {"reviewers", std::move(reviewers)},
      {"requested_by", {{"id", requested_by}, {"name", NameOf(store, requested_by)}}}};
  // A new round is a new request: the incident's version tells rounds apart.
  DEBRIEF_RETURN_IF_ERROR(
      Queue(store, "review.requested",
            "review.requested:" + incident.key + ":" + std::to_string(incident.version),
            std::move(payload)));
  return core::Ok();
}

core::Result<int> QueueDueActions(store::Store& store, core::Date today) {
  // Most servers have no webhook for action items: then the scan reads nothing at all.
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Webhook> webhooks, store.ListWebhooks());
  bool wanted = std::any_of(webhooks.begin(), webhooks.end(), [](const core::Webhook& webhook) {
    return webhook.active &&
           std::any_of(webhook.events.begin(), webhook.events.end(),
                       [](const std::string& event) { return event.starts_with("action."); });
  });
  if (!wanted) return 0;
  std::map<int64_t, std::string> owners;  // One read of each owner's name per scan.
  auto owner_name = [&](int64_t id) -> const std::string& {
    auto found = owners.find(id);
    if (found == owners.end()) found = owners.emplace(id, NameOf(store, id)).first;
    return found->second;
  };
  store::ActionQuery query;
  query.overdue_on = today + std::chrono::days(1);  // Due today or earlier, still open.
  query.limit = 10'000;
  // Restricted incidents' action items are theirs alone.
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::RestrictedIncident> restricted,
                           store.ListRestrictedIncidents());
  for (const core::RestrictedIncident& incident : restricted) {
    query.hidden_incident_ids.push_back(incident.incident_id);
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<store::ActionWithIncident> actions,
                           store.ListActions(query));
  int queued = 0;
  for (const store::ActionWithIncident& item : actions) {
    const core::ActionItem& action = item.action;
    if (!action.due_on) continue;
    std::string_view event = *action.due_on < today ? "action.overdue" : "action.due";
    std::string due = core::FormatDate(*action.due_on);
    bj::object payload{
        {"action",
         {{"id", action.id},
          {"title", action.title},
          {"due_on", due},
          {"status", core::ToString(action.status)},
          {"priority", core::ToString(action.priority)},
          {"owner", action.owner_id ? bj::value({{"id", *action.owner_id},
                                                 {"name", owner_name(*action.owner_id)}})
                                    : bj::value(nullptr)}}},
        {"incident", {{"key", item.incident_key}, {"path", "/incidents/" + item.incident_key}}}};
    DEBRIEF_ASSIGN_OR_RETURN(
        int count,
        Queue(store, event, std::string(event) + ":" + std::to_string(action.id) + ":" + due,
              std::move(payload)));
    queued += count;
  }
  return queued;
}

core::Result<int> QueuePing(store::Store& store, int64_t webhook_id, core::Timestamp now) {
  bj::object payload{{"event", "ping"}, {"sent_at", core::FormatRfc3339(now)}};
  return store.EnqueueDeliveries("ping", "ping:" + std::to_string(core::ToEpochMillis(now)),
                                 bj::serialize(payload), webhook_id);
}

}  // namespace debrief::app
