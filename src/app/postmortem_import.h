// PostmortemRecords: what an imported postmortem becomes in debrief — a resolved incident whose
// review is drafting, its timeline events, contributing factors, action items and lessons, and
// the file itself kept beside it — stored in one transaction. A file whose bytes were imported
// before is found by its digest and adds nothing.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/validation.h"
#include "ingest/markdown_postmortem.h"
#include "store/store.h"

namespace debrief::app {

struct StoredPostmortem {
  std::string key;             // Of the incident it became, or became before.
  bool already_there = false;  // Imported before: nothing was added.
  int64_t events = 0;
  int64_t factors = 0;
  int64_t action_items = 0;
  int64_t lessons = 0;
};

// Stores postmortems as the user `importer`, one archive at a time: the users who may be named
// as owners and authors are read once, for all its files.
class PostmortemImporter {
 public:
  static core::Result<PostmortemImporter> Begin(store::Store& store,
                                                const core::SeverityScale& scale, int64_t importer);

  // What in `postmortem` names someone who is not a debrief user by an address or an @handle (a
  // plain name that matches no one is kept in the text instead: people leave, their reviews
  // stay). Empty when nothing does.
  std::vector<std::string> UnknownPeople(const ingest::Postmortem& postmortem) const;

  // Stores `postmortem`, read from the file `name` holding `content`. Action item owners and
  // lesson authors are matched to users by email or name; those who match no one keep their
  // name in the text. Every record passes the API's checks (core::Validate and
  // app::CheckReferences) before it is stored.
  core::Result<StoredPostmortem> Store(const std::string& name, std::string_view content,
                                       const ingest::Postmortem& postmortem);

 private:
  PostmortemImporter(store::Store& store, const core::SeverityScale& scale, int64_t importer)
      : store_(&store), scale_(scale), importer_(importer) {}
  std::optional<int64_t> FindUser(std::string_view written) const;

  store::Store* store_;
  core::SeverityScale scale_;
  int64_t importer_;
  std::map<std::string, int64_t> users_;  // By lower-case email, name and email's local part.
};

// One Markdown file of an archive, as it was read.
struct PostmortemFile {
  std::string name;
  std::string content;
};

// What became of one file of an archive.
struct ImportedPostmortem {
  std::string name;
  ingest::Postmortem postmortem;  // As read.
  // Why the file cannot be imported: it did not read (with its line), or it names someone by
  // address or @handle who is not a debrief user.
  std::optional<core::Error> refused;
  std::optional<StoredPostmortem> stored;  // Empty on a dry run.
};

// Reads every file of an archive, each on its own: a file that does not read says why in its
// `refused`, and the others are read all the same, so one report names every problem.
std::vector<ImportedPostmortem> ReadPostmortems(const std::vector<PostmortemFile>& files,
                                                const ingest::PostmortemOptions& reading);

// Marks `refused` every file of `imported` that names someone by address or @handle who is not
// a debrief user (see PostmortemImporter::UnknownPeople), saying who, so a dry run reports it.
core::Result<void> CheckPeople(store::Store& store, std::vector<ImportedPostmortem>& imported);

// Refuses an archive with a file that was refused: every such file, by name, in one error.
core::Result<void> EveryFileRead(const std::vector<ImportedPostmortem>& imported);

// Stores an archive read by ReadPostmortems (`files[i]` read as `imported[i]`) in one
// transaction as `importer`: all of it lands, or none of it (nothing when a file did not read or
// names someone unknown: CheckPeople runs first).
// Fills each one's `stored`.
core::Result<void> StorePostmortems(store::Store& store, const core::SeverityScale& scale,
                                    int64_t importer, const std::vector<PostmortemFile>& files,
                                    std::vector<ImportedPostmortem>& imported);

}  // namespace debrief::app
