// Who may do what: every authorisation decision of debrief is made by these functions, and only
// here. The router asks Authorize() for the route's permission before a handler runs; handlers
// that touch an account ask the account rules, because those depend on the account itself.
//
// Roles: a viewer reads, a member also writes, an admin also manages users and reads the audit
// log. Accounts are the exception to "members may write": an account belongs to its author.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "core/account.h"
#include "core/enums.h"
#include "core/incident.h"
#include "core/incident_access.h"
#include "core/participant.h"
#include "core/result.h"
#include "core/review.h"
#include "core/user.h"

namespace debrief::core {

// The authenticated caller.
struct Principal {
  int64_t user_id = 0;
  Role role = Role::kViewer;
};

enum class Permission {
  kPublic,  // Health checks only.
  kRead,    // Any signed-in user.
  kWrite,   // Members and admins.
  kAdmin,   // Admins.
  // An alert hook's own token, in the URL or as a bearer token: the router finds the hook, and
  // no user's credentials open these routes.
  kAlertHook,
  // The identity provider's SCIM provisioning token (serve --scim-token-file): no user's
  // credentials open these routes.
  kProvisioning,
};

// `principal` is null for an anonymous caller.
Result<void> Authorize(const Principal* principal, Permission permission);

// Whether a reader sees an incident anonymised: names replaced by role labels. Viewers (often
// leadership) always do, so a review cannot single anyone out to them; anyone else may ask.
bool SeesAnonymised(const Principal& principal, bool requested);

// How the reader relates to the incident an account belongs to.
struct IncidentRelation {
  bool is_participant = false;
  bool is_facilitator = false;
};

// How `principal` stands to the incident: one of its participants (`participants` are the
// incident's), its facilitator, both or neither.
IncidentRelation RelationTo(const Principal& principal, const Incident& incident,
                            std::span<const Participant> participants);

// Who may see a restricted incident at all — it, its records, accounts, timeline, published
// versions, library entry, search hits and counts: the person who opened it, its facilitator,
// the users among its participants, the users named as its readers and the members of the groups
// named. Nobody else, not even an admin: a security review is for the people it names.
// `group_ids` are the groups the caller is in. An incident that is not restricted is everyone's
// who may read (this is not asked of it).
bool CanSeeRestrictedIncident(const Principal& principal, std::span<const int64_t> group_ids,
                              const RestrictedIncident& incident);

// Who restricts an incident, opens it again and names its readers: its own people (who opened
// it, its facilitator, its participants with a login), not a reader they named, and not an admin
// by being one: the incident's people decide who reads about them.
Result<void> AuthorizeAccessChange(const Principal& principal, const RestrictedIncident& incident);

// Private and withdrawn accounts: the author alone, not even an admin. Shared: the author, the
// incident's participants and its facilitator, never a viewer. In review: everyone who can read
// the incident.
bool CanReadAccount(const Principal& principal, const Account& account, IncidentRelation relation);
Result<void> AuthorizeAccountRead(const Principal& principal, const Account& account,
                                  IncidentRelation relation);
// Only the author edits, releases or withdraws an account, and adds or changes its entries.
Result<void> AuthorizeAccountWrite(const Principal& principal, const Account& account);

// Only a person named as a reviewer of the incident approves it or asks for changes: the review
// is theirs to judge, not the requester's. Returns that reviewer.
Result<const Reviewer*> AuthorizeReviewDecision(const Principal& principal,
                                                std::span<const Reviewer> reviewers);
// A comment's words are its author's: only they change them. Deleting is also open to admins (to
// take down what should not be there). Marking a comment resolved is open to every member.
Result<void> AuthorizeCommentWrite(const Principal& principal, const ReviewComment& comment,
                                   bool changes_words);
Result<void> AuthorizeCommentDelete(const Principal& principal, const ReviewComment& comment);

// An API token is its owner's: they list and revoke their own, and admins anyone's (a leaked
// token must be stoppable by someone other than the person who lost it).
Result<void> AuthorizeTokenManagement(const Principal& principal, const ApiToken& token);
// Whose tokens a listing shows: the caller's own, unless an admin asks for everyone's (no
// `requested_user`, answered with nullopt) or for someone else's.
Result<std::optional<int64_t>> AuthorizeTokenListing(const Principal& principal,
                                                     std::optional<int64_t> requested_user);

// A review is a second pair of eyes: a reviewer is a member or admin who can sign in, and not
// the person asking. `caller` is who asks.
Result<void> AuthorizeReviewer(const Principal& caller, const User& candidate);

// Timeline suggestions ("link these as the same moment", key moments read off alerts) are for
// people who can act on them; a viewer's read-only timeline leaves them out.
bool SeesTimelineSuggestions(const Principal& principal);

// The review pulse is answered by the incident's participants (a person with a login among
// them), once the incident is resolved; its counts are anyone's who reads the incident, as they
// name no one.
bool CanAnswerPulse(const Principal& principal, IncidentRelation relation);

// The facilitator's material (questions at items, where beliefs differed, counterfactual cards,
// whose accounts cover each key moment): for the incident's facilitator, to ask in the meeting,
// and for no one else; never in an anonymised view, which is leadership's. Not even an admin:
// read by anyone else it becomes a score of people.
bool SeesFacilitation(IncidentRelation relation, bool anonymised);
Result<void> AuthorizeFacilitation(IncidentRelation relation, bool anonymised);

}  // namespace debrief::core
