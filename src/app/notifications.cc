#include "app/notifications.h"

#include <algorithm>
#include <map>
#include <set>

#include "app/incident_access.h"
#include "core/authorization.h"
#include "core/comment_anchor.h"
#include "core/review_workflow.h"
#include "core/validation.h"
#include "language/mentions.h"

namespace debrief::app {
namespace {

// "INC-2026-0007: Checkout errors", the title cut to a line.
std::string IncidentLabel(const core::Incident& incident) {
  std::string title = incident.title;
  if (title.size() > 120) {
    size_t cut = 117;
    while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
    title = title.substr(0, cut) + "…";
  }
  return incident.key + ": " + title;
}

core::Notification Draft(core::NotificationKind kind, int64_t user_id,
                         const core::Incident& incident, std::string title, std::string page,
                         std::string dedup_key, std::optional<int64_t> actor_id) {
  core::Notification notification;
  notification.user_id = user_id;
  notification.kind = kind;
  notification.incident_id = incident.id;
  notification.incident_key = incident.key;
  notification.title = std::move(title);
  notification.path = "/incidents/" + incident.key + page;
  notification.dedup_key = std::move(dedup_key);
  notification.actor_id = actor_id;
  return notification;
}

// "*.webhook.office.com" covers "x.webhook.office.com"; any other entry is one host.
bool HostMatches(std::string_view host, std::string_view pattern) {
  if (pattern.starts_with("*.")) {
    std::string_view suffix = pattern.substr(1);
    return host.size() > suffix.size() && host.ends_with(suffix);
  }
  return host == pattern;
}

// The host of an http(s) address, lower-cased, without port or credentials.
std::string HostOf(std::string_view url) {
  size_t start = url.find("://");
  if (start == std::string_view::npos) return "";
  std::string_view rest = url.substr(start + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (rest.starts_with('[')) return std::string(rest.substr(0, rest.find(']') + 1));
  rest = rest.substr(0, rest.find(':'));
  std::string host(rest);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

}  // namespace

bool ChatWebhookAllowed(std::string_view url, const std::vector<std::string>& hosts) {
  if (!core::IsSafeLink(url)) return false;
  std::string host = HostOf(url);
  // https only, except for a host named plainly (a test receiver, a Mattermost on the LAN an
  // admin listed by name).
  bool https = url.size() > 5 && (url[4] == 's' || url[4] == 'S');
  return std::any_of(hosts.begin(), hosts.end(), [&](const std::string& pattern) {
    return HostMatches(host, pattern) && (https || !pattern.starts_with("*."));
  });
}

std::string Notifier::NameOf(std::optional<int64_t> user_id) {
  if (!user_id) return "Someone";
  auto user = store_.GetUser(*user_id);
  return user ? user->name : "Someone";
}

core::Result<int> Notifier::Send(std::vector<core::Notification> drafts) {
  int sent = 0;
  std::set<std::pair<int64_t, std::string>> seen;
  std::map<int64_t, std::vector<int64_t>> hidden_of;  // Read once per person, not per draft.
  for (core::Notification& draft : drafts) {
    // Nobody is told about what they did themselves, nor twice in one go.
    if (draft.actor_id && *draft.actor_id == draft.user_id) continue;
    if (!seen.insert({draft.user_id, draft.dedup_key}).second) continue;
    auto user = store_.GetUser(draft.user_id);
    if (!user || user->disabled) continue;
    if (draft.incident_id) {
      // Nobody is told about a restricted incident they may not see: not its title, not that
      // it exists (a mention, a review request, a due action of someone not among its readers).
      auto hidden = hidden_of.find(user->id);
      if (hidden == hidden_of.end()) {
        DEBRIEF_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                                 HiddenIncidents(store_, {user->id, user->role}));
        hidden = hidden_of.emplace(user->id, std::move(ids)).first;
      }
      if (std::binary_search(hidden->second.begin(), hidden->second.end(), *draft.incident_id)) {
        continue;
      }
    }
    DEBRIEF_ASSIGN_OR_RETURN(core::NotificationSettings settings,
                             NotificationSettingsOf(store_, draft.user_id));
    core::Timestamp now = clock_.Now();
    std::vector<core::NotificationDelivery> deliveries;
    if (options_.email_available && settings.Wants(core::NotificationChannel::kEmail, draft.kind)) {
      core::NotificationDelivery email;
      email.channel = core::NotificationChannel::kEmail;
      email.next_attempt_at = core::EmailDueAt(settings, now);
      deliveries.push_back(email);
    }
    if (settings.Wants(core::NotificationChannel::kChat, draft.kind) &&
        ChatWebhookAllowed(settings.chat_webhook_url, options_.chat_hosts)) {
      core::NotificationDelivery chat;
      chat.channel = core::NotificationChannel::kChat;
      chat.next_attempt_at = now;
      deliveries.push_back(chat);
    }
    DEBRIEF_ASSIGN_OR_RETURN(std::optional<core::Notification> stored,
                             store_.AddNotification(std::move(draft), deliveries));
    if (stored) ++sent;
  }
  return sent;
}

core::Result<int> Notifier::AddedToIncident(const core::Incident& incident,
                                            const core::Participant& participant,
                                            std::optional<int64_t> actor_id) {
  if (!participant.user_id) return 0;
  std::string title = actor_id ? NameOf(actor_id) + " added you to " + IncidentLabel(incident)
                               : "You were added to " + IncidentLabel(incident);
  return Send({Draft(core::NotificationKind::kAddedToIncident, *participant.user_id, incident,
                     std::move(title), "/account",
                     "added:" + std::to_string(incident.id) + ":" + std::to_string(participant.id),
                     actor_id)});
}

core::Result<int> Notifier::ReviewRequested(const core::Incident& incident,
                                            const std::vector<int64_t>& reviewer_ids,
                                            int64_t actor_id) {
  std::vector<core::Notification> drafts;
  std::string who = NameOf(actor_id);
  for (int64_t reviewer : reviewer_ids) {
    // A new round is a new request: the incident's version tells rounds apart.
    drafts.push_back(Draft(
        core::NotificationKind::kReviewRequested, reviewer, incident,
        who + " asked you to review " + IncidentLabel(incident), "/review",
        "review_requested:" + std::to_string(incident.id) + ":" + std::to_string(incident.version),
        actor_id));
  }
  return Send(std::move(drafts));
}

core::Result<int> Notifier::AccountReleased(const core::Incident& incident,
                                            const core::Account& account, int64_t actor_id) {
  bool to_review = account.visibility == core::AccountVisibility::kInReview;
  if (!to_review && account.visibility != core::AccountVisibility::kShared) return 0;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Participant> participants,
                           store_.participants().List(incident.id));
  std::set<int64_t> recipients;
  if (incident.facilitator_id) recipients.insert(*incident.facilitator_id);
  for (const core::Participant& participant : participants) {
    if (participant.user_id) recipients.insert(*participant.user_id);
  }
  recipients.erase(account.author_id);
  std::string title = NameOf(account.author_id) +
                      (to_review ? " released their account of " : " shared their account of ") +
                      IncidentLabel(incident) + (to_review ? " to the review" : " with you");
  std::vector<core::Notification> drafts;
  for (int64_t user_id : recipients) {
    drafts.push_back(Draft(core::NotificationKind::kAccountReleased, user_id, incident, title,
                           "/accounts",
                           "account_released:" + std::to_string(account.id) + ":" +
                               std::string(core::ToString(account.visibility)),
                           actor_id));
  }
  return Send(std::move(drafts));
}

core::Result<int> Notifier::Mentioned(const core::Incident& incident,
                                      const core::ReviewComment& comment) {
  if (comment.body.find('@') == std::string::npos) return 0;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::User> users, store_.ListUsers());
  std::vector<language::MentionCandidate> candidates;
  std::map<int64_t, const core::User*> by_id;
  for (const core::User& user : users) {
    if (user.disabled) continue;
    candidates.push_back({user.id, user.name, user.email});
    by_id[user.id] = &user;
  }
  std::vector<int64_t> mentioned = language::MentionedPeople(comment.body, candidates);
  if (mentioned.empty()) return 0;
  // A comment on an account, or on one of its moments, is for those who may read the account.
  std::optional<core::Account> account;
  if (auto anchor = core::ParseCommentAnchor(comment.anchor); anchor) {
    if (anchor->kind == "account" || anchor->kind == "entry") {
      int64_t account_id = anchor->record_id;
      if (anchor->kind == "entry") {
        DEBRIEF_ASSIGN_OR_RETURN(core::AccountEntry entry,
                                 store_.entries().Get(incident.id, anchor->record_id));
        account_id = entry.account_id;
      }
      DEBRIEF_ASSIGN_OR_RETURN(account, store_.accounts().Get(incident.id, account_id));
    }
  }
  std::vector<core::Participant> participants;
  if (account) {
    DEBRIEF_ASSIGN_OR_RETURN(participants, store_.participants().List(incident.id));
  }
  std::string title =
      NameOf(comment.author_id) + " mentioned you in a comment on " + IncidentLabel(incident);
  std::vector<core::Notification> drafts;
  for (int64_t user_id : mentioned) {
    if (account) {
      core::IncidentRelation relation;
      relation.is_facilitator = incident.facilitator_id == user_id;
      relation.is_participant =
          std::any_of(participants.begin(), participants.end(),
                      [&](const core::Participant& person) { return person.user_id == user_id; });
      if (!core::CanReadAccount({user_id, by_id[user_id]->role}, *account, relation)) continue;
    }
    drafts.push_back(Draft(core::NotificationKind::kMentioned, user_id, incident, title,
                           "/review#comment-" + std::to_string(comment.id),
                           "mention:" + std::to_string(comment.id), comment.author_id));
  }
  return Send(std::move(drafts));
}

