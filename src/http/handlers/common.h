// Helpers every handler shares: loading the incident named in the path, how the caller relates
// to it, and the audit Change for a write.
#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "core/authorization.h"
#include "core/incident.h"
#include "core/participant.h"
#include "formats/json/finding_json.h"
#include "formats/json/record_json.h"
#include "http/api.h"

namespace debrief::http::handlers {

// The incident whose key is the first path parameter.
core::Result<core::Incident> LoadIncident(Context& context);

// Whether the caller takes part in the incident or facilitates it.
core::IncidentRelation RelationOf(const Context& context, const core::Incident& incident,
                                  const std::vector<core::Participant>& participants);

store::Change ChangeBy(const Context& context, const boost::json::object& before,
                       const boost::json::object& after);

// Who tells people about what this request changes (app/notifications.h).
inline app::Notifier NotifierFor(Context& context) {
  return app::Notifier(context.store(), context.services.clock, context.services.notifications);
}

// A 201 response with the created record, its ETag and a Location header.
ApiResponse Created(const Context& context, const boost::json::object& record);

// Body fields of requests that are not records (sign-in, tokens, lint).
core::Result<std::string> StringField(const boost::json::object& body, std::string_view name);
// Refuses any field not named, so a misspelt option is an error instead of being ignored.
core::Result<void> OnlyFields(const boost::json::object& body,
                              std::initializer_list<std::string_view> names);

// What the checker needs to know about an incident: its participants' names, so that "Priya
// forgot" is found for a name no list holds.
language::CheckOptions CheckOptionsFor(Context& context, int64_t incident_id);
// What the organisation said is not blame (app/language_feedback.h), or null.
std::shared_ptr<const language::Suppressions> SuppressionsFor(Context& context);

// Adds the language findings in a record's prose fields to its JSON ("language_findings"),
// for the response to a write. The checker runs after the store accepted the write: it never
// blocks saving.
template <class T>
void AddLanguageFindings(Context& context, int64_t incident_id, const T& record,
                         boost::json::object& object) {
  bool has_prose = false;
  core::ForEachProseText(record,
                         [&](std::string_view, std::optional<size_t>, const std::string& text) {
                           has_prose = has_prose || !text.empty();
                         });
  boost::json::array findings;
  if (has_prose) {
    findings = formats::json::ProseFindings(context.services.checker, record,
                                            CheckOptionsFor(context, incident_id));
  }
  object.insert_or_assign("language_findings", std::move(findings));
}

template <class T>
boost::json::object EncodeWithFindings(Context& context, int64_t incident_id, const T& record) {
  boost::json::object object = formats::json::Encode(record);
  AddLanguageFindings(context, incident_id, record, object);
  return object;
}

}  // namespace debrief::http::handlers
