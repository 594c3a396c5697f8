// Error: what went wrong, in words a person can act on, and which input field caused it.
//
// Every layer returns errors as values (see result.h). The code is one of a small closed set that
// follows Abseil's canonical codes; each edge maps it once (http/problem.cc to an HTTP status,
// cli/ to an exit code). An Error may carry several field violations so that a form can show every
// problem at once; `field()` is the first of them.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace debrief::core {

enum class ErrorCode {
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,  // A stale version: someone changed the record since it was read.
  kConflict,            // The record's state forbids the operation for now (publish too early).
  kPermissionDenied,
  kUnauthenticated,
  kResourceExhausted,  // Rate limits and size limits.
  kUnavailable,        // Retry later.
  kInternal,
};

std::string_view ToString(ErrorCode code);

struct FieldViolation {
  std::string field;
  std::string message;
  bool operator==(const FieldViolation&) const = default;
};

class Error {
 public:
  static Error InvalidArgument(std::string message, std::string field = {});
  static Error Invalid(std::vector<FieldViolation> violations);
  static Error NotFound(std::string message);
  static Error AlreadyExists(std::string message, std::string field = {});
  static Error FailedPrecondition(std::string message);
  static Error Conflict(std::string message, std::string field = {});
  static Error PermissionDenied(std::string message);
  static Error Unauthenticated(std::string message);
  // `retry_after`: when trying again may succeed (a rate limit, a busy server), for Retry-After.
  static Error ResourceExhausted(std::string message,
                                 std::optional<std::chrono::seconds> retry_after = {});
  static Error Unavailable(std::string message);
  // kUnavailable because another connection holds the database's write lock: the statement that
  // met it changed nothing, and the same work tried again shortly is expected to succeed.
  static Error Busy(std::string message);
  static Error Internal(std::string message);

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldViolation>& violations() const { return violations_; }
  std::optional<std::chrono::seconds> retry_after() const { return retry_after_; }
  // Made by Busy(): the database was locked by another writer.
  bool busy() const { return busy_; }
  // The first offending field, or empty when the error is not about one field.
  std::string_view field() const;

 private:
  Error(ErrorCode code, std::string message, std::vector<FieldViolation> violations = {});

  ErrorCode code_;
  std::string message_;
  std::vector<FieldViolation> violations_;
  std::optional<std::chrono::seconds> retry_after_;
  bool busy_ = false;
};

}  // namespace debrief::core
