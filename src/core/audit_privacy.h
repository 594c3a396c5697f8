// What the audit log may keep of a change. Admins read the audit log, and an account is its
// author's alone until released: its narrative, its entries and the comments on it must not reach
// admins through the log, neither as they are now nor as they were before the author changed
// them. For those records the log keeps who changed which fields, when — never the words.
//
// Every store adapter applies this policy to every audit entry it writes or restores
// (store/audit_redaction.h), so no caller can forget it.
#pragma once

#include <string_view>

namespace debrief::core {

// Whether the audit entries of `collection` (an entity's kCollection) hold their author's words,
// so only the names of changed fields may be kept.
bool AuditHidesValues(std::string_view collection);

// For such a collection, whether `field`'s old and new values are state rather than words (an
// account's visibility, a comment's resolved flag) and may be kept.
bool AuditKeepsFieldValue(std::string_view collection, std::string_view field);

}  // namespace debrief::core
