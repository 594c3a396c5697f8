#include "render/incident_document.h"

#include <algorithm>
#include <cctype>
#include <type_traits>

namespace debrief::render {
namespace {

template <class T>
void AnonymiseRecord(T& record, const Anonymiser& anonymiser) {
  core::ForEachField<T>([&](const auto& field) {
    auto& value = record.*(field.member);
    using Value = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<Value, std::string>) {
      value = anonymiser.Text(value);
    } else if constexpr (std::is_same_v<Value, std::vector<std::string>>) {
      for (std::string& item : value) item = anonymiser.Text(item);
    }
  });
}

template <class T>
void AnonymiseAll(std::vector<T>& records, const Anonymiser& anonymiser) {
  for (T& record : records) AnonymiseRecord(record, anonymiser);
}

// A label standing for a whole name ("On-call engineer A"), capitalised as the name was.
std::string AsName(std::optional<std::string> label, const Anonymiser& anonymiser,
                   const std::string& name) {
  if (!label) return anonymiser.Text(name);
  if (!label->empty()) {
    (*label)[0] = static_cast<char>(std::toupper(static_cast<unsigned char>((*label)[0])));
  }
  return *label;
}

}  // namespace

Anonymiser DocumentAnonymiser(const IncidentDocument& document) {
  std::vector<DirectoryPerson> directory;
  for (const auto& [user_id, name] : document.user_names) directory.push_back({user_id, name});
  return Anonymiser(document.participants, directory);
}

void AnonymiseDocument(IncidentDocument& document, const Anonymiser& anonymiser) {
  AnonymiseRecord(document.incident, anonymiser);
  for (core::Participant& participant : document.participants) {
    participant.name =
        AsName(anonymiser.LabelForParticipant(participant.id), anonymiser, participant.name);
  }
  for (AccountWithEntries& account : document.accounts) {
    AnonymiseRecord(account.account, anonymiser);
    account.author = AsName(anonymiser.LabelForParticipant(account.account.participant_id),
                            anonymiser, account.author);
    AnonymiseAll(account.entries, anonymiser);
  }
  AnonymiseAll(document.events, anonymiser);
  AnonymiseAll(document.decisions, anonymiser);
  AnonymiseAll(document.factors, anonymiser);
  AnonymiseAll(document.work_as_done, anonymiser);
  AnonymiseAll(document.actions, anonymiser);
  AnonymiseAll(document.lessons, anonymiser);
  AnonymiseAll(document.answers, anonymiser);
  for (auto& [user_id, name] : document.user_names) {
    name = AsName(anonymiser.LabelForUser(user_id), anonymiser, name);
  }
}

}  // namespace debrief::render
