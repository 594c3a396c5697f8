// The part of a backup that holds one incident: the incident, every record list, its published
// versions, imported documents and import units.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "core/result.h"
#include "formats/backup/backup_reader.h"
#include "store/backup.h"

namespace debrief::formats::backup {

boost::json::object EncodeIncident(const store::IncidentBackup& backup);

// Reads an incident of a backup at `where` ("incidents[3]"); lists that backups written by
// earlier versions do not have are read as empty.
core::Result<store::IncidentBackup> DecodeIncident(Reader& reader, const std::string& where);

}  // namespace debrief::formats::backup
