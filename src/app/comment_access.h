// Which review comments a caller may read, and what a new comment may be anchored to. A comment
// on an account (or one of its moments) is as private as the account: whoever cannot read the
// account does not see the comment, nor learn that the account exists.
#pragma once

#include <vector>

#include "core/authorization.h"
#include "core/comment_anchor.h"
#include "core/incident.h"
#include "core/result.h"
#include "core/review.h"
#include "store/store.h"

namespace debrief::app {

// The incident's comments the caller may read, oldest first.
core::Result<std::vector<core::ReviewComment>> VisibleComments(store::Store& store,
                                                               const core::Principal& caller,
                                                               const core::Incident& incident);

// NotFound unless the caller may read the comment. A comment whose record was deleted since stays
// readable (and can be resolved or deleted); only an account's privacy hides one.
core::Result<void> CheckCommentReadable(store::Store& store, const core::Principal& caller,
                                        const core::Incident& incident,
                                        const core::ReviewComment& comment);

// Fails unless the anchor names a section, or a record of this incident the caller may read.
core::Result<void> CheckAnchorReadable(store::Store& store, const core::Principal& caller,
                                       const core::Incident& incident,
                                       const core::CommentAnchor& anchor);

}  // namespace debrief::app
