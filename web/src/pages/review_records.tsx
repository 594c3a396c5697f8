// The facilitator's part of the review: decision points, contributing factors, work as imagined
// vs. work as done, action items and lessons, each a RecordSection described by data.
import { ExternalLink } from "../components/external_link";
import { Markdown } from "../components/markdown";
import { Time } from "../components/status";
import type { Participant } from "../types";
import { type AnyRecord, RecordSection, type SectionSpec } from "./record_section";

const kFactorCategories = [
  "detection_monitoring", "tooling_automation", "change_process", "documentation_runbooks",
  "communication_coordination", "capacity", "dependencies", "design", "knowledge_training",
  "organisational_pressure", "other",
];

const text = (record: AnyRecord, field: string) => String(record[field] ?? "");
const list = (record: AnyRecord, field: string) => (record[field] as string[] | undefined) ?? [];

// A long text field, drawn as Markdown under a short label when it has one.
function Prose({ record, field, label }: { record: AnyRecord; field: string; label?: string }) {
  const value = text(record, field);
  if (!value.trim()) return null;
  return (
    <div class="record__prose">
      {label && <p class="record__label">{label}</p>}
      <Markdown text={value} />
    </div>
  );
}

export const kSections: SectionSpec[] = [
  {
    collection: "decisions",
    title: "Decision points",
    noun: "decision point",
    intro: "Moments where someone chose between options. Record the situation as it looked then, not as we know it now.",
    empty: "Add a decision point for each moment someone chose between options: what they knew, what they weighed, why it made sense.",
    fields: [
      { name: "at", label: "When", kind: "datetime" },
      { name: "who", label: "Who (a role)", kind: "text", hint: "e.g. incident commander" },
      { name: "situation", label: "The situation as it looked then", kind: "textarea" },
      { name: "options", label: "Options considered", kind: "lines", hint: "One per line" },
      { name: "choice", label: "What was chosen", kind: "text" },
      { name: "rationale", label: "Why it made sense then", kind: "textarea" },
      { name: "pressures", label: "Pressures", kind: "lines", hint: "Time, competing goals, fatigue, ambiguous signals… one per line" },
    ],
    render: (record) => (
      <>
        <p class="record__title"><Time iso={text(record, "at")} /> · {text(record, "who") || "someone"} chose <strong>{text(record, "choice")}</strong></p>
        <Prose record={record} field="situation" />
        {list(record, "options").length > 0 && <p class="muted">Options: {list(record, "options").join(" · ")}</p>}
        <Prose record={record} field="rationale" label="Why it made sense then" />
        {list(record, "pressures").map((pressure) => <span class="tag">{pressure}</span>)}
      </>
    ),
  },
  {
    collection: "factors",
    title: "Contributing factors",
    noun: "contributing factor",
    intro: "Conditions of the system and the organisation that made the failure possible. Several, never one root cause, and never a person.",
    empty: "Add the conditions that made this possible, with evidence where there is some. The timeline's disagreements and gaps are good places to start.",
    groupBy: "category",
    fields: [
      { name: "category", label: "Category", kind: "select", options: kFactorCategories },
      { name: "text", label: "The condition", kind: "textarea" },
      { name: "evidence_links", label: "Evidence links", kind: "lines", hint: "One URL per line" },
    ],
    render: (record) => (
      <>
        <Prose record={record} field="text" />
        {list(record, "evidence_links").length > 0 && (
          <p class="record__links">
            <span class="muted">Evidence:</span>
            {list(record, "evidence_links").map((link) => <ExternalLink class="tag" url={link} />)}
          </p>
        )}
      </>
    ),
  },
  {
    collection: "work-as-done",
    title: "Work as imagined vs. work as done",
    noun: "comparison",
    intro: "Where practice differed from the procedure, and why the difference made sense to the people doing the work.",
    empty: "Add a comparison where a runbook or procedure said one thing and people did another.",
    fields: [
      { name: "procedure", label: "Procedure or runbook", kind: "text" },
      { name: "prescribed", label: "What it prescribes", kind: "textarea" },
      { name: "done", label: "What was actually done", kind: "textarea" },
      { name: "why", label: "Why the difference made sense", kind: "textarea" },
    ],
    render: (record) => (
      <>
        <p class="record__title">{text(record, "procedure")}</p>
        <div class="imagined-done">
          <div><h4>Imagined</h4>{text(record, "prescribed").trim() ? <Prose record={record} field="prescribed" /> : <p>—</p>}</div>
          <div><h4>Done</h4>{text(record, "done").trim() ? <Prose record={record} field="done" /> : <p>—</p>}</div>
        </div>
        <Prose record={record} field="why" label="Why the difference made sense" />
      </>
    ),
  },
  {
    collection: "actions",
    title: "Action items",
    noun: "action item",
    intro: "Follow-up work, owned by the people closest to it, each tied to the factors it addresses.",
    empty: "Add follow-up work with an owner and a due date; link it to the factors it addresses. Owners find it under My action items.",
    fields: [
      { name: "title", label: "Title", kind: "text" },
      { name: "owner_id", label: "Owner", kind: "person" },
      { name: "due_on", label: "Due", kind: "date" },
      { name: "priority", label: "Priority", kind: "select", options: ["medium", "high", "urgent", "low"] },
      { name: "status", label: "Status", kind: "select", options: ["open", "in_progress", "done", "wont_do"] },
      { name: "wont_do_reason", label: "Why it will not be done", kind: "text", hint: "Needed when the status is won't do" },
      { name: "kind", label: "Kind", kind: "select", options: ["prevent", "detect", "mitigate", "process", "learning"] },
      { name: "factor_ids", label: "Addresses these factors", kind: "factors" },
      { name: "tracker_url", label: "Tracker link", kind: "text", hint: "An http:// or https:// address" },
      { name: "description", label: "Description", kind: "textarea" },
    ],
    render: (record, context) => (
      <>
        <p class="record__title">{text(record, "title")}</p>
        <p class="record__meta">
          <span class={`badge badge--action-${text(record, "status")}`}>{text(record, "status").replace("_", " ")}</span>
          <span class="tag">{text(record, "priority")}</span>
          <span class="tag">{text(record, "kind")}</span>
          <span>Owner: {record.owner_id ? context.personName(record.owner_id) : "nobody yet"}</span>
          {record.due_on ? <span>Due {text(record, "due_on")}</span> : null}
          {text(record, "tracker_url") && (
            <span class="record__tracker">Tracker: <ExternalLink url={text(record, "tracker_url")} /></span>
          )}
        </p>
        {text(record, "status") === "wont_do" && text(record, "wont_do_reason") && (
          <p class="muted">Will not be done: {text(record, "wont_do_reason")}</p>
        )}
        <Prose record={record} field="description" />
        {((record.factor_ids as number[]) ?? []).map((id) => <p class="muted">Addresses: {context.factorText(id)}</p>)}
      </>
    ),
  },
  {
    collection: "lessons",
    title: "Lessons",
    noun: "lesson",
    intro: "Short points the rest of the organisation should take from this, credited to the people who saw them.",
    empty: "Add what others should take from this. Once the review is published, lessons appear in the library for everyone.",
    fields: [
      { name: "title", label: "Lesson", kind: "text" },
      { name: "body", label: "Explanation", kind: "textarea" },
      { name: "author_ids", label: "Credited to", kind: "people" },
    ],
    render: (record, context) => (
      <>
        <p class="record__title">{text(record, "title")}</p>
        <Prose record={record} field="body" />
        {((record.author_ids as number[]) ?? []).length > 0 && (
          <p class="muted">From {((record.author_ids as number[]) ?? []).map((id) => context.personName(id)).join(", ")}</p>
        )}
      </>
    ),
  },
];

export function ReviewRecords({ incidentKey, participants, canWrite }: {
  incidentKey: string;
  participants: Participant[];
  canWrite: boolean;
}) {
  return (
    <div class="review-records">
      {kSections.map((spec) => (
        <RecordSection key={spec.collection} spec={spec} incidentKey={incidentKey} participants={participants} canWrite={canWrite} />
      ))}
    </div>
  );
}
