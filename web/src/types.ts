// The shapes the debrief API returns (see /api/v1/openapi.json).

export type Role = "viewer" | "member" | "admin";

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  csrf_token?: string;
}

export interface Record {
  id: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface Metrics {
  time_to_detect_seconds: number | null;
  time_to_mitigate_seconds: number | null;
  time_to_resolve_seconds: number | null;
}

export type IncidentStatus = "investigating" | "mitigated" | "resolved";

export interface Incident extends Record {
  key: string;
  title: string;
  summary: string;
  severity: string;
  status: IncidentStatus;
  review_status: string;
  services: string[];
  tags: string[];
  started_at: string | null;
  detected_at: string | null;
  mitigated_at: string | null;
  resolved_at: string | null;
  impact: string;
  facilitator_id: number | null;
  created_by: number;
  metrics: Metrics;
  review_due_on: string | null;
  review_overdue: boolean;
}

export interface Participant extends Record {
  user_id: number | null;
  name: string;
  role: string;
}

export type Visibility = "private" | "shared" | "in_review" | "withdrawn";

export interface Entry extends Record {
  account_id: number;
  at: string;
  uncertainty_minutes: number | null;
  did: string;
  saw: string;
  expected: string;
  assumed: string;
  looking_at: string;
  same_as: string[];
  seen_event_ids: number[];
}

export interface Account extends Record {
  participant_id: number;
  author_id: number;
  narrative: string;
  visibility: Visibility;
  entries: Entry[];
}

export interface TimelineEvent extends Record {
  at: string;
  kind: string;
  text: string;
  actor: string;
  source: string;
  evidence_links: string[];
  visible_to: string[];
  // A key moment of the incident: marked on the timeline, kept by the short export.
  starred: boolean;
  // Set by the server when an imported event's text was corrected: what its source wrote.
  original_text: string;
  // The import that added it, if one did.
  import_id: number | null;
}

export interface TimelineItem {
  ref: string;
  lane: string;
  at: string;
  uncertainty_seconds: number;
  group: number;
  type: "entry" | "event";
  participant_id?: number;
  account_id?: number;
  entry?: Entry;
  event?: TimelineEvent;
  known?: boolean;
}

export interface Discrepancy {
  kind: "times_disagree" | "seen_before_it_happened";
  refs: [string, string];
  difference_seconds: number;
  allowed_seconds: number;
  explanation: string;
}

export interface Gap {
  from: string;
  to: string;
  seconds: number;
}

export interface Lane {
  id: string;
  label: string;
  role?: string;
}

export interface Timeline {
  incident: string;
  items: TimelineItem[];
  groups: { start: string; end: string; refs: string[] }[];
  discrepancies: Discrepancy[];
  gaps: Gap[];
  lanes: Lane[];
  metrics: Metrics;
  // Members and admins only.
  suggestions?: TimelineSuggestions;
}

export interface TimelineSuggestions {
  key_moments: { field: "detected_at" | "resolved_at"; at: string; ref: string; reason: string }[];
  links: { entry_ref: string; event_ref: string; shared: string; apart_seconds: number }[];
}

// An API token as listed (never its secret, which only the answer to its creation holds).
export interface ApiToken {
  id: number;
  user_id: number;
  name: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  state: "active" | "expired" | "revoked";
  // GET /tokens (admins): whose it is.
  user?: { name: string; email: string };
}

export const kEventKinds = ["observation", "alert", "action", "decision", "communication", "change", "impact", "other"] as const;

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

// POST /incidents/{key}/timeline/import: what was (or, with dry_run, would be) imported.
export interface TimelineImportResult {
  format: string;
  dry_run: boolean;
  events: number;
  added: number;
  skipped: number;
  shortened: number;
  preview: { at: string; kind: string; actor: string; text: string; source: string; evidence_links: string[] }[];
  // A Slack export's channels, to choose the one to import.
  channels?: string[];
}

// GET /incidents/{key}/imports: one import, undone whole (DELETE .../imports/{id}) until the
// review is published.
export interface EventImport {
  id: number;
  format: string;
  // The file's name, or "pasted text".
  name: string;
  created_by: number | null;
  created_at: string;
  added: number;
  // Already on the timeline when it was imported.
  skipped: number;
  undone_at: string | null;
  undone_by: number | null;
  // How many events undoing it took away.
  removed: number;
}

export type NotificationKind =
  | "added_to_incident" | "review_requested" | "account_released" | "mentioned"
  | "action_due" | "action_overdue" | "review_overdue";

// GET /me/notifications: a sentence and a link, never an account's or a comment's words.
export interface Notification {
  id: number;
  kind: NotificationKind | string;
  incident_key: string;
  title: string;
  next_step: string;
  // A UI path to open, perhaps with a #fragment (/incidents/KEY/review#comment-12).
  path: string;
  created_at: string;
  read_at: string | null;
}

export interface NotificationPage {
  items: Notification[];
  unread: number;
  // Pass as ?before= for the next (older) page; null on the last.
  next_before: number | null;
}

export type ChatFormat = "slack" | "mattermost" | "teams";

// GET|PUT /me/notification-settings. In-app notifications are always on.
export interface NotificationSettings {
  // 0 until they are first saved (then PUT with If-None-Match: *).
  version: number;
  email_kinds: string[];
  chat_kinds: string[];
  // The hour (UTC) of a daily digest; null for one e-mail per notification.
  email_digest_hour: number | null;
  chat_webhook_url: string;
  chat_format: ChatFormat;
  // Read only: every kind, whether this server can send e-mail, and where chat webhooks may point.
  kinds: string[];
  email_available: boolean;
  chat_hosts: string[];
}

// The parts of a review, in the order a review without a template shows them.
export const kReviewSections = [
  "summary", "impact", "timeline", "accounts", "decisions", "factors", "work_as_done", "actions", "lessons",
] as const;
export type ReviewSectionName = (typeof kReviewSections)[number];

export interface TemplateSection {
  section: ReviewSectionName;
  // Asked in this section, in order, each with an answer of its own.
  questions: string[];
}

// GET /review-templates (items, built_in) and GET /incidents/{key}/template: how a review is
// written. A section not listed is not shown.
export interface ReviewTemplate {
  // A severity of the scale, or "default" for every severity without a template of its own.
  severity: string;
  // 0 for the built-in template, which is never stored.
  version: number;
  sections: TemplateSection[];
}

// /incidents/{key}/answers: one answer per question of a section. It keeps the question's words,
// so it still reads right after the template changes.
export interface ReviewAnswer extends Record {
  section: ReviewSectionName;
  question: string;
  // Markdown.
  answer: string;
}

// POST /postmortems/import: one Markdown file, as read (dry_run) or as it became once imported.
export interface PostmortemRead {
  name: string;
  title: string;
  date: string | null;
  timeline_rows: number;
  // Rows with a day and time, which become timeline events; the others stay in the file's text.
  placed_rows: number;
  factors: number;
  action_items: number;
  lessons: number;
  // Once imported: the incident it became, and whether it had been imported before.
  key?: string;
  already_there?: boolean;
}

// A file of a dry run that does not read: the server's message names the file and the line
// ("bad.md:3: the front matter is not valid YAML (…)").
export interface PostmortemUnreadable {
  name: string;
  error: string;
}

export type PostmortemItem = PostmortemRead | PostmortemUnreadable;

// POST /postmortems/import: what each Markdown file holds or why it does not read (dry_run), or
// what each became (an import stores every file or none, so all of them read).
export interface PostmortemImportResult {
  dry_run: boolean;
  items: PostmortemItem[];
  // Incidents added (not counting files imported before).
  added: number;
}
