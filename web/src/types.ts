// The shapes the debrief API takes and answers, named for the UI. They are generated from the
// server's OpenAPI document (docs/openapi.json → src/api_schema.ts, by `npm run api-types`, which
// the build runs first): a field renamed on the server breaks this build, not a user's page. Only
// `Record` (what every record has) and `Page` (a list's envelope) are written here, for code
// that handles any record.
import type { components } from "./api_schema";

type Schemas = components["schemas"];

export type Role = Schemas["Role"];
// What erasing a person changed (POST /users/{id}/erasure).
export type ErasureReport = Schemas["ErasureReport"];
// The signed-in user (GET /me), with the CSRF token when signed in by cookie.
export type User = Schemas["Me"];
export type Person = Schemas["User"];

// What every record of an incident has.
export interface Record {
  id: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export type Metrics = Schemas["Metrics"];
export type IncidentStatus = Schemas["IncidentStatus"];
export type Incident = Schemas["Incident"];
export type IncidentCreate = Schemas["IncidentCreate"];
export type IncidentPatch = Schemas["IncidentPatch"];
export type Participant = Schemas["Participant"];
export type Visibility = Schemas["AccountVisibility"];
export type Entry = Schemas["AccountEntry"];
export type Account = Schemas["Account"];
export type AccountPatch = Schemas["AccountPatch"];
export type TimelineEvent = Schemas["TimelineEvent"];
export type DecisionPoint = Schemas["DecisionPoint"];
export type ContributingFactor = Schemas["ContributingFactor"];
export type WorkAsDone = Schemas["WorkAsDone"];
export type ActionItem = Schemas["ActionItem"];
export type Lesson = Schemas["Lesson"];
export type Comment = Schemas["Comment"];
export type Finding = Schemas["Finding"];

export type TimelineItem = Schemas["TimelineItem"];
export type Discrepancy = Schemas["Discrepancy"];
export type Gap = Schemas["Gap"];
export type Lane = Schemas["Lane"];
export type Timeline = Schemas["Timeline"];
export type TimelineSuggestions = Schemas["TimelineSuggestions"];

// An API token as listed (never its secret, which only the answer to its creation holds).
export type ApiToken = Schemas["ApiToken"];
export type NewToken = Schemas["NewToken"];

export type EventKind = Schemas["EventKind"];
export const kEventKinds = [
  "observation", "alert", "action", "decision", "communication", "change", "impact", "other",
] as const satisfies readonly EventKind[];

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

export type TimelineImportResult = Schemas["TimelineImportResult"];
export type EventImport = Schemas["EventImport"];
export type AudienceMembership = Schemas["AudienceMembership"];
export type Facilitation = Schemas["Facilitation"];
export type Pulse = Schemas["Pulse"];
export type OnCallImportResult = Schemas["OnCallImportResult"];
export type PulseSummary = Schemas["PulseSummary"];
export type IncidentPageData = Schemas["IncidentPage"];

export type NotificationKind = Schemas["NotificationKind"];
export type Notification = Schemas["Notification"];
export type NotificationPage = Schemas["NotificationPage"];
export type ChatFormat = Schemas["ChatFormat"];
export type NotificationSettings = Schemas["NotificationSettings"];

// The parts of a review, in the order a review without a template shows them.
export const kReviewSections = [
  "summary", "impact", "timeline", "accounts", "decisions", "factors", "work_as_done", "actions", "lessons",
] as const satisfies readonly Schemas["ReviewSection"][];
export type ReviewSectionName = Schemas["ReviewSection"];
export type TemplateSection = Schemas["TemplateSection"];
export type ReviewTemplate = Schemas["ReviewTemplate"];
export type ReviewTemplates = Schemas["ReviewTemplates"];
export type ReviewAnswer = Schemas["ReviewAnswer"];

export type ReviewState = Schemas["ReviewState"];
export type Reviewer = Schemas["Reviewer"];
export type PublishCheck = Schemas["PublishCheck"];
export type PublishedVersion = Schemas["PublishedVersionSummary"];
export type VersionDiff = Schemas["VersionDiff"];
export type VersionChange = VersionDiff["changes"][number];

export type LibraryHit = Schemas["LibraryHit"];
export type SnippetPart = Schemas["SnippetPart"];
export type ValueCount = Schemas["ValueCount"];
export type LibrarySearchResult = Schemas["LibrarySearchResult"];
export type LibraryLessons = Schemas["LibraryLessons"];
export type LessonItem = LibraryLessons["items"][number];
export type ActionAcross = Schemas["ActionItemAcross"];
export type DirectoryEntry = Schemas["Directory"]["items"][number];

export type PostmortemRead = Schemas["PostmortemRead"];
// A file of a dry run that does not read: the server's message names the file and the line.
export type PostmortemUnreadable = Schemas["PostmortemUnreadable"];
export type PostmortemItem = PostmortemRead | PostmortemUnreadable;
export type PostmortemImportResult = Schemas["PostmortemImportResult"];
export type DismissalReport = Schemas["DismissalReport"];
export type AllowEntry = Schemas["AllowEntry"];
export type AllowEntryList = Schemas["AllowEntryList"];
