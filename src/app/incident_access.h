// Which incidents a reader may see: the one place restricted incidents are enforced, by the rule
// of core::CanSeeRestrictedIncident. Every list across incidents (incidents, action items, the
// library, the audit log) leaves out HiddenIncidents; every request about one incident passes
// CheckIncidentSight (the router asks it for each /api/v1/incidents/{key} route), which answers
// an incident someone may not see exactly as one that does not exist.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/authorization.h"
#include "core/incident.h"
#include "core/incident_access.h"
#include "core/result.h"
#include "store/store.h"

namespace debrief::app {

// The restricted incidents `principal` may not see, by id (most often none).
core::Result<std::vector<int64_t>> HiddenIncidents(store::Store& store,
                                                   const core::Principal& principal);

// Whether `principal` may see `incident` as stored.
core::Result<bool> CanSeeIncident(store::Store& store, const core::Principal& principal,
                                  const core::Incident& incident);

// The incident `key` when `principal` may see it; kNotFound ("no incident KEY") when it does not
// exist or they may not: not even its existence is told.
core::Result<core::Incident> CheckIncidentSight(store::Store& store,
                                                const core::Principal& principal,
                                                std::string_view key);

// Refuses (kInvalidArgument, field "restricted") a write after which `principal` would no longer
// see the restricted incident `after` (with `readers`): nobody locks themselves out by mistake.
core::Result<void> CheckSightKept(store::Store& store, const core::Principal& principal,
                                  const core::Incident& after,
                                  const core::IncidentReaders& readers);

// Takes back what people who may not see the restricted incident (as stored now) were told of
// it: their notifications and the e-mails and chat messages not yet sent. Nothing for an open
// incident.
core::Result<void> ForgetWhatTheUnseeingWereTold(store::Store& store,
                                                 const core::Incident& incident);
core::Result<void> ForgetWhatTheUnseeingWereTold(store::Store& store,
                                                 const core::RestrictedIncident& incident);

// Whether the incident is restricted and who its readers are.
struct IncidentAccess {
  bool restricted = false;
  core::IncidentReaders readers;
};

// Restricts the incident (or opens it again) and names its readers, in one transaction with an
// audit entry for each: the incident's `restricted` (from/to; its version moves, so a stale page
// is refused: kFailedPrecondition) and the readers named. Readers are kept while it is open, to
// serve when it is restricted again. kPermissionDenied for someone not among the incident's own
// people (core::AuthorizeAccessChange); kInvalidArgument for an unknown user or group, or a
// change the caller would lock themselves out with.
core::Result<core::Incident> ChangeIncidentAccess(store::Store& store,
                                                  const core::Principal& principal,
                                                  const core::Incident& current,
                                                  int64_t expected_version,
                                                  const IncidentAccess& access);

}  // namespace debrief::app
