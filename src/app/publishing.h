// Storing a review as published: its document becomes the incident's next immutable version,
// indexed for the library and announced to webhooks, all in one transaction, so a published
// review is always findable. The publish route calls it once its checks pass (the workflow,
// released accounts, language findings); the example data calls it to publish its example.
#pragma once

#include "core/published_version.h"
#include "render/incident_document.h"
#include "store/store.h"

namespace debrief::app {

// `document` as gathered by LoadIncidentDocument; the incident is stored published if it is
// still at `expected_version`.
core::Result<core::PublishedVersion> StorePublishedVersion(store::Store& store,
                                                           render::IncidentDocument document,
                                                           int64_t expected_version,
                                                           const store::Change& change);

}  // namespace debrief::app
