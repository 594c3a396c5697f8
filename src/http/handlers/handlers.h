// Every non-template handler, by resource. Each is a function of the request Context; see
// router.cc for the routes that reach them.
#pragma once

#include "http/api.h"

namespace debrief::http::handlers {

// system.cc
core::Result<ApiResponse> Healthz(Context& context);
core::Result<ApiResponse> Readyz(Context& context);
core::Result<ApiResponse> MetricsText(Context& context);
core::Result<ApiResponse> OpenApi(Context& context);

// session.cc
core::Result<ApiResponse> SignIn(Context& context);
core::Result<ApiResponse> SignOut(Context& context);
core::Result<ApiResponse> GetMe(Context& context);
core::Result<ApiResponse> ListSignInMethods(Context& context);
core::Result<ApiResponse> StartProviderSignIn(Context& context);
core::Result<ApiResponse> FinishProviderSignIn(Context& context);
core::Result<ApiResponse> ScimServiceProviderConfig(Context& context);
core::Result<ApiResponse> ListScimUsers(Context& context);
core::Result<ApiResponse> CreateScimUser(Context& context);
core::Result<ApiResponse> GetScimUser(Context& context);
core::Result<ApiResponse> ReplaceScimUser(Context& context);
core::Result<ApiResponse> PatchScimUser(Context& context);
core::Result<ApiResponse> DeleteScimUser(Context& context);
core::Result<ApiResponse> GetIncidentAccess(Context& context);
core::Result<ApiResponse> PutIncidentAccess(Context& context);
core::Result<ApiResponse> ListGroups(Context& context);
core::Result<ApiResponse> ListScimGroups(Context& context);
core::Result<ApiResponse> CreateScimGroup(Context& context);
core::Result<ApiResponse> GetScimGroup(Context& context);
core::Result<ApiResponse> ReplaceScimGroup(Context& context);
core::Result<ApiResponse> PatchScimGroup(Context& context);
core::Result<ApiResponse> DeleteScimGroup(Context& context);
core::Result<ApiResponse> CreateMyToken(Context& context);
core::Result<ApiResponse> ListMyTokens(Context& context);
core::Result<ApiResponse> ListImports(Context& context);
// audiences.cc
core::Result<ApiResponse> ListAudienceMemberships(Context& context);
core::Result<ApiResponse> SetAudienceMembers(Context& context);
core::Result<ApiResponse> ListReviewTemplates(Context& context);
core::Result<ApiResponse> PutReviewTemplate(Context& context);
core::Result<ApiResponse> DeleteReviewTemplate(Context& context);
core::Result<ApiResponse> GetIncidentTemplate(Context& context);
core::Result<ApiResponse> ImportPostmortems(Context& context);
core::Result<ApiResponse> UndoImport(Context& context);
core::Result<ApiResponse> ListMyNotifications(Context& context);
core::Result<ApiResponse> MarkMyNotificationsRead(Context& context);
core::Result<ApiResponse> GetMyNotificationSettings(Context& context);
core::Result<ApiResponse> PutMyNotificationSettings(Context& context);
core::Result<ApiResponse> ListAllTokens(Context& context);
core::Result<ApiResponse> RevokeToken(Context& context);

// users.cc (admins)
core::Result<ApiResponse> ListUsers(Context& context);
// Everyone may see who else uses debrief (id and name only), to add them to an incident.
core::Result<ApiResponse> ListDirectory(Context& context);

// export.cc
core::Result<ApiResponse> ExportIncident(Context& context);
core::Result<ApiResponse> ExportPublishedVersion(Context& context);

// publish.cc
core::Result<ApiResponse> GetPublishCheck(Context& context);
core::Result<ApiResponse> PublishReview(Context& context);
core::Result<ApiResponse> DismissPublishFinding(Context& context);
core::Result<ApiResponse> ListPublishedVersions(Context& context);
core::Result<ApiResponse> GetPublishedVersion(Context& context);
core::Result<ApiResponse> DiffPublishedVersions(Context& context);

// review.cc
core::Result<ApiResponse> GetReview(Context& context);
core::Result<ApiResponse> RequestReview(Context& context);
core::Result<ApiResponse> DecideReview(Context& context);
core::Result<ApiResponse> ReopenReview(Context& context);

// comments.cc
core::Result<ApiResponse> ListComments(Context& context);
core::Result<ApiResponse> CreateComment(Context& context);
core::Result<ApiResponse> PatchComment(Context& context);
core::Result<ApiResponse> DeleteComment(Context& context);

// review_rules.cc
core::Result<ApiResponse> ListReviewRules(Context& context);
core::Result<ApiResponse> PutReviewRule(Context& context);
core::Result<ApiResponse> DeleteReviewRule(Context& context);

// webhooks.cc (admins)
core::Result<ApiResponse> ListWebhooks(Context& context);
core::Result<ApiResponse> ListAlertHooks(Context& context);
core::Result<ApiResponse> CreateAlertHook(Context& context);
core::Result<ApiResponse> GetAlertHook(Context& context);
core::Result<ApiResponse> PatchAlertHook(Context& context);
core::Result<ApiResponse> DeleteAlertHook(Context& context);
core::Result<ApiResponse> ReplaceAlertHookToken(Context& context);
core::Result<ApiResponse> ReceiveAlertmanager(Context& context);
core::Result<ApiResponse> CreateWebhook(Context& context);
core::Result<ApiResponse> GetWebhook(Context& context);
core::Result<ApiResponse> PatchWebhook(Context& context);
core::Result<ApiResponse> DeleteWebhook(Context& context);
core::Result<ApiResponse> ListWebhookDeliveries(Context& context);
core::Result<ApiResponse> RetryWebhookDelivery(Context& context);
core::Result<ApiResponse> PingWebhook(Context& context);

// library.cc
core::Result<ApiResponse> SearchLibrary(Context& context);
core::Result<ApiResponse> SearchLessons(Context& context);
core::Result<ApiResponse> RelatedIncidents(Context& context);
core::Result<ApiResponse> LibraryOnThisDay(Context& context);
core::Result<ApiResponse> LibraryFeed(Context& context);

// language.cc
core::Result<ApiResponse> LintText(Context& context);
core::Result<ApiResponse> ListLintRules(Context& context);
core::Result<ApiResponse> DismissFinding(Context& context);
core::Result<ApiResponse> ListDismissals(Context& context);
core::Result<ApiResponse> ClearDismissals(Context& context);
core::Result<ApiResponse> ListAllowEntries(Context& context);
core::Result<ApiResponse> AddAllowEntry(Context& context);
core::Result<ApiResponse> DeleteAllowEntry(Context& context);
core::Result<ApiResponse> CreateUser(Context& context);
core::Result<ApiResponse> PatchUser(Context& context);
core::Result<ApiResponse> ErasePerson(Context& context);
core::Result<ApiResponse> ListAudit(Context& context);

// incidents.cc
core::Result<ApiResponse> ListIncidents(Context& context);
core::Result<ApiResponse> CreateIncident(Context& context);
core::Result<ApiResponse> GetIncident(Context& context);
core::Result<ApiResponse> GetIncidentPage(Context& context);
core::Result<ApiResponse> PatchIncident(Context& context);

// accounts.cc
core::Result<ApiResponse> ListAccounts(Context& context);
core::Result<ApiResponse> CreateAccount(Context& context);
core::Result<ApiResponse> GetAccount(Context& context);
core::Result<ApiResponse> PatchAccount(Context& context);
core::Result<ApiResponse> WithdrawAccount(Context& context);
core::Result<ApiResponse> CreateEntry(Context& context);
core::Result<ApiResponse> PatchEntry(Context& context);
core::Result<ApiResponse> DeleteEntry(Context& context);

// timeline.cc
core::Result<ApiResponse> GetTimeline(Context& context);
core::Result<ApiResponse> GetFacilitation(Context& context);
core::Result<ApiResponse> GetPulse(Context& context);
core::Result<ApiResponse> ImportOnCalls(Context& context);
core::Result<ApiResponse> AnswerPulse(Context& context);
core::Result<ApiResponse> GetPulseSummary(Context& context);
// timeline_import.cc
core::Result<ApiResponse> ImportTimelineEvents(Context& context);

// actions.cc
core::Result<ApiResponse> ListActionsAcrossIncidents(Context& context);

}  // namespace debrief::http::handlers
