#include "core/error.h"

#include <utility>

namespace debrief::core {

std::string_view ToString(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kAlreadyExists:
      return "already_exists";
    case ErrorCode::kFailedPrecondition:
      return "failed_precondition";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kPermissionDenied:
      return "permission_denied";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kResourceExhausted:
      return "resource_exhausted";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

Error::Error(ErrorCode code, std::string message, std::vector<FieldViolation> violations)
    : code_(code), message_(std::move(message)), violations_(std::move(violations)) {}

Error Error::InvalidArgument(std::string message, std::string field) {
  std::vector<FieldViolation> violations;
  if (!field.empty()) violations.push_back({std::move(field), message});
  return Error(ErrorCode::kInvalidArgument, std::move(message), std::move(violations));
}

Error Error::Invalid(std::vector<FieldViolation> violations) {
  std::string message = violations.empty() ? "invalid input" : violations.front().message;
  if (violations.size() > 1) {
    message += " (and " + std::to_string(violations.size() - 1) + " more)";
  }
  return Error(ErrorCode::kInvalidArgument, std::move(message), std::move(violations));
}

Error Error::NotFound(std::string message) {
  return Error(ErrorCode::kNotFound, std::move(message));
}

Error Error::AlreadyExists(std::string message, std::string field) {
  std::vector<FieldViolation> violations;
  if (!field.empty()) violations.push_back({std::move(field), message});
  return Error(ErrorCode::kAlreadyExists, std::move(message), std::move(violations));
}

Error Error::FailedPrecondition(std::string message) {
  return Error(ErrorCode::kFailedPrecondition, std::move(message));
}

Error Error::Conflict(std::string message, std::string field) {
  std::vector<FieldViolation> violations;
  if (!field.empty()) violations.push_back({std::move(field), message});
  return Error(ErrorCode::kConflict, std::move(message), std::move(violations));
}

Error Error::PermissionDenied(std::string message) {
  return Error(ErrorCode::kPermissionDenied, std::move(message));
}

Error Error::Unauthenticated(std::string message) {
  return Error(ErrorCode::kUnauthenticated, std::move(message));
}

Error Error::ResourceExhausted(std::string message,
                               std::optional<std::chrono::seconds> retry_after) {
  Error error(ErrorCode::kResourceExhausted, std::move(message));
  error.retry_after_ = retry_after;
  return error;
}

Error Error::Unavailable(std::string message) {
  return Error(ErrorCode::kUnavailable, std::move(message));
}

Error Error::Busy(std::string message) {
  Error error(ErrorCode::kUnavailable, std::move(message));
  error.busy_ = true;
  error.retry_after_ = std::chrono::seconds(1);
  return error;
}

Error Error::Internal(std::string message) {
  return Error(ErrorCode::kInternal, std::move(message));
}

std::string_view Error::field() const {
  return violations_.empty() ? std::string_view() : std::string_view(violations_.front().field);
}

}  // namespace debrief::core
