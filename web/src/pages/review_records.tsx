// The facilitator's part of the review: decision points, contributing factors, work as imagined
// vs. work as done, action items and lessons, each a RecordSection described by data, in the
// order the incident's review template gives, with the questions it asks.
import type { ComponentChildren } from "preact";
import { api } from "../api";
import { ExternalLink } from "../components/external_link";
import { Link } from "../components/link";
import { Markdown } from "../components/markdown";
import { Loading, Problem, Time } from "../components/status";
import { kSectionTitles, questionsOf, reviewPageSections } from "../review_template";
import type { Incident, Participant, ReviewAnswer, ReviewSectionName, ReviewTemplate } from "../types";
import { useLoad } from "../use_load";
import { type AnyRecord, RecordSection, type SectionSpec } from "./record_section";
import { NotInTemplate, SectionQuestions } from "./review_questions";

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
    section: "decisions",
    anchor: "decision",
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
    section: "factors",
    anchor: "factor",
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
    section: "work_as_done",
    anchor: "work_as_done",
    title: "Work as imagined vs. work as done",
    noun: "comparison",
    intro: "Where practice differed from the procedure, and why the difference made sense to the people doing the work.",
    empty: "Add a comparison where a runbook or procedure said one thing and people did another.",
    fields: [
      { name: "procedure", label: "Procedure or runbook", kind: "text" },
      { name: "prescribed", label: "What it prescribes", kind: "textarea" },
      { name: "done", label: "What was actually done", kind: "textarea" },
      { name: "why", label: "Why the difference made sense", kind: "textarea" },
      { name: "procedure_dated", label: "Procedure written or last changed", kind: "datetime",
        hint: "As quoted above; one dated after the incident began was not the rule people had" },
    ],
    render: (record, context) => (
      <>
        <p class="record__title">{text(record, "procedure")}</p>
        {typeof record.procedure_dated === "string" && (
          <p class="record__meta">
            Procedure dated <Time iso={record.procedure_dated} year />
            {context.incidentBegan && Date.parse(record.procedure_dated) > Date.parse(context.incidentBegan) && (
              <span class="badge badge--attention" title="This procedure was written or changed after the incident began: the people in it did not have it, so what they did is not to be judged against it.">
                judged against a rule they did not have
              </span>
            )}
          </p>
        )}
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
    section: "actions",
    anchor: "action",
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
    section: "lessons",
    anchor: "lesson",
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

// The review's sections in the order of the incident's template, each with the questions it
// asks. Summary, impact, timeline and accounts are written elsewhere (the overview, the accounts
// of the people involved) and shown here in their place; the record sections are written here.
export function ReviewRecords({ incident, participants, canWrite }: {
  incident: Incident;
  participants: Participant[];
  canWrite: boolean;
}) {
  const base = `/incidents/${encodeURIComponent(incident.key)}`;
  // A change of severity may change the template.
  const loaded = useLoad(async () => {
    const [template, answers] = await Promise.all([
      api.get<ReviewTemplate>(`${base}/template`),
      api.get<{ items: ReviewAnswer[] }>(`${base}/answers`),
    ]);
    return { template, answers: answers.items };
  }, `${incident.key}:${incident.severity}`);
  const data = loaded.data;
  if (loaded.error !== undefined) return <Problem error={loaded.error} retry={loaded.reload} />;
  if (!data) return <Loading what="the review's sections" />;

  const saved = (section: ReviewSectionName, question: string, answer: ReviewAnswer | undefined) => {
    const others = data.answers.filter((candidate) => candidate.section !== section || candidate.question !== question);
    loaded.set({ ...data, answers: answer ? [...others, answer] : others });
  };
  return (
    <div class="review-records">
      {reviewPageSections(data.template).map(({ section, questions, inTemplate }) => {
        const items = questionsOf(section, questions, data.answers);
        const asked = items.length > 0 && (
          <SectionQuestions incidentKey={incident.key} section={section} items={items} canWrite={canWrite}
            onSaved={(question, answer) => saved(section, question, answer)} onStale={loaded.reload} />
        );
        const holdsAnswers = items.some((item) => item.answer !== undefined);
        const spec = kSections.find((candidate) => candidate.section === section);
        if (spec) {
          return (
            <RecordSection key={section} spec={spec} incidentKey={incident.key} participants={participants} canWrite={canWrite}
              incidentBegan={incident.started_at ?? incident.detected_at}
              notInTemplate={!inTemplate} holdsAnswers={holdsAnswers}>
              {asked}
            </RecordSection>
          );
        }
        const text = section === "summary" ? incident.summary : section === "impact" ? incident.impact : "";
        if (!inTemplate && !holdsAnswers && !text.trim()) return null;
        return (
          <WrittenElsewhere key={section} section={section} incidentKey={incident.key} text={text} notInTemplate={!inTemplate}>
            {asked}
          </WrittenElsewhere>
        );
      })}
    </div>
  );
}

// A part of the review written on another tab: the summary and impact (shown here), the timeline
// and the accounts (linked).
function WrittenElsewhere({ section, incidentKey, text, notInTemplate, children }: {
  section: ReviewSectionName;
  incidentKey: string;
  text: string;
  notInTemplate: boolean;
  children: ComponentChildren;
}) {
  const base = `/incidents/${encodeURIComponent(incidentKey)}`;
  const titleId = `review-${section}-title`;
  let content: ComponentChildren;
  if (section === "timeline") {
    content = <p class="muted">Accounts and evidence merged in time order, with where they disagree: <Link href={`${base}/timeline`}>open the timeline</Link>.</p>;
  } else if (section === "accounts") {
    content = <p class="muted">What each person saw, did and expected, in their own words: <Link href={`${base}/accounts`}>read the accounts</Link>.</p>;
  } else if (text.trim()) {
    content = <Markdown text={text} />;
  } else {
    content = <p class="muted">Nothing written yet. The {section} is written on the <Link href={base}>overview</Link>.</p>;
  }
  return (
    <section class="card review-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{kSectionTitles[section]}</h2>
      {notInTemplate && <NotInTemplate />}
      {content}
      {children}
    </section>
  );
}
