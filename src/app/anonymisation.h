// The one anonymisation policy, applied wherever an anonymised reader gets an incident: the API's
// reads (http/anonymised_view.cc), the exports (API and `debrief export --anonymised`) and the
// library's anonymised copy of a published review. Who is replaced: the incident's participants
// (by their role labels) and everyone in the user directory, whether or not the record names
// them, so a colleague mentioned in passing in a narrative is replaced too; published snapshots
// add the people they name as they were when published. How: render::Anonymiser, in every text.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "core/result.h"
#include "render/anonymise.h"
#include "render/incident_document.h"
#include "store/store.h"

namespace debrief::app {

// Anonymisers for the readings of one request or one command: the directory is read once.
class Anonymisation {
 public:
  explicit Anonymisation(store::Store& store) : store_(store) {}

  // The anonymiser of the incident as stored now, built once per incident.
  core::Result<const render::Anonymiser*> ForIncident(int64_t incident_id);
  // The anonymiser of a document (gathered for an export, or a published snapshot).
  core::Result<render::Anonymiser> ForDocument(const render::IncidentDocument& document);
  // The document as anonymised readers get it.
  core::Result<void> Anonymise(render::IncidentDocument& document);

 private:
  core::Result<const std::vector<render::DirectoryPerson>*> Directory();

  store::Store& store_;
  std::optional<std::vector<render::DirectoryPerson>> directory_;
  std::map<int64_t, std::unique_ptr<render::Anonymiser>> by_incident_;
};

}  // namespace debrief::app