core::Result<int> Notifier::DueItems(core::Date today) {
  std::vector<core::Notification> drafts;
  store::ActionQuery query;
  query.overdue_on = today + std::chrono::days(1);  // Due today or earlier, still open.
  query.limit = 10'000;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<store::ActionWithIncident> actions,
                           store_.ListActions(query));
  std::map<std::string, core::Incident> incidents;
  auto incident_of = [&](const std::string& key) -> core::Result<const core::Incident*> {
    auto found = incidents.find(key);
    if (found == incidents.end()) {
      DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, store_.GetIncident(key));
      found = incidents.emplace(key, std::move(incident)).first;
    }
    return &found->second;
  };
  for (const store::ActionWithIncident& item : actions) {
    const core::ActionItem& action = item.action;
    if (!action.owner_id || !action.due_on) continue;
    DEBRIEF_ASSIGN_OR_RETURN(const core::Incident* incident, incident_of(item.incident_key));
    bool overdue = *action.due_on < today;
    std::string due = core::FormatDate(*action.due_on);
    std::string title = "Your action item “" + action.title + "” on " + incident->key +
                        (overdue ? " was due on " + due : " is due today");
    drafts.push_back(
        Draft(overdue ? core::NotificationKind::kActionOverdue : core::NotificationKind::kActionDue,
              *action.owner_id, *incident, std::move(title),
              "/review#action-" + std::to_string(action.id),
              std::string(overdue ? "action_overdue:" : "action_due:") + std::to_string(action.id) +
                  ":" + due,
              std::nullopt));
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewRule> rules, store_.ListReviewRules());
  store::IncidentQuery resolved;
  resolved.status = core::IncidentStatus::kResolved;
  resolved.limit = 500;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(store::IncidentPage page, store_.ListIncidents(resolved));
    for (const core::Incident& incident : page.incidents) {
      core::ReviewRule rule = core::RuleFor(incident.severity, rules);
      if (!core::ReviewOverdue(incident, rule, today)) continue;
      std::optional<int64_t> recipient = incident.facilitator_id;
      if (!recipient && incident.created_by != 0) recipient = incident.created_by;
      if (!recipient) continue;
      std::string due = core::FormatDate(*core::ReviewDueOn(incident, rule));
      drafts.push_back(Draft(core::NotificationKind::kReviewOverdue, *recipient, incident,
                             "The review of " + IncidentLabel(incident) + " was due on " + due,
                             "/review", "review_overdue:" + std::to_string(incident.id) + ":" + due,
                             std::nullopt));
    }
    if (!page.next_before_id) break;
    resolved.before_id = page.next_before_id;
  }
  return Send(std::move(drafts));
}

