// Restoring the JSON form of a backup, shared by `debrief restore` and `debrief import`.
#pragma once

#include <string>

namespace debrief::cli {

// Restores the JSON backup in `file` into the new or empty database at `database`, indexes its
// published reviews, checks the result and reports it; the exit code.
int RestoreJsonBackup(const std::string& file, const std::string& database);

}  // namespace debrief::cli
