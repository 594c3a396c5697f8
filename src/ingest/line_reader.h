// LineReader: a file read line by line through one buffer, so memory stays flat however large the
// file is. Lines end at "\n" or "\r\n"; the last may have no end. Knows the line number and how
// many bytes were read, for error messages and progress.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace debrief::ingest {

class LineReader {
 public:
  // A line longer than this is an error (a binary file, or one with no line ends).
  static constexpr size_t kMaxLine = 64 << 20;

  // "-" reads standard input.
  static core::Result<std::unique_ptr<LineReader>> Open(const std::string& path);
  // Lines of text already in memory (a request's body); `name` stands for the path in errors.
  static std::unique_ptr<LineReader> FromText(std::string name, std::string_view text);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line, without its end; false at the end of the file. The view is valid until the
  // next call.
  core::Result<bool> Next(std::string_view& line);

  const std::string& path() const { return path_; }
  uint64_t line_number() const { return line_number_; }  // Of the last line given, from 1.
  uint64_t bytes_read() const { return bytes_read_; }
  uint64_t total_bytes() const { return total_bytes_; }  // 0 when unknown (a pipe).

  // "PATH:LINE: reason", for errors about the last line given.
  core::Error LineError(std::string_view reason) const;

 private:
  LineReader(std::string path, int fd, uint64_t total_bytes);  // fd -1: no file.
  core::Result<size_t> Fill();

  std::string path_;
  int fd_;
  bool owns_fd_;
  uint64_t total_bytes_;
  uint64_t bytes_read_ = 0;
  uint64_t line_number_ = 0;
  std::vector<char> buffer_;
  size_t begin_ = 0;  // Unread bytes are buffer_[begin_, end_).
  size_t end_ = 0;
  bool at_end_ = false;
};

}  // namespace debrief::ingest
