#include "formats/backup/backup_incident_json.h"

#include <map>
#include <set>

#include "core/pulse.h"
#include "formats/json/record_json.h"

namespace debrief::formats::backup {

namespace {

template <class T>
bj::array EncodeAll(const std::vector<T>& records) {
  bj::array items;
  for (const T& record : records) items.push_back(json::Encode(record));
  return items;
}

// The pulse of one incident: respondents as user ids, counts as question, answer and a
// positive count each, every answer one its question takes.
core::Result<void> DecodePulse(Reader& parent, const std::string& where,
                               store::IncidentBackup& backup) {
  const bj::value& value = parent.Object()->at("pulse");
  Reader pulse(value, where + ".pulse");
  if (!pulse.ok()) return pulse.error();
  const bj::array* respondents = pulse.Array("respondents");
  if (!pulse.ok()) return pulse.error();
  for (size_t index = 0; index < respondents->size(); ++index) {
    const bj::value& user = (*respondents)[index];
    if (!user.is_int64() || user.get_int64() <= 0) {
      return core::Error::InvalidArgument(At(where + ".pulse.respondents", index) +
                                          ": must be a user id");
    }
    backup.pulse_respondents.push_back(user.get_int64());
  }
  DEBRIEF_ASSIGN_OR_RETURN(
      backup.pulse_counts,
      DecodeList<core::PulseCount>(
          pulse, "counts", where + ".pulse.", [&](Reader& item) -> core::Result<core::PulseCount> {
            core::PulseCount count;
            count.question = item.String("question");
            count.answer = item.String("answer");
            count.count = item.Int("count");
            if (!item.ok()) return item.error();
            if (!core::IsPulseAnswer(count.question, count.answer) || count.count <= 0) {
              item.Fail("not an answer of the pulse, or not counted");
              return item.error();
            }
            return count;
          }));
  // As the store keeps them: each person once, each answer once, and every question answered
  // by every respondent (so no count can outgrow the people who gave it).
  std::set<int64_t> people(backup.pulse_respondents.begin(), backup.pulse_respondents.end());
  if (people.size() != backup.pulse_respondents.size()) {
    return core::Error::InvalidArgument(where + ".pulse.respondents: a person is listed twice");
  }
  std::map<std::string, int64_t> answered;
  std::set<std::pair<std::string, std::string>> rows;
  for (const core::PulseCount& count : backup.pulse_counts) {
    if (!rows.emplace(count.question, count.answer).second) {
      return core::Error::InvalidArgument(where + ".pulse.counts: " + count.question + " " +
                                          count.answer + " is counted twice");
    }
    if (count.count > static_cast<int64_t>(people.size())) {
      return core::Error::InvalidArgument(where + ".pulse.counts: more answers than people");
    }
    answered[count.question] += count.count;
  }
  for (const core::PulseQuestion& question : core::kPulseQuestions) {
    int64_t total = answered[std::string(question.name)];
    if (total != static_cast<int64_t>(people.size())) {
      return core::Error::InvalidArgument(where + ".pulse.counts: " + std::string(question.name) +
                                          " is answered " + std::to_string(total) + " times by " +
                                          std::to_string(people.size()) + " people");
    }
  }
  return core::Ok();
}

}  // namespace

bj::object EncodeIncident(const store::IncidentBackup& backup) {
  bj::object object{{"incident", json::Encode(backup.incident)}};
  store::ForEachRecordList(backup, [&](std::string_view name, const auto& records) {
    object[name] = EncodeAll(records);
  });
  bj::array versions;
  for (const core::PublishedVersion& version : backup.published_versions) {
    versions.push_back(json::EncodeStored(version));
  }
  object["published_versions"] = std::move(versions);
  bj::array imports;
  for (const store::EventImportRecord& record : backup.event_imports) {
    imports.push_back({{"id", record.id},
                       {"format", record.what.format},
                       {"name", record.what.name},
                       {"created_by", Optional(record.created_by)},
                       {"created_at", core::FormatRfc3339(record.created_at)},
                       {"added", record.added},
                       {"skipped", record.skipped},
                       {"undone_at", OptionalTime(record.undone_at)},
                       {"undone_by", Optional(record.undone_by)},
                       {"removed", record.removed}});
  }
  object["event_imports"] = std::move(imports);
  bj::array memberships;
  for (const core::AudienceMembership& membership : backup.audience_memberships) {
    memberships.push_back({{"id", membership.id},
                           {"audience", membership.audience},
                           {"participant_id", membership.participant_id},
                           {"since", OptionalTime(membership.since)},
                           {"until", OptionalTime(membership.until)},
                           {"source", membership.source}});
  }
  object["audience_memberships"] = std::move(memberships);
  // The review pulse, as the store keeps it: who answered, and the counts, apart.
  bj::array respondents;
  for (int64_t user_id : backup.pulse_respondents) respondents.emplace_back(user_id);
  bj::array counts;
  for (const core::PulseCount& count : backup.pulse_counts) {
    counts.push_back(
        {{"question", count.question}, {"answer", count.answer}, {"count", count.count}});
  }
  object["pulse"] =
      bj::object{{"respondents", std::move(respondents)}, {"counts", std::move(counts)}};
  bj::array documents;
  for (const store::ImportedDocument& document : backup.imported_documents) {
    documents.push_back({{"id", document.id},
                         {"name", document.name},
                         {"digest", document.digest},
                         {"content", document.content},
                         {"imported_at", core::FormatRfc3339(document.imported_at)}});
  }
  object["imported_documents"] = std::move(documents);
  bj::array reader_users(backup.readers.user_ids.begin(), backup.readers.user_ids.end());
  bj::array reader_groups(backup.readers.group_ids.begin(), backup.readers.group_ids.end());
  object["readers"] =
      bj::object{{"user_ids", std::move(reader_users)}, {"group_ids", std::move(reader_groups)}};
  return object;
}

core::Result<store::IncidentBackup> DecodeIncident(Reader& reader, const std::string& where) {
  store::IncidentBackup backup;
  const bj::value* incident = reader.Object()->if_contains("incident");
  if (incident == nullptr) {
    reader.Fail("incident is missing");
    return reader.error();
  }
  Reader incident_reader(*incident, where + ".incident");
  if (!incident_reader.ok()) return incident_reader.error();
  DEBRIEF_ASSIGN_OR_RETURN(backup.incident, DecodeRecord<core::Incident>(incident_reader));
  core::Result<void> decoded = core::Ok();
  store::ForEachRecordList(backup, [&](std::string_view name, auto& records) {
    using T = typename std::remove_reference_t<decltype(records)>::value_type;
    if (!decoded) return;
    if (store::AddedToBackupsLater(name) && reader.Object() && !reader.Object()->contains(name)) {
      return;
    }
    auto list = DecodeList<T>(reader, name, where + ".",
                              [&](Reader& item) { return DecodeRecord<T>(item); });
    if (!list) {
      decoded = list.error();
      return;
    }
    records = std::move(*list);
    for (T& record : records) record.incident_id = backup.incident.id;
  });
  DEBRIEF_RETURN_IF_ERROR(decoded);
  DEBRIEF_ASSIGN_OR_RETURN(
      backup.published_versions,
      DecodeList<core::PublishedVersion>(reader, "published_versions", where + ".",
                                         [&](Reader& item) -> core::Result<core::PublishedVersion> {
                                           DEBRIEF_ASSIGN_OR_RETURN(
                                               core::PublishedVersion version,
                                               DecodeRecord<core::PublishedVersion>(item));
                                           version.incident_id = backup.incident.id;
                                           return version;
                                         }));
  // Backups made before imports were kept as units have none: their events stay, not undoable.
  if (reader.Object()->contains("event_imports")) {
    DEBRIEF_ASSIGN_OR_RETURN(backup.event_imports,
                             DecodeList<store::EventImportRecord>(
                                 reader, "event_imports", where + ".",
                                 [&](Reader& item) -> core::Result<store::EventImportRecord> {
                                   store::EventImportRecord record;
                                   record.id = item.Int("id");
                                   record.incident_id = backup.incident.id;
                                   record.what.format = item.String("format");
                                   record.what.name = item.String("name");
                                   record.created_by = item.OptionalInt("created_by");
                                   record.created_at = item.Time("created_at");
                                   record.added = item.Int("added");
                                   record.skipped = item.Int("skipped");
                                   record.undone_at = item.OptionalTime("undone_at");
                                   record.undone_by = item.OptionalInt("undone_by");
                                   record.removed = item.Int("removed");
                                   if (!item.ok()) return item.error();
                                   return record;
                                 }));
  }
  // Backups made before memberships were kept have none.
  if (reader.Object()->contains("audience_memberships")) {
    DEBRIEF_ASSIGN_OR_RETURN(backup.audience_memberships,
                             DecodeList<core::AudienceMembership>(
                                 reader, "audience_memberships", where + ".",
                                 [&](Reader& item) -> core::Result<core::AudienceMembership> {
                                   core::AudienceMembership membership;
                                   membership.id = item.Int("id");
                                   membership.incident_id = backup.incident.id;
                                   membership.audience = item.String("audience");
                                   membership.participant_id = item.Int("participant_id");
                                   membership.since = item.OptionalTime("since");
                                   membership.until = item.OptionalTime("until");
                                   membership.source = item.String("source");
                                   if (!item.ok()) return item.error();
                                   return membership;
                                 }));
  }
  // Backups made before the review pulse have none.
  if (reader.Object()->contains("pulse")) {
    DEBRIEF_RETURN_IF_ERROR(DecodePulse(reader, where, backup));
  }
  // Backups made before imported documents have none.
  if (reader.Object()->contains("imported_documents")) {
    DEBRIEF_ASSIGN_OR_RETURN(backup.imported_documents,
                             DecodeList<store::ImportedDocument>(
                                 reader, "imported_documents", where + ".",
                                 [&](Reader& item) -> core::Result<store::ImportedDocument> {
                                   store::ImportedDocument document;
                                   document.id = item.Int("id");
                                   document.incident_id = backup.incident.id;
                                   document.name = item.String("name");
                                   document.digest = item.String("digest");
                                   document.content = item.String("content");
                                   document.imported_at = item.Time("imported_at");
                                   if (!item.ok()) return item.error();
                                   return document;
                                 }));
  }
  // Backups made before restricted incidents name no readers.
  if (reader.Object()->contains("readers")) {
    Reader readers(reader.Object()->at("readers"), where + ".readers");
    if (!readers.ok()) return readers.error();
    for (auto [name, ids] : {std::pair{"user_ids", &backup.readers.user_ids},
                             std::pair{"group_ids", &backup.readers.group_ids}}) {
      const bj::array* listed = readers.Array(name);
      if (!readers.ok()) return readers.error();
      for (const bj::value& id : *listed) {
        if (!id.is_int64()) {
          readers.Fail(std::string(name) + " must hold ids");
          return readers.error();
        }
        ids->push_back(id.get_int64());
      }
    }
  }
  return backup;
}

}  // namespace debrief::formats::backup
