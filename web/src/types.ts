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
}
