// The audit log's privacy policy (core/audit_privacy.h) applied to a change as the log stores it:
// a JSON object of changed fields, {"field": {"from": old, "to": new}}. Store adapters call it on
// every audit entry they write or restore.
#pragma once

#include <string>
#include <string_view>

namespace debrief::store {

// `diff_json` as the log may keep it for an entry of `collection`: unchanged for most records;
// for records that hold their author's words, each changed field becomes {"changed": true} unless
// its values are state (an account's visibility). Text that is not a JSON object becomes "{}".
std::string RedactAuditDiff(std::string_view collection, std::string_view diff_json);

}  // namespace debrief::store
