#include "ingest/record_people.h"

#include <boost/json.hpp>

#include "ingest/json_fields.h"
#include "ingest/plain_text.h"

namespace debrief::ingest {
namespace bj = boost::json;
namespace {

std::string_view StringAt(const bj::object& object, std::string_view key) {
  const bj::value* value = object.if_contains(key);
  const bj::string* text = value == nullptr ? nullptr : value->if_string();
  return text == nullptr ? std::string_view() : std::string_view(*text);
}

// A person's name and email from a field's value: a name, or an object with a name (or
// PagerDuty's summary) and maybe an email. Objects whose type says they are something else
// (PagerDuty's "service_reference", a team) are no one.
bool ReadPerson(const bj::value& value, std::string& name, std::string& email) {
  if (const bj::string* text = value.if_string()) {
    name = std::string(*text);
    return !name.empty() && name.size() <= 200;
  }
  const bj::object* object = value.if_object();
  if (object == nullptr) return false;
  if (object->contains("type") &&
      AsciiLower(StringAt(*object, "type")).find("user") == std::string::npos) {
    return false;
  }
  name = std::string(StringAt(*object, "name"));
  if (name.empty()) name = std::string(StringAt(*object, "summary"));
  email = std::string(StringAt(*object, "email"));
  if (name.size() > 200 || email.size() > 254) return false;
  return !name.empty() || !email.empty();
}

}  // namespace

void RecordPeople::Note(const bj::object& record, const EventMapping& mapping,
                        const core::TimelineEvent& event) {
  if (mapping.people_fields.empty() || event.visible_to.empty()) return;
  const std::string& audience = event.visible_to.front();
  std::string source = "import:" + mapping.kind_name + ":" + audience;
  for (const std::string& path : mapping.people_fields) {
    const bj::value* value = FindField(record, path);
    if (value == nullptr) continue;
    if (const bj::array* people = value->if_array()) {
      for (const bj::value& person : *people) NotePerson(person, source, audience, event.at);
    } else {
      NotePerson(*value, source, audience, event.at);
    }
  }
}

void RecordPeople::NotePerson(const bj::value& person, const std::string& source,
                              const std::string& audience, core::Timestamp at) {
  std::string name;
  std::string email;
  if (!ReadPerson(person, name, email)) return;
  // By name, which every entry naming a person gives (a reference has no email; a full user
  // record has both), so one person is one span.
  std::string key = AsciiLower(name.empty() ? email : name);
  auto found = spans_.find({audience, key});
  if (found != spans_.end()) {
    // Records need not come in time order: the person was there from the earliest.
    if (found->second.since && at < *found->second.since) found->second.since = at;
    if (found->second.email.empty()) found->second.email = std::move(email);
    return;
  }
  if (spans_.size() >= kMaxPeople) return;
  AudienceSpan span;
  span.source = source;
  span.audience = audience;
  span.email = std::move(email);
  span.name = name.empty() ? span.email : std::move(name);
  span.since = at;
  spans_.emplace(std::pair{audience, std::move(key)}, std::move(span));
}

std::vector<AudienceSpan> RecordPeople::Spans() const {
  std::vector<AudienceSpan> spans;
  spans.reserve(spans_.size());
  for (const auto& [key, span] : spans_) spans.push_back(span);
  return spans;
}

}  // namespace debrief::ingest
