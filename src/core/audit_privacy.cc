#include "core/audit_privacy.h"

#include <array>
#include <utility>

#include "core/account.h"
#include "core/review.h"

namespace debrief::core {
namespace {

// Per private collection, the fields whose values are state, not words.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kStateFields = {{
    {Account::kCollection, "visibility"},
    {ReviewComment::kCollection, "resolved"},
    {ReviewComment::kCollection, "anchor"},
    {ReviewComment::kCollection, "reply_to"},
}};

}  // namespace

bool AuditHidesValues(std::string_view collection) {
  // Comments are private when they sit on an account, and an edit's entry does not say where the
  // comment sits; every comment's words stay out of the log, which costs admins nothing they
  // cannot read on the incident itself.
  return collection == Account::kCollection || collection == AccountEntry::kCollection ||
         collection == ReviewComment::kCollection;
}

bool AuditKeepsFieldValue(std::string_view collection, std::string_view field) {
  for (const auto& [kept_collection, kept_field] : kStateFields) {
    if (kept_collection == collection && kept_field == field) return true;
  }
  return false;
}

}  // namespace debrief::core
