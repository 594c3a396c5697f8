// A backup (store/backup.h) as one JSON document, and back. Records are written by the same
// codec as the API, with ids, versions and timestamps; published snapshots and audit diffs are
// kept as the exact strings stored, so export -> import -> export gives the same bytes.
//
// {"format": "debrief-backup", "format_version": 1, "users": [...], "api_tokens": [...],
//  "review_rules": [...], "webhooks": [...], "incidents": [{"incident": {...},
//  "participants": [...], ..., "published_versions": [...]}], "audit": [...]}
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/review.h"
#include "store/backup.h"

namespace debrief::formats {

boost::json::object EncodeBackup(const store::Backup& backup);

// Refuses anything that is not a backup this version can read, naming where the problem is
// ("incidents[2].events[0]: ...").
core::Result<store::Backup> DecodeBackup(const boost::json::value& json);

boost::json::object EncodeReviewRule(const core::ReviewRule& rule);

}  // namespace debrief::formats
