#include "store/audit_redaction.h"

#include <boost/json.hpp>

#include "core/audit_privacy.h"

namespace debrief::store {

namespace bj = boost::json;

std::string RedactAuditDiff(std::string_view collection, std::string_view diff_json) {
  if (!core::AuditHidesValues(collection)) return std::string(diff_json);
  boost::system::error_code error;
  bj::value parsed = bj::parse(diff_json, error);
  if (error || !parsed.is_object()) return "{}";
  bj::object redacted;
  for (const auto& [field, change] : parsed.get_object()) {
    if (core::AuditKeepsFieldValue(collection, field)) {
      redacted[field] = change;
    } else {
      redacted[field] = {{"changed", true}};
    }
  }
  return bj::serialize(redacted);
}

}  // namespace debrief::store
