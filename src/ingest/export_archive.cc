#include "ingest/export_archive.h"

#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace debrief::ingest {
namespace {

namespace fs = std::filesystem;

class FolderArchive final : public ExportArchive {
 public:
  explicit FolderArchive(std::string path) : ExportArchive(std::move(path)) {}

  core::Result<void> ReadInto(std::string_view name, std::string& text) override {
    fs::path file = fs::path(path()) / name;
    std::ifstream stream(file, std::ios::binary);
    if (!stream) return core::Error::NotFound(file.string() + ": no such file in the export");
    std::error_code error;
    text.resize(static_cast<size_t>(fs::file_size(file, error)));
    stream.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (error || !stream) return core::Error::InvalidArgument(file.string() + ": cannot be read");
    return core::Ok();
  }

  core::Result<std::vector<Entry>> List(std::string_view folder) override {
    std::vector<Entry> entries;
    std::error_code error;
    for (const fs::directory_entry& entry :
         fs::directory_iterator(fs::path(path()) / folder, error)) {
      if (entry.is_regular_file()) {
        entries.push_back({entry.path().filename().string(), entry.file_size()});
      }
    }
    if (error) {
      return core::Error::NotFound((fs::path(path()) / folder).string() + ": " + error.message());
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return entries;
  }

  core::Result<std::vector<Entry>> ListAll() override {
    std::vector<Entry> entries;
    std::error_code error;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(path(), error)) {
      if (entry.is_regular_file()) {
        entries.push_back({fs::relative(entry.path(), path()).string(), entry.file_size()});
      }
    }
    if (error) return core::Error::NotFound(path() + ": " + error.message());
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return entries;
  }
};

class ZipArchive final : public ExportArchive {
 public:
  // `bytes` holds the zip when it came in memory (an upload); it must outlive `zip`.
  ZipArchive(std::string path, zip_t* zip, std::string prefix, std::string bytes = {})
      : ExportArchive(std::move(path)),
        bytes_(std::move(bytes)),
        zip_(zip),
        prefix_(std::move(prefix)) {}
  ~ZipArchive() override { zip_discard(zip_); }

  core::Result<void> ReadInto(std::string_view name, std::string& text) override {
    std::string full = prefix_ + std::string(name);
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(zip_, full.c_str(), 0, &stat) != 0) {
      return core::Error::NotFound(path() + ": the export has no " + std::string(name));
    }
    // An upload may be a zip bomb: no file of an export is anywhere near this big.
    if (stat.size > kMaxEntryBytes) {
      return core::Error::InvalidArgument(path() + ": " + std::string(name) + " is larger than " +
                                          std::to_string(kMaxEntryBytes >> 20) + " MiB unzipped");
    }
    zip_file_t* file = zip_fopen_index(zip_, stat.index, 0);
    if (file == nullptr) return Unreadable(name);
    text.resize(static_cast<size_t>(stat.size));
    zip_int64_t read = zip_fread(file, text.data(), stat.size);
    zip_fclose(file);
    if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) return Unreadable(name);
    return core::Ok();
  }

  core::Result<std::vector<Entry>> List(std::string_view folder) override {
    std::string start = prefix_ + std::string(folder) + "/";
    std::vector<Entry> entries;
    zip_int64_t count = zip_get_num_entries(zip_, 0);
    for (zip_int64_t index = 0; index < count; ++index) {
      zip_stat_t stat;
      if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &stat) != 0) continue;
      std::string_view name = stat.name;
      if (!name.starts_with(start) || name.size() == start.size()) continue;
      std::string_view rest = name.substr(start.size());
      if (rest.find('/') != std::string_view::npos) continue;
      entries.push_back({std::string(rest), stat.size});
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return entries;
  }

  core::Result<std::vector<Entry>> ListAll() override {
    std::vector<Entry> entries;
    zip_int64_t count = zip_get_num_entries(zip_, 0);
    for (zip_int64_t index = 0; index < count; ++index) {
      zip_stat_t stat;
      if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &stat) != 0) continue;
      std::string_view name = stat.name;
      if (!name.starts_with(prefix_) || name.ends_with('/')) continue;
      entries.push_back({std::string(name.substr(prefix_.size())), stat.size});
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return entries;
  }

 private:
  core::Error Unreadable(std::string_view name) const {
    return core::Error::InvalidArgument(path() + ": " + std::string(name) +
                                        " cannot be read from the zip: " + zip_strerror(zip_));
  }

  std::string bytes_;
  zip_t* zip_;
  std::string prefix_;  // "" or "top-folder/".
};

// Slack puts channels.json at the top; some tools wrap everything in one folder.
std::string TopFolder(zip_t* zip) {
  std::string prefix;
  zip_int64_t count = zip_get_num_entries(zip, 0);
  for (zip_int64_t index = 0; index < count; ++index) {
    std::string_view name = zip_get_name(zip, static_cast<zip_uint64_t>(index), 0);
    if (name == "channels.json" || name == "users.json") return "";
    if (name.ends_with("/channels.json") &&
        name.find('/') == name.size() - std::string_view("/channels.json").size()) {
      prefix = std::string(name.substr(0, name.size() - std::string_view("channels.json").size()));
    }
  }
  return prefix;
}

}  // namespace

core::Result<std::unique_ptr<ExportArchive>> ExportArchive::Open(const std::string& path) {
  std::error_code error;
  if (fs::is_directory(path, error)) {
    return std::unique_ptr<ExportArchive>(new FolderArchive(path));
  }
  if (!fs::exists(path, error)) {
    return core::Error::InvalidArgument(path + ": no such file or folder");
  }
  int code = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (zip == nullptr) {
    zip_error_t zip_error;
    zip_error_init_with_code(&zip_error, code);
    std::string reason = zip_error_strerror(&zip_error);
    zip_error_fini(&zip_error);
    return core::Error::InvalidArgument(path + ": neither a folder nor a zip file (" + reason +
                                        ")");
  }
  return std::unique_ptr<ExportArchive>(new ZipArchive(path, zip, TopFolder(zip)));
}

core::Result<std::unique_ptr<ExportArchive>> ExportArchive::FromZipBytes(std::string name,
                                                                         std::string bytes) {
  // The smallest zip (an empty one) is 22 bytes. Longer strings keep their heap buffer when
  // moved, so the source made over `bytes` stays valid once the archive holds them.
  if (bytes.size() < 22) return core::Error::InvalidArgument(name + ": not a zip file");
  zip_error_t zip_error;
  zip_error_init(&zip_error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zip_error);
  zip_t* zip = source ? zip_open_from_source(source, ZIP_RDONLY, &zip_error) : nullptr;
  if (zip == nullptr) {
    std::string reason = zip_error_strerror(&zip_error);
    zip_error_fini(&zip_error);
    if (source) zip_source_free(source);
    return core::Error::InvalidArgument(name + ": not a zip file (" + reason + ")");
  }
  zip_error_fini(&zip_error);
  std::string prefix = TopFolder(zip);
  return std::unique_ptr<ExportArchive>(
      new ZipArchive(std::move(name), zip, std::move(prefix), std::move(bytes)));
}

}  // namespace debrief::ingest
