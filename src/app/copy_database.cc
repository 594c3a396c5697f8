#include "app/copy_database.h"

#include "app/library_entry.h"
#include "store/backup.h"

namespace debrief::app {

core::Result<CopyCounts> CopyDatabase(store::Store& from, store::Store& to) {
  // One snapshot of the source, however busy it is meanwhile, streamed into one transaction of
  // the destination: only one incident is held in memory at a time.
  CopyCounts counts;
  std::unique_ptr<store::BackupWriter> writer;
  DEBRIEF_RETURN_IF_ERROR(store::StreamBackup(
      from,
      store::BackupSink{.head = [&](store::Backup& head) -> core::Result<void> {
                          counts.users = head.users.size();
                          DEBRIEF_ASSIGN_OR_RETURN(writer, to.BeginRestore(head));
                          return core::Ok();
                        },
                        .incident = [&](store::IncidentBackup& incident) -> core::Result<void> {
                          ++counts.incidents;
                          return writer->WriteIncident(incident);
                        },
                        .audit = [&](std::vector<core::AuditEntry>& page) -> core::Result<void> {
                          counts.audit_entries += page.size();
                          return writer->WriteAudit(page);
                        }}));
  DEBRIEF_RETURN_IF_ERROR(writer->Finish());
  DEBRIEF_ASSIGN_OR_RETURN(counts.library_entries, IndexLibraryBacklog(to));
  return counts;
}

}  // namespace debrief::app
