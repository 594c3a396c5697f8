// The library's copy of a published review (store::LibraryEntry): made from the document that
// was published, once as members read it and once anonymised, so the library never needs the
// live records again.
#pragma once

#include <boost/json/object.hpp>

#include "app/anonymisation.h"
#include "core/published_version.h"
#include "core/result.h"
#include "render/anonymise.h"
#include "render/incident_document.h"
#include "store/store.h"

namespace debrief::app {

// How much timeline text one review gives the library's index (each copy): enough for every
// event people wrote and hundreds of imported ones, so that a review with a 100,000-message chat
// import weighs no more in memory and in ranking than a long review without one.
inline constexpr size_t kLibraryTimelineText = 256 * 1024;

store::LibraryEntry MakeLibraryEntry(const render::IncidentDocument& document,
                                     const render::Anonymiser& anonymiser,
                                     const core::PublishedVersion& version);

// Makes the library's entry of the incident again from its latest published version, if it has
// one (after a published version was rewritten: app/erasure.h). `users` names the people.
core::Result<void> IndexLatestVersion(store::Store& store, Anonymisation& anonymisation,
                                      const std::vector<core::User>& users, int64_t incident_id);

// Adds to the library every published review missing from it, from its latest published
// version (after an upgrade, or a restore). Returns how many were added.
core::Result<int> IndexLibraryBacklog(store::Store& store);

}  // namespace debrief::app
