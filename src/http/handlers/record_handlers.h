// List, create, read, change and delete for the records of an incident that any member may
// write: participants, timeline events, decision points, contributing factors, work as done,
// action items and lessons. One template serves them all; app::CheckReferences() holds what
// differs.
// Accounts and their entries have their own handlers (accounts.cc): only their author writes.
#pragma once

#include <boost/json/array.hpp>
#include <set>

#include "app/record_checks.h"
#include "core/review_template.h"
#include "core/validation.h"
#include "formats/json/record_json.h"
#include "http/handlers/common.h"

namespace debrief::http::handlers {

template <class T>
core::Result<ApiResponse> ListRecords(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<T> records,
                           store::RecordsOf<T>(context.store()).List(incident.id));
  boost::json::array items;
  items.reserve(records.size());
  for (const T& record : records) items.emplace_back(formats::json::Encode(record));
  boost::json::object body;
  body["items"] = std::move(items);
  return ApiResponse::Json(body);
}

template <class T>
core::Result<ApiResponse> CreateRecord(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(boost::json::object body, context.JsonBody());
  T record;
  record.incident_id = incident.id;
  DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(body, formats::json::ApplyMode::kCreate, record));
  DEBRIEF_RETURN_IF_ERROR(app::CheckReferences(context.store(), incident, record));
  DEBRIEF_RETURN_IF_ERROR(core::Validate(record));
  store::Change change = ChangeBy(context, {}, formats::json::Encode(record));
  T stored;
  DEBRIEF_RETURN_IF_ERROR(context.store().InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(stored, store::RecordsOf<T>(context.store()).Insert(record, change));
    // A person added to an incident is asked to write their account.
    if constexpr (std::is_same_v<T, core::Participant>) {
      DEBRIEF_RETURN_IF_ERROR(
          NotifierFor(context).AddedToIncident(incident, stored, context.caller().user_id));
    }
    return core::Ok();
  }));
  return Created(context, EncodeWithFindings(context, incident.id, stored));
}

template <class T>
core::Result<ApiResponse> GetRecord(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, context.IdParameter(1, T::kNoun));
  DEBRIEF_ASSIGN_OR_RETURN(T record, store::RecordsOf<T>(context.store()).Get(incident.id, id));
  return ApiResponse::Versioned(formats::json::Encode(record));
}

template <class T>
core::Result<ApiResponse> PatchRecord(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, context.IdParameter(1, T::kNoun));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(boost::json::object body, context.JsonBody());
  auto& records = store::RecordsOf<T>(context.store());
  DEBRIEF_ASSIGN_OR_RETURN(T current, records.Get(incident.id, id));
  T updated = current;
  DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(body, formats::json::ApplyMode::kPatch, updated));
  if constexpr (std::is_same_v<T, core::TimelineEvent>) core::KeepOriginalText(current, updated);
  DEBRIEF_RETURN_IF_ERROR(app::CheckReferences(context.store(), incident, updated));
  DEBRIEF_RETURN_IF_ERROR(core::Validate(updated));
  store::Change change =
      ChangeBy(context, formats::json::Encode(current), formats::json::Encode(updated));
  DEBRIEF_ASSIGN_OR_RETURN(T stored, records.Update(updated, expected_version, change));
  return ApiResponse::Versioned(EncodeWithFindings(context, incident.id, stored));
}

template <class T>
core::Result<ApiResponse> DeleteRecord(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, context.IdParameter(1, T::kNoun));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  auto& records = store::RecordsOf<T>(context.store());
  DEBRIEF_ASSIGN_OR_RETURN(T current, records.Get(incident.id, id));
  store::Change change = ChangeBy(context, formats::json::Encode(current), {});
  DEBRIEF_RETURN_IF_ERROR(records.Delete(incident.id, id, expected_version, change));
  return ApiResponse::NoContent();
}

}  // namespace debrief::http::handlers
