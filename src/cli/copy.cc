// `debrief copy --from LOCATION --to LOCATION`: moves everything a team has from one database to
// another, SQLite to PostgreSQL or back (app::CopyDatabase).
#include <cstdio>

#include "app/copy_database.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/system_clock.h"
#include "store/open.h"

namespace debrief::cli {
namespace {

struct CopyOptions {
  std::string from;
  std::string to;
};

int Copy(const CopyOptions& options) {
  // Reading is no reason to make a database: a source that is not there is a mistake.
  auto source_exists = store::StoreExists(options.from);
  if (!source_exists) return Fail(source_exists.error());
  if (!*source_exists) {
    return Fail(
        core::Error::NotFound("there is no database at " + store::DescribeLocation(options.from)));
  }
  SystemClock clock;
  auto from = store::OpenStore(options.from, clock);
  if (!from) return Fail(from.error());
  auto to = store::OpenStore(options.to, clock);
  if (!to) return Fail(to.error());
  auto copied = app::CopyDatabase(**from, **to);
  if (!copied) return Fail(copied.error());
  auto checked = (*to)->Verify();
  if (!checked) return Fail(checked.error());
  std::fprintf(stderr,
               "debrief: copied %zu users, %zu incidents and %zu audit entries from %s to %s "
               "(%d published reviews in its library); people sign in again there\n",
               copied->users, copied->incidents, copied->audit_entries,
               store::DescribeLocation(options.from).c_str(),
               store::DescribeLocation(options.to).c_str(), copied->library_entries);
  return kExitOk;
}

}  // namespace

void AddCopy(CLI::App& command, Runner& run) {
  auto options = std::make_shared<CopyOptions>();
  command
      .add_option("--from", options->from,
                  "The database to copy: an SQLite file (PATH or sqlite:PATH) or a postgres:// URL")
      ->required();
  command.add_option("--to", options->to, "A new or empty database to copy into (same forms)")
      ->required();
  command.callback([options, &run]() { run = [options]() { return Copy(*options); }; });
}

}  // namespace debrief::cli
