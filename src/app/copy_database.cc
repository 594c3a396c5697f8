#include "app/copy_database.h"

#include "app/library_entry.h"
#include "store/backup.h"

namespace debrief::app {

core::Result<CopyCounts> CopyDatabase(store::Store& from, store::Store& to) {
  // One snapshot of the source (store::ReadBackup), however busy it is meanwhile.
  DEBRIEF_ASSIGN_OR_RETURN(store::Backup backup, store::ReadBackup(from));
  DEBRIEF_RETURN_IF_ERROR(to.Restore(backup));
  CopyCounts counts;
  counts.users = backup.users.size();
  counts.incidents = backup.incidents.size();
  counts.audit_entries = backup.audit.size();
  DEBRIEF_ASSIGN_OR_RETURN(counts.library_entries, IndexLibraryBacklog(to));
  return counts;
}

}  // namespace debrief::app
