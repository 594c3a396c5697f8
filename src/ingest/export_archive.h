// ExportArchive: the files of an export, whether the user unzipped it or not: a folder, or a
// .zip read entry by entry with libzip (nothing is extracted to disk). A zip whose files sit
// under one top folder is read as if they did not.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace debrief::ingest {

class ExportArchive {
 public:
  // The largest file read from a zip, unzipped: an export's files are far smaller, and an
  // uploaded zip must not make the server allocate what its header claims.
  static constexpr uint64_t kMaxEntryBytes = 256ull << 20;

  static core::Result<std::unique_ptr<ExportArchive>> Open(const std::string& path);
  // A zip held in memory (an upload); `name` stands for its path in messages.
  static core::Result<std::unique_ptr<ExportArchive>> FromZipBytes(std::string name,
                                                                   std::string bytes);
  virtual ~ExportArchive() = default;

  // Whole contents of a file by its path inside the export ("users.json", "ops/2026-03-14.json");
  // kNotFound when there is none.
  core::Result<std::string> Read(std::string_view name) {
    std::string text;
    DEBRIEF_RETURN_IF_ERROR(ReadInto(name, text));
    return text;
  }
  // The same into `text`, whose memory is reused: reading day after day touches no new pages.
  virtual core::Result<void> ReadInto(std::string_view name, std::string& text) = 0;
  // Names of the files directly inside `folder`, sorted, with their sizes.
  struct Entry {
    std::string name;  // Relative to the folder.
    uint64_t size = 0;
  };
  virtual core::Result<std::vector<Entry>> List(std::string_view folder) = 0;
  // Every file, at any depth, by its path inside the export, sorted.
  virtual core::Result<std::vector<Entry>> ListAll() = 0;
  const std::string& path() const { return path_; }

 protected:
  explicit ExportArchive(std::string path) : path_(std::move(path)) {}

 private:
  std::string path_;
};

}  // namespace debrief::ingest
