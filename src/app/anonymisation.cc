#include "app/anonymisation.h"

#include <set>

namespace debrief::app {

core::Result<const std::vector<render::DirectoryPerson>*> Anonymisation::Directory() {
  if (!directory_) {
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::User> users, store_.ListUsers());
    std::vector<render::DirectoryPerson> directory;
    directory.reserve(users.size());
    for (const core::User& user : users) directory.push_back({user.id, user.name});
    directory_ = std::move(directory);
  }
  return &*directory_;
}

core::Result<const render::Anonymiser*> Anonymisation::ForIncident(int64_t incident_id) {
  if (auto found = by_incident_.find(incident_id); found != by_incident_.end()) {
    return found->second.get();
  }
  DEBRIEF_ASSIGN_OR_RETURN(const std::vector<render::DirectoryPerson>* directory, Directory());
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Participant> participants,
                           store_.participants().List(incident_id));
  auto anonymiser = std::make_unique<render::Anonymiser>(participants, *directory);
  const render::Anonymiser* built = anonymiser.get();
  by_incident_.emplace(incident_id, std::move(anonymiser));
  return built;
}

core::Result<render::Anonymiser> Anonymisation::ForDocument(
    const render::IncidentDocument& document) {
  DEBRIEF_ASSIGN_OR_RETURN(const std::vector<render::DirectoryPerson>* directory, Directory());
  // The people the document names, as it names them (a published snapshot keeps the names of
  // its day), then everyone in the directory now.
  std::vector<render::DirectoryPerson> people;
  std::set<int64_t> named;
  for (const auto& [user_id, name] : document.user_names) {
    people.push_back({user_id, name});
    named.insert(user_id);
  }
  for (const render::DirectoryPerson& person : *directory) {
    // Someone renamed since keeps one label, found under either name.
    if (!named.contains(person.user_id) || document.user_names.at(person.user_id) != person.name) {
      people.push_back(person);
    }
  }
  return render::Anonymiser(document.participants, people);
}

core::Result<void> Anonymisation::Anonymise(render::IncidentDocument& document) {
  DEBRIEF_ASSIGN_OR_RETURN(render::Anonymiser anonymiser, ForDocument(document));
  render::AnonymiseDocument(document, anonymiser);
  return core::Ok();
}

}  // namespace debrief::app