core::Result<core::NotificationSettings> NotificationSettingsOf(store::Store& store,
                                                                int64_t user_id) {
  DEBRIEF_ASSIGN_OR_RETURN(std::optional<core::NotificationSettings> stored,
                           store.GetNotificationSettings(user_id));
  if (stored) return std::move(*stored);
  return core::DefaultNotificationSettings(user_id);
}

core::Result<core::NotificationSettings> ChangeNotificationSettings(
    store::Store& store, const NotificationOptions& options, core::NotificationSettings settings,
    int64_t expected_version, int64_t actor_id) {
  std::vector<core::FieldViolation> violations;
  if (settings.email_digest_hour &&
      (*settings.email_digest_hour < 0 || *settings.email_digest_hour > 23)) {
    violations.push_back({"email_digest_hour",
                          "email_digest_hour must be an hour from 0 to 23 "
                          "(UTC), or null for one e-mail per notification"});
  }
  if (!settings.chat_webhook_url.empty() &&
      !ChatWebhookAllowed(settings.chat_webhook_url, options.chat_hosts)) {
    std::string hosts;
    for (const std::string& host : options.chat_hosts) hosts += (hosts.empty() ? "" : ", ") + host;
    violations.push_back(
        {"chat_webhook_url",
         "chat_webhook_url must be an https address of your chat tool's incoming webhook, on one "
         "of the hosts this server allows: " +
             hosts});
  }
  if (!settings.chat_kinds.empty() && settings.chat_webhook_url.empty()) {
    violations.push_back(
        {"chat_webhook_url", "chat_webhook_url is needed to send notifications to chat"});
  }
  if (!violations.empty()) return core::Error::Invalid(std::move(violations));
  auto dedupe = [](std::vector<core::NotificationKind>& kinds) {
    std::sort(kinds.begin(), kinds.end());
    kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
  };
  dedupe(settings.email_kinds);
  dedupe(settings.chat_kinds);
  // The webhook address is a secret of sorts (anyone holding it can post to the channel): the
  // audit log says it changed, not what it is.
  return store.PutNotificationSettings(
      std::move(settings), expected_version,
      {actor_id, "{\"notification_settings\":{\"changed\":true}}"});
}

}  // namespace debrief::app
