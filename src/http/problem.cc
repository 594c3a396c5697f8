#include "http/problem.h"

#include <boost/json.hpp>

namespace debrief::http {

namespace bj = boost::json;

unsigned StatusFor(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kInvalidArgument:
      return 400;
    case core::ErrorCode::kUnauthenticated:
      return 401;
    case core::ErrorCode::kPermissionDenied:
      return 403;
    case core::ErrorCode::kNotFound:
      return 404;
    case core::ErrorCode::kAlreadyExists:
      return 409;
    case core::ErrorCode::kFailedPrecondition:
      return 412;
    case core::ErrorCode::kConflict:
      return 409;
    case core::ErrorCode::kResourceExhausted:
      return 429;
    case core::ErrorCode::kUnavailable:
      return 503;
    case core::ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

namespace {

std::string_view TitleFor(unsigned status) {
  switch (status) {
    case 400:
      return "The request is not valid";
    case 401:
      return "Sign in first";
    case 403:
      return "Not allowed";
    case 404:
      return "Not found";
    case 405:
      return "Method not allowed";
    case 409:
      return "Already exists";
    case 412:
      return "Someone changed this since you read it";
    case 413:
      return "The request body is too large";
    case 415:
      return "Send JSON";
    case 428:
      return "Say which version you are changing";
    case 429:
      return "Too many requests";
    case 503:
      return "Try again shortly";
    default:
      return "Something went wrong on our side";
  }
}

}  // namespace

std::string ProblemJson(const core::Error& error, unsigned status, std::string_view instance,
                        std::string_view request_id) {
  bj::object problem;
  problem["type"] = "https://debrief.dev/problems/" + std::string(core::ToString(error.code()));
  problem["title"] =
      error.code() == core::ErrorCode::kConflict ? "Not possible yet" : TitleFor(status);
  problem["status"] = status;
  // Internal details stay in the log; the client gets the request id to quote.
  problem["detail"] = error.code() == core::ErrorCode::kInternal
                          ? "an internal error occurred; quote request " + std::string(request_id) +
                                " to an operator"
                          : error.message();
  problem["instance"] = instance;
  problem["request_id"] = request_id;
  if (!error.field().empty()) problem["field"] = error.field();
  if (!error.violations().empty()) {
    bj::array errors;
    for (const core::FieldViolation& violation : error.violations()) {
      errors.push_back({{"field", violation.field}, {"detail", violation.message}});
    }
    problem["errors"] = std::move(errors);
  }
  return bj::serialize(problem);
}

std::string ScimErrorJson(const core::Error& error, unsigned status) {
  bj::object document{{"schemas", bj::array{"urn:ietf:params:scim:api:messages:2.0:Error"}},
                      {"status", std::to_string(status)},
                      {"detail", error.code() == core::ErrorCode::kInternal
                                     ? std::string("an internal error occurred")
                                     : error.message()}};
  if (error.code() == core::ErrorCode::kAlreadyExists) {
    document["scimType"] = "uniqueness";
  } else if (error.code() == core::ErrorCode::kInvalidArgument) {
    document["scimType"] = error.field() == "filter" ? "invalidFilter"
                           : error.message().find("cannot change") != std::string::npos
                               ? "mutability"
                               : "invalidValue";
  }
  return bj::serialize(document);
}

}  // namespace debrief::http
