// A request body as every record route reads it: parsed with the server's limits, applied to
// each kind of record as a create and as a patch, validated, and written back as JSON.

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/account.h"
#include "core/action_item.h"
#include "core/contributing_factor.h"
#include "core/decision_point.h"
#include "core/incident.h"
#include "core/lesson.h"
#include "core/participant.h"
#include "core/review.h"
#include "core/timeline_event.h"
#include "core/validation.h"
#include "core/work_as_done.h"
#include "formats/json/record_json.h"

namespace {

using namespace debrief;
namespace fj = formats::json;

const core::SeverityScale kSeverities;

template <class T>
void ApplyTo(const boost::json::object& body) {
  for (fj::ApplyMode mode : {fj::ApplyMode::kCreate, fj::ApplyMode::kPatch}) {
    T record;
    if (!fj::Apply(body, mode, record)) continue;
    if constexpr (std::is_same_v<T, core::Incident>) {
      (void)core::Validate(record, kSeverities);
    } else if constexpr (!std::is_same_v<T, core::ReviewComment> &&
                         !std::is_same_v<T, core::Reviewer>) {
      (void)core::Validate(record);
    }
    boost::json::object written = fj::Encode(record);
    // What was accepted reads back to the same record: the fields a caller may set, written
    // out and applied to a new record, give the same JSON.
    boost::json::object settable = written;
    for (std::string_view meta : {"id", "version", "created_at", "updated_at"})
      settable.erase(meta);
    core::ForEachField<T>([&](const auto& field) {
      if (field.access == core::FieldAccess::kServer) settable.erase(field.name);
    });
    T again;
    if (!fj::Apply(settable, fj::ApplyMode::kCreate, again)) __builtin_trap();
    if (fj::Encode(again) != written) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  boost::json::parse_options options;
  options.max_depth = 32;  // As the server reads bodies.
  boost::system::error_code error;
  boost::json::value json = boost::json::parse(text, error, {}, options);
  if (error || !json.is_object()) return 0;
  const boost::json::object& body = json.get_object();
  ApplyTo<core::Incident>(body);
  ApplyTo<core::Participant>(body);
  ApplyTo<core::Account>(body);
  ApplyTo<core::AccountEntry>(body);
  ApplyTo<core::TimelineEvent>(body);
  ApplyTo<core::DecisionPoint>(body);
  ApplyTo<core::ContributingFactor>(body);
  ApplyTo<core::WorkAsDone>(body);
  ApplyTo<core::ActionItem>(body);
  ApplyTo<core::Lesson>(body);
  ApplyTo<core::ReviewComment>(body);
  return 0;
}
