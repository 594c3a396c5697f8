// What debrief tells webhooks, and when: each function builds the event's JSON payload and
// queues it (store->EnqueueDeliveries) for every subscribed webhook, under a key that makes it
// one of a kind. Callers queue inside the transaction of the change itself, so an event is
// queued exactly when its change lands. Restricted incidents are never told of: a webhook's
// receiver is a channel many people read.
#pragma once

#include <vector>

#include "core/clock.h"
#include "store/store.h"

namespace debrief::app {

core::Result<void> QueueReviewPublished(store::Store& store, const core::Incident& incident,
                                        const core::PublishedVersion& version);

core::Result<void> QueueReviewRequested(store::Store& store, const core::Incident& incident,
                                        const std::vector<int64_t>& reviewer_ids,
                                        int64_t requested_by);

// Action items due today (action.due) or before today and still open (action.overdue): each is
// queued once per due date, however often this runs. Returns how many deliveries were queued.
core::Result<int> QueueDueActions(store::Store& store, core::Date today);

// A test delivery to one webhook.
core::Result<int> QueuePing(store::Store& store, int64_t webhook_id, core::Timestamp now);

}  // namespace debrief::app
