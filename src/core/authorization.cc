#include "core/authorization.h"

#include <algorithm>

namespace debrief::core {

Result<void> Authorize(const Principal* principal, Permission permission) {
  if (permission == Permission::kPublic) return Ok();
  if (principal == nullptr) {
    return Error::Unauthenticated("sign in, or send an API token as 'Authorization: Bearer ...'");
  }
  switch (permission) {
    case Permission::kPublic:
    case Permission::kRead:
      return Ok();
    case Permission::kWrite:
      if (principal->role == Role::kViewer) {
        return Error::PermissionDenied("viewers can read but not change reviews");
      }
      return Ok();
    case Permission::kAdmin:
      if (principal->role != Role::kAdmin) {
        return Error::PermissionDenied("only admins can do this");
      }
      return Ok();
    case Permission::kAlertHook:
      return Error::PermissionDenied("only an alert hook's token opens this");
    case Permission::kProvisioning:
      return Error::PermissionDenied("only the provisioning token opens this");
  }
  return Error::PermissionDenied("unknown permission");
}

bool SeesAnonymised(const Principal& principal, bool requested) {
  return principal.role == Role::kViewer || requested;
}

IncidentRelation RelationTo(const Principal& principal, const Incident& incident,
                            std::span<const Participant> participants) {
  IncidentRelation relation;
  relation.is_facilitator = incident.facilitator_id == principal.user_id;
  relation.is_participant = std::any_of(
      participants.begin(), participants.end(),
      [&](const Participant& participant) { return participant.user_id == principal.user_id; });
  return relation;
}

bool CanSeeRestrictedIncident(const Principal& principal, std::span<const int64_t> group_ids,
                              const RestrictedIncident& incident) {
  auto holds = [](const std::vector<int64_t>& ids, int64_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  if (principal.user_id == 0) return false;  // Nobody's credentials (a provider, a hook).
  if (incident.created_by == principal.user_id) return true;
  if (incident.facilitator_id == principal.user_id) return true;
  if (holds(incident.participant_user_ids, principal.user_id)) return true;
  if (holds(incident.readers.user_ids, principal.user_id)) return true;
  return std::any_of(group_ids.begin(), group_ids.end(),
                     [&](int64_t group) { return holds(incident.readers.group_ids, group); });
}

Result<void> AuthorizeAccessChange(const Principal& principal, const RestrictedIncident& incident) {
  bool own =
      principal.user_id != 0 &&
      (incident.created_by == principal.user_id || incident.facilitator_id == principal.user_id ||
       std::find(incident.participant_user_ids.begin(), incident.participant_user_ids.end(),
                 principal.user_id) != incident.participant_user_ids.end());
  if (own) return Ok();
  return Error::PermissionDenied(
      "only the incident's own people (who opened it, its facilitator, its participants) decide "
      "who may read it");
}

bool CanReadAccount(const Principal& principal, const Account& account, IncidentRelation relation) {
  if (account.author_id == principal.user_id) return true;
  switch (account.visibility) {
    case AccountVisibility::kPrivate:
    case AccountVisibility::kWithdrawn:
      return false;
    case AccountVisibility::kShared:
      return principal.role != Role::kViewer &&
             (relation.is_participant || relation.is_facilitator);
    case AccountVisibility::kInReview:
      return true;
  }
  return false;
}

Result<void> AuthorizeAccountRead(const Principal& principal, const Account& account,
                                  IncidentRelation relation) {
  if (CanReadAccount(principal, account, relation)) return Ok();
  // Not "permission denied": whether a private account exists is itself private.
  return Error::NotFound("no account " + std::to_string(account.id) + " on this incident");
}

Result<void> AuthorizeAccountWrite(const Principal& principal, const Account& account) {
  if (account.author_id == principal.user_id && principal.role != Role::kViewer) return Ok();
  return Error::PermissionDenied("only the author of an account can change it");
}

Result<const Reviewer*> AuthorizeReviewDecision(const Principal& principal,
                                                std::span<const Reviewer> reviewers) {
  if (principal.role != Role::kViewer) {
    for (const Reviewer& reviewer : reviewers) {
      if (reviewer.user_id == principal.user_id) return &reviewer;
    }
  }
  return Error::PermissionDenied("only the people asked to review this incident can decide on it");
}

Result<void> AuthorizeCommentWrite(const Principal& principal, const ReviewComment& comment,
                                   bool changes_words) {
  if (principal.role == Role::kViewer) {
    return Error::PermissionDenied("viewers can read but not change reviews");
  }
  if (changes_words && comment.author_id != principal.user_id) {
    return Error::PermissionDenied("only the author of a comment can change its words");
  }
  return Ok();
}

Result<void> AuthorizeCommentDelete(const Principal& principal, const ReviewComment& comment) {
  if (comment.author_id == principal.user_id && principal.role != Role::kViewer) return Ok();
  if (principal.role == Role::kAdmin) return Ok();
  return Error::PermissionDenied("only the author of a comment, or an admin, can delete it");
}

Result<void> AuthorizeTokenManagement(const Principal& principal, const ApiToken& token) {
  if (token.user_id == principal.user_id || principal.role == Role::kAdmin) return Ok();
  // Not found rather than forbidden: whose tokens exist is no one else's business.
  return Error::NotFound("you have no API token " + std::to_string(token.id));
}

Result<std::optional<int64_t>> AuthorizeTokenListing(const Principal& principal,
                                                     std::optional<int64_t> requested_user) {
  if (principal.role == Role::kAdmin) return requested_user;
  if (requested_user && *requested_user != principal.user_id) {
    return Error::PermissionDenied("only admins list other people's API tokens");
  }
  return std::optional<int64_t>(principal.user_id);
}

Result<void> AuthorizeReviewer(const Principal& caller, const User& candidate) {
  if (candidate.id == caller.user_id) {
    return Error::InvalidArgument("ask someone else to review: a review is a second pair of eyes",
                                  "reviewers");
  }
  if (candidate.disabled || candidate.role == Role::kViewer) {
    return Error::InvalidArgument(candidate.name +
                                      (candidate.disabled ? " is disabled" : " is a viewer") +
                                      " and cannot review; reviewers are members or admins",
                                  "reviewers");
  }
  return Ok();
}

bool SeesTimelineSuggestions(const Principal& principal) { return principal.role != Role::kViewer; }

bool CanAnswerPulse(const Principal& principal, IncidentRelation relation) {
  return relation.is_participant && principal.role != Role::kViewer;
}

bool SeesFacilitation(IncidentRelation relation, bool anonymised) {
  return relation.is_facilitator && !anonymised;
}

Result<void> AuthorizeFacilitation(IncidentRelation relation, bool anonymised) {
  if (anonymised) {
    return Error::PermissionDenied(
        "the facilitator's questions are not part of an anonymised view");
  }
  if (!relation.is_facilitator) {
    return Error::PermissionDenied(
        "only the incident's facilitator sees the facilitator's questions; who facilitates is "
        "set on the incident's People (facilitator_id)");
  }
  return Ok();
}

}  // namespace debrief::core
