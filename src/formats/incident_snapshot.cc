#include "formats/incident_snapshot.h"

#include <boost/json.hpp>
#include <set>

#include "formats/json/record_json.h"
#include "formats/json/review_template_json.h"

namespace debrief::formats {
namespace {

namespace bj = boost::json;

template <class T>
bj::array EncodeAll(const std::vector<T>& records) {
  bj::array items;
  for (const T& record : records) items.emplace_back(json::Encode(record));
  return items;
}

// Each record of the array `name` of `json`, with its incident id set.
template <class T>
core::Result<std::vector<T>> DecodeAll(const bj::object& json, std::string_view name,
                                       int64_t incident_id) {
  std::vector<T> records;
  const bj::value* items = json.if_contains(name);
  if (items == nullptr) return records;
  if (!items->is_array()) {
    return core::Error::InvalidArgument(std::string(name) + " must be an array", std::string(name));
  }
  for (const bj::value& item : items->get_array()) {
    if (!item.is_object()) {
      return core::Error::InvalidArgument("each of " + std::string(name) + " must be an object",
                                          std::string(name));
    }
    bj::object fields = item.get_object();
    if constexpr (std::is_same_v<T, core::Account>) {
      fields.erase("author");
      fields.erase("entries");
    }
    DEBRIEF_ASSIGN_OR_RETURN(T record, json::DecodeStored<T>(fields, json::UnknownFields::kSkip));
    if constexpr (!std::is_same_v<T, core::Incident>) record.incident_id = incident_id;
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

bj::object IncidentDocumentJson(const render::IncidentDocument& document,
                                DocumentJsonOptions options) {
  auto name_of = [&](int64_t user_id) -> bj::value {
    auto found = document.user_names.find(user_id);
    return found == document.user_names.end() ? bj::value(nullptr) : bj::value(found->second);
  };
  std::set<int64_t> named_users;
  bj::object incident = json::Encode(document.incident);
  if (document.incident.facilitator_id) named_users.insert(*document.incident.facilitator_id);
  if (options.anonymised) {
    incident["facilitator"] = document.incident.facilitator_id
                                  ? name_of(*document.incident.facilitator_id)
                                  : bj::value(nullptr);
    incident.erase("facilitator_id");
    incident.erase("created_by");
  }
  bj::array participants;
  for (const core::Participant& participant : document.participants) {
    bj::object object = json::Encode(participant);
    if (options.anonymised) object.erase("user_id");
    participants.emplace_back(std::move(object));
  }
  bj::array accounts;
  for (const render::AccountWithEntries& shared : document.accounts) {
    bj::object account = json::Encode(shared.account);
    if (options.anonymised) account.erase("author_id");
    account["author"] = shared.author;
    account["entries"] = EncodeAll(shared.entries);
    accounts.emplace_back(std::move(account));
  }
  bj::array actions;
  for (const core::ActionItem& action : document.actions) {
    bj::object object = json::Encode(action);
    if (action.owner_id) named_users.insert(*action.owner_id);
    if (options.anonymised) {
      object["owner"] = action.owner_id ? name_of(*action.owner_id) : bj::value(nullptr);
      object.erase("owner_id");
    }
    actions.emplace_back(std::move(object));
  }
  bj::array lessons;
  for (const core::Lesson& lesson : document.lessons) {
    bj::object object = json::Encode(lesson);
    named_users.insert(lesson.author_ids.begin(), lesson.author_ids.end());
    if (options.anonymised) {
      bj::array authors;
      for (int64_t author : lesson.author_ids) authors.push_back(name_of(author));
      object["authors"] = std::move(authors);
      object.erase("author_ids");
    }
    lessons.emplace_back(std::move(object));
  }
  bj::object out{{"format", "debrief-incident"},
                 {"format_version", 1},
                 {"incident", std::move(incident)},
                 {"participants", std::move(participants)},
                 {"accounts", std::move(accounts)},
                 {"events", EncodeAll(document.events)},
                 {"decisions", EncodeAll(document.decisions)},
                 {"factors", EncodeAll(document.factors)},
                 {"work_as_done", EncodeAll(document.work_as_done)},
                 {"actions", std::move(actions)},
                 {"lessons", std::move(lessons)},
                 {"template", json::EncodeTemplate(document.review_template)},
                 {"answers", EncodeAll(document.answers)}};
  if (!options.anonymised) {
    bj::array people;
    for (int64_t user_id : named_users) {
      bj::value name = name_of(user_id);
      if (!name.is_null()) people.push_back({{"id", user_id}, {"name", std::move(name)}});
    }
    out["people"] = std::move(people);
  }
  return out;
}

core::Result<render::IncidentDocument> DecodeIncidentDocument(const bj::object& json) {
  const bj::value* format = json.if_contains("format");
  const bj::value* format_version = json.if_contains("format_version");
  if (format == nullptr || !format->is_string() || format->get_string() != "debrief-incident") {
    return core::Error::InvalidArgument("not a debrief incident: format must be debrief-incident",
                                        "format");
  }
  if (format_version == nullptr || !format_version->is_int64() ||
      format_version->get_int64() != 1) {
    return core::Error::InvalidArgument("only format_version 1 can be read", "format_version");
  }
  const bj::value* incident = json.if_contains("incident");
  if (incident == nullptr || !incident->is_object()) {
    return core::Error::InvalidArgument("incident must be an object", "incident");
  }
  render::IncidentDocument document;
  DEBRIEF_ASSIGN_OR_RETURN(
      document.incident,
      json::DecodeStored<core::Incident>(incident->get_object(), json::UnknownFields::kSkip));
  int64_t id = document.incident.id;
  DEBRIEF_ASSIGN_OR_RETURN(document.participants,
                           DecodeAll<core::Participant>(json, "participants", id));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Account> accounts,
                           DecodeAll<core::Account>(json, "accounts", id));
  for (size_t index = 0; index < accounts.size(); ++index) {
    // DecodeAll checked that "accounts" is an array of objects.
    const bj::object& shared = json.at("accounts").as_array()[index].as_object();
    render::AccountWithEntries account{std::move(accounts[index]), "", {}};
    if (const bj::value* author = shared.if_contains("author"); author && author->is_string()) {
      account.author = author->get_string();
    }
    DEBRIEF_ASSIGN_OR_RETURN(account.entries, DecodeAll<core::AccountEntry>(shared, "entries", id));
    document.accounts.push_back(std::move(account));
  }
  DEBRIEF_ASSIGN_OR_RETURN(document.events, DecodeAll<core::TimelineEvent>(json, "events", id));
  DEBRIEF_ASSIGN_OR_RETURN(document.decisions,
                           DecodeAll<core::DecisionPoint>(json, "decisions", id));
  DEBRIEF_ASSIGN_OR_RETURN(document.factors,
                           DecodeAll<core::ContributingFactor>(json, "factors", id));
  DEBRIEF_ASSIGN_OR_RETURN(document.work_as_done,
                           DecodeAll<core::WorkAsDone>(json, "work_as_done", id));
  DEBRIEF_ASSIGN_OR_RETURN(document.actions, DecodeAll<core::ActionItem>(json, "actions", id));
  DEBRIEF_ASSIGN_OR_RETURN(document.lessons, DecodeAll<core::Lesson>(json, "lessons", id));
  // Snapshots published before templates existed have neither: the built-in template then.
  if (const bj::value* review_template = json.if_contains("template")) {
    if (!review_template->is_object()) {
      return core::Error::InvalidArgument("template must be an object", "template");
    }
    DEBRIEF_ASSIGN_OR_RETURN(document.review_template.sections,
                             json::DecodeTemplateSections(review_template->get_object()));
  }
  DEBRIEF_ASSIGN_OR_RETURN(document.answers, DecodeAll<core::ReviewAnswer>(json, "answers", id));
  if (const bj::value* people = json.if_contains("people"); people && people->is_array()) {
    for (const bj::value& person : people->get_array()) {
      const bj::object* fields = person.if_object();
      const bj::value* user_id = fields ? fields->if_contains("id") : nullptr;
      const bj::value* name = fields ? fields->if_contains("name") : nullptr;
      if (user_id && user_id->is_int64() && name && name->is_string()) {
        document.user_names[user_id->get_int64()] = std::string(name->get_string());
      }
    }
  }
  return document;
}

}  // namespace debrief::formats
