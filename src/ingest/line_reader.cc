#include "ingest/line_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace debrief::ingest {
namespace {

constexpr size_t kBufferSize = 1 << 20;

}  // namespace

core::Result<std::unique_ptr<LineReader>> LineReader::Open(const std::string& path) {
  int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return core::Error::InvalidArgument(path + ": cannot be opened (" + std::strerror(errno) + ")");
  }
  struct stat info {};
  uint64_t total = 0;
  if (::fstat(fd, &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      ::close(fd);
      return core::Error::InvalidArgument(path + ": is a directory, not a file");
    }
    if (S_ISREG(info.st_mode)) total = static_cast<uint64_t>(info.st_size);
  }
  return std::unique_ptr<LineReader>(new LineReader(path, fd, total));
}

std::unique_ptr<LineReader> LineReader::FromText(std::string name, std::string_view text) {
  std::unique_ptr<LineReader> reader(new LineReader(std::move(name), -1, text.size()));
  reader->buffer_.assign(text.begin(), text.end());
  reader->end_ = text.size();
  reader->bytes_read_ = text.size();
  reader->at_end_ = true;  // Nothing more to read: Fill is never called.
  return reader;
}

LineReader::LineReader(std::string path, int fd, uint64_t total_bytes)
    : path_(std::move(path)),
      fd_(fd),
      owns_fd_(fd != STDIN_FILENO && fd >= 0),
      total_bytes_(total_bytes),
      buffer_(fd >= 0 ? kBufferSize : 0) {}

LineReader::~LineReader() {
  if (owns_fd_) ::close(fd_);
}

core::Result<size_t> LineReader::Fill() {
  // Keep the unread bytes, at the front, and make room for more.
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) {
    if (buffer_.size() >= kMaxLine) {
      line_number_ += 1;
      return LineError("a line is longer than " + std::to_string(kMaxLine >> 20) +
                       " MiB (is this a text file?)");
    }
    buffer_.resize(buffer_.size() * 2);
  }
  while (true) {
    ssize_t got = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
    // Ctrl-C is taken by the importing thread (see BatchReader), not by a read: any other
    // signal's interruption is read again.
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      return core::Error::InvalidArgument(path_ + ": cannot be read (" + std::strerror(errno) +
                                          ")");
    }
    end_ += static_cast<size_t>(got);
    bytes_read_ += static_cast<uint64_t>(got);
    return static_cast<size_t>(got);
  }
}

core::Result<bool> LineReader::Next(std::string_view& line) {
  size_t searched = begin_;
  while (true) {
    const void* found =
        searched < end_ ? std::memchr(buffer_.data() + searched, '\n', end_ - searched) : nullptr;
    if (found != nullptr) {
      size_t stop = static_cast<size_t>(static_cast<const char*>(found) - buffer_.data());
      size_t length = stop - begin_;
      if (length > 0 && buffer_[stop - 1] == '\r') --length;
      line = std::string_view(buffer_.data() + begin_, length);
      begin_ = stop + 1;
      ++line_number_;
      return true;
    }
    if (at_end_) {
      if (begin_ == end_) return false;
      size_t length = end_ - begin_;
      if (buffer_[end_ - 1] == '\r') --length;
      line = std::string_view(buffer_.data() + begin_, length);
      begin_ = end_;
      ++line_number_;
      return true;
    }
    size_t unread = end_ - begin_;
    DEBRIEF_ASSIGN_OR_RETURN(size_t got, Fill());
    if (got == 0) at_end_ = true;
    searched = begin_ + unread;
  }
}

core::Error LineReader::LineError(std::string_view reason) const {
  return core::Error::InvalidArgument(path_ + ":" + std::to_string(line_number_) + ": " +
                                      std::string(reason));
}

}  // namespace debrief::ingest
