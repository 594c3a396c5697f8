// Moving a team's data from one database to another (SQLite to PostgreSQL, or back): everything
// a backup carries — users, API tokens, incidents with every record, published versions, the
// audit log, webhooks, alert hooks, review rules and templates, language feedback — read from the
// source as of one moment and written into an empty destination with every id, version and
// timestamp kept, so the next incident key follows on. It streams: one incident at a time is
// held in memory, so a database larger than memory can be moved. Sessions stay behind (people
// sign in again). The destination's library is then built from the published versions.
#pragma once

#include "core/result.h"
#include "store/store.h"

namespace debrief::app {

struct CopyCounts {
  size_t users = 0;
  size_t incidents = 0;
  size_t audit_entries = 0;
  int library_entries = 0;  // Published reviews indexed in the destination's library.
};

// `to` must hold no users and no incidents; nothing lands unless all of it does.
core::Result<CopyCounts> CopyDatabase(store::Store& from, store::Store& to);

}  // namespace debrief::app
