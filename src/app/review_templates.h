// Review templates as admins set them and reviews follow them (core/review_template.h): the
// template an incident's review follows, and changing one, checked against the severity scale.
#pragma once

#include <vector>

#include "core/incident.h"
#include "core/review_template.h"
#include "core/validation.h"
#include "store/store.h"

namespace debrief::app {

// The template the incident's review follows: its severity's, else the default, else built in.
core::Result<core::ReviewTemplate> TemplateOf(store::Store& store, const core::Incident& incident);

// Creates (expected_version 0) or replaces the template of a severity of `scale`, or "default".
core::Result<core::ReviewTemplate> SaveTemplate(store::Store& store,
                                                const core::SeverityScale& scale,
                                                core::ReviewTemplate review_template,
                                                int64_t expected_version, int64_t actor_id);

}  // namespace debrief::app
