// Review comments: on a section or a record of the review, or in reply to another comment. A
// comment on an account (or one of its moments) is as private as the account (comment_access.h).
// Each write tells the people a comment newly mentions.
#pragma once

#include <cstdint>

#include "app/notifications.h"
#include "core/authorization.h"
#include "core/incident.h"
#include "core/result.h"
#include "core/review.h"
#include "store/store.h"

namespace debrief::app {

// The comment, if the caller may read it (not found otherwise).
core::Result<core::ReviewComment> LoadReadableComment(store::Store& store,
                                                      const core::Principal& caller,
                                                      const core::Incident& incident, int64_t id);

// The caller comments (`draft`: anchor or reply_to, and body). A reply is anchored where its
// comment is; a new comment is open.
core::Result<core::ReviewComment> AddComment(store::Store& store, Notifier notifier,
                                             const core::Principal& caller,
                                             const core::Incident& incident,
                                             core::ReviewComment draft);

// Its author changes its words; anyone who may write marks it resolved.
core::Result<core::ReviewComment> ChangeComment(store::Store& store, Notifier notifier,
                                                const core::Principal& caller,
                                                const core::Incident& incident,
                                                const core::ReviewComment& current,
                                                const core::ReviewComment& updated,
                                                int64_t expected_version);

// Its author (or an admin) deletes it, with its replies.
core::Result<void> DeleteComment(store::Store& store, const core::Principal& caller,
                                 const core::Incident& incident, const core::ReviewComment& current,
                                 int64_t expected_version);

}  // namespace debrief::app
