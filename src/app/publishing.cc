#include "app/publishing.h"

#include <boost/json.hpp>

#include "app/anonymisation.h"
#include "app/library_entry.h"
#include "app/webhook_events.h"
#include "formats/incident_snapshot.h"

namespace debrief::app {

core::Result<core::PublishedVersion> StorePublishedVersion(store::Store& store,
                                                           render::IncidentDocument document,
                                                           int64_t expected_version,
                                                           const store::Change& change) {
  document.incident.review_status = core::ReviewStatus::kPublished;
  // The snapshot shows the review as published.
  std::string snapshot = boost::json::serialize(formats::IncidentDocumentJson(document));
  DEBRIEF_ASSIGN_OR_RETURN(render::Anonymiser anonymiser,
                           Anonymisation(store).ForDocument(document));
  core::PublishedVersion version;
  DEBRIEF_RETURN_IF_ERROR(store.InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(
        version, store.Publish(document.incident, expected_version, std::move(snapshot), change));
    DEBRIEF_RETURN_IF_ERROR(store.IndexForLibrary(MakeLibraryEntry(document, anonymiser, version)));
    return QueueReviewPublished(store, document.incident, version);
  }));
  return version;
}

}  // namespace debrief::app
