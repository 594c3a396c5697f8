// The one place where an Error becomes an HTTP status and an RFC 9457 problem document
// (application/problem+json) with a stable `type`, a `detail` a person can act on and, when the
// error is about input, the offending `field` and every field error in `errors`.
#pragma once

#include <string>

#include "core/error.h"

namespace debrief::http {

unsigned StatusFor(core::ErrorCode code);

// The problem document for an error. `instance` is the request path; `request_id` lets an
// operator find the request in the access log.
std::string ProblemJson(const core::Error& error, unsigned status, std::string_view instance,
                        std::string_view request_id);

// The same error as SCIM's error document (RFC 7644 3.12), for the provisioning routes: the
// status as a string, the detail, and a scimType where SCIM has one (uniqueness, invalidFilter,
// invalidValue, mutability).
std::string ScimErrorJson(const core::Error& error, unsigned status);

}  // namespace debrief::http
