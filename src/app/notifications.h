// Telling people what needs them: you were added to an incident, asked to review, a colleague
// released their account, a comment mentions you, your action item is due or overdue, a review
// you facilitate is overdue. Each notification lands in the person's inbox, and by e-mail and
// chat as they chose (core::NotificationSettings); the worker (app/notification_worker.h) sends
// those. A notification carries a sentence and a link, never the words of an account or a
// comment, and nobody is told about what they did themselves.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/account.h"
#include "core/clock.h"
#include "core/incident.h"
#include "core/notification.h"
#include "core/participant.h"
#include "core/review.h"
#include "store/store.h"

namespace debrief::app {

struct NotificationOptions {
  // The server can send e-mail (SMTP is configured); without it, nothing is queued for e-mail.
  bool email_available = false;
  // Hosts people's chat webhooks may point at ("hooks.slack.com", "*.webhook.office.com"): the
  // server posts to them, so an arbitrary address would let anyone reach internal services.
  std::vector<std::string> chat_hosts = {"hooks.slack.com", "*.webhook.office.com",
                                         "*.logic.azure.com",
                                         "*.environment.api.powerplatform.com"};
};

class Notifier {
 public:
  Notifier(store::Store& store, const core::Clock& clock, const NotificationOptions& options)
      : store_(store), clock_(clock), options_(options) {}

  // The participant's user (if they have one) is asked to write their account.
  core::Result<int> AddedToIncident(const core::Incident& incident,
                                    const core::Participant& participant,
                                    std::optional<int64_t> actor_id);
  // Each reviewer of a new round is asked to review.
  core::Result<int> ReviewRequested(const core::Incident& incident,
                                    const std::vector<int64_t>& reviewer_ids, int64_t actor_id);
  // The incident's facilitator and participants learn that an account was shared with them or
  // released to the review.
  core::Result<int> AccountReleased(const core::Incident& incident, const core::Account& account,
                                    int64_t actor_id);
  // People a comment mentions, if they may read the comment (one on an account only those who
  // may read the account).
  core::Result<int> Mentioned(const core::Incident& incident, const core::ReviewComment& comment);
  // Action items due today or overdue (to their owners) and overdue reviews (to their
  // facilitator, else whoever opened the incident), once per due date.
  core::Result<int> DueItems(core::Date today);

 private:
  core::Result<int> Send(std::vector<core::Notification> drafts);
  std::string NameOf(std::optional<int64_t> user_id);

  store::Store& store_;
  const core::Clock& clock_;
  const NotificationOptions& options_;
};

// Whether a chat webhook address may be used: https, and its host among `hosts` ("*.x.com"
// covers every host under x.com).
bool ChatWebhookAllowed(std::string_view url, const std::vector<std::string>& hosts);

// The person's choices, or the defaults (at version 0) when they have made none.
core::Result<core::NotificationSettings> NotificationSettingsOf(store::Store& store,
                                                                int64_t user_id);

// Stores the person's choices after checking them: the digest hour is 0 to 23, and a chat
// webhook is an allowed https address.
core::Result<core::NotificationSettings> ChangeNotificationSettings(
    store::Store& store, const NotificationOptions& options, core::NotificationSettings settings,
    int64_t expected_version, int64_t actor_id);

}  // namespace debrief::app
