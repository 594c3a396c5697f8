import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { ConflictDialog } from "../components/conflict_dialog";
import { Field } from "../components/field";
import { Link } from "../components/link";
import { Time } from "../components/status";
import { changedFields, mergeFields } from "../conflict";
import { formatDuration, fromLocalInput, toLocalInput, viewerZone } from "../time";
import type { Incident, Participant } from "../types";
import { PeopleEditor } from "./people_editor";
import { ProseInput } from "../components/prose_input";
import { ExportLinks } from "../components/export_links";
import { Markdown } from "../components/markdown";
import { RelatedReviews } from "./library";
import { IncidentAccess } from "./incident_access";

const kEditable = ["title", "summary", "impact", "severity", "kind", "status", "started_at", "detected_at",
  "mitigated_at", "resolved_at"] as const;
type Editable = Pick<Incident, (typeof kEditable)[number]>;
const kFields = [...kEditable] as (keyof Editable)[];

function editableOf(incident: Incident): Editable {
  const editable = {} as { [name: string]: unknown };
  for (const field of kEditable) editable[field] = incident[field];
  return editable as unknown as Editable;
}

const kKeyTimes = [
  { field: "started_at", label: "Started" },
  { field: "detected_at", label: "Detected" },
  { field: "mitigated_at", label: "Mitigated" },
  { field: "resolved_at", label: "Resolved" },
] as const;

interface Conflict {
  theirs: Incident;
  merged: Editable;
  fields: (keyof Editable)[];
  mine: Editable;
}

export function IncidentOverview({ incident, participants, canWrite, accountCount, onChange, onPeopleChange }: {
  incident: Incident;
  participants: Participant[];
  canWrite: boolean;
  // How many accounts the reader may read (their own among them).
  accountCount: number;
  onChange: (incident: Incident) => void;
  onPeopleChange: () => void;
}) {
  const [editing, setEditing] = useState<Editable | undefined>();
  // What is being edited: the whole overview (the summary's Edit) or only the key times.
  const [scope, setScope] = useState<"all" | "times">("all");
  const [base, setBase] = useState<Incident>(incident);
  const [error, setError] = useState<ApiError | undefined>();
  const [conflict, setConflict] = useState<Conflict | undefined>();
  const [saving, setSaving] = useState(false);

  function startEditing(what: "all" | "times" = "all") {
    setBase(incident);
    setEditing(editableOf(incident));
    setScope(what);
    setError(undefined);
  }

  async function save(values: Editable, against: Incident) {
    setSaving(true);
    setError(undefined);
    try {
      const changes = changedFields(editableOf(against), values, kFields);
      const saved = Object.keys(changes).length
        ? await api.patch<Incident>(`/incidents/${incident.key}`, changes, against.version)
        : against;
      onChange(saved);
      setEditing(undefined);
      setConflict(undefined);
    } catch (reason) {
      if (reason instanceof ApiError && reason.status === 412) {
        // Someone saved first: show what they changed and merge instead of overwriting.
        const theirs = await api.get<Incident>(`/incidents/${incident.key}`);
        const result = mergeFields(editableOf(base), values, editableOf(theirs), kFields);
        setConflict({ theirs, merged: result.merged, fields: result.conflicts, mine: values });
      } else {
        setError(reason instanceof ApiError ? reason : undefined);
      }
    } finally {
      setSaving(false);
    }
  }

  const metrics = incident.metrics;
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title" class="visually-hidden">Overview</h2>
      {conflict && (
        <ConflictDialog
          conflict={{ mine: conflict.mine, theirs: editableOf(conflict.theirs), merged: conflict.merged, fields: conflict.fields }}
          onResolve={(values) => { setBase(conflict.theirs); void save(values, conflict.theirs); }}
          onReload={() => { onChange(conflict.theirs); setConflict(undefined); setEditing(undefined); }}
        />
      )}
      <div class="overview-grid">
        <div class="overview-main">
        <div class="card">
          {editing && scope === "all" ? (
            <form class="form" onSubmit={(event) => { event.preventDefault(); void save(editing, base); }}>
              {error && !error.errors.length && <p class="alert alert--error" role="alert">{error.detail}</p>}
              <Field id="edit-title" label="Title" error={error?.forField("title")}>
                <input id="edit-title" value={editing.title} onInput={(event) => setEditing({ ...editing, title: event.currentTarget.value })} />
              </Field>
              <div class="form__row">
                <Field id="edit-severity" label="Severity" error={error?.forField("severity")}>
                  <select id="edit-severity" value={editing.severity} onChange={(event) => setEditing({ ...editing, severity: event.currentTarget.value })}>
                    {["SEV1", "SEV2", "SEV3", "SEV4"].map((level) => <option value={level}>{level}</option>)}
                  </select>
                </Field>
                <Field id="edit-kind" label="What happened" error={error?.forField("kind")}>
                  <select id="edit-kind" value={editing.kind} onChange={(event) => setEditing({ ...editing, kind: event.currentTarget.value as Incident["kind"] })}>
                    <option value="incident">An incident</option>
                    <option value="near_miss">A near miss</option>
                  </select>
                </Field>
                <Field id="edit-status" label="Status" error={error?.forField("status")}>
                  <select id="edit-status" value={editing.status} onChange={(event) => setEditing({ ...editing, status: event.currentTarget.value as Incident["status"] })}>
                    {["investigating", "mitigated", "resolved"].map((status) => <option value={status}>{status}</option>)}
                  </select>
                </Field>
              </div>
              <div class="form__row">
                {(["started_at", "detected_at", "mitigated_at", "resolved_at"] as const).map((field) => (
                  <Field id={`edit-${field}`} label={field.replace("_at", "").replace(/^./, (c) => c.toUpperCase())} error={error?.forField(field)}>
                    <input id={`edit-${field}`} type="datetime-local" value={toLocalInput(editing[field])}
                      onInput={(event) => setEditing({ ...editing, [field]: fromLocalInput(event.currentTarget.value) })} />
                  </Field>
                ))}
              </div>
              <Field id="edit-summary" label="Summary" hint="Markdown." error={error?.forField("summary")}>
                <ProseInput id="edit-summary" rows={4} value={editing.summary} describedBy="edit-summary-hint"
                  onValue={(summary) => setEditing({ ...editing, summary })} />
              </Field>
              <Field id="edit-impact" label="Impact" hint="Markdown." error={error?.forField("impact")}>
                <ProseInput id="edit-impact" rows={3} value={editing.impact} describedBy="edit-impact-hint"
                  onValue={(impact) => setEditing({ ...editing, impact })} />
              </Field>
              <div class="form__actions">
                <button class="button button--primary" type="submit" disabled={saving}>{saving ? "Saving…" : "Save"}</button>
                <button class="button" type="button" onClick={() => setEditing(undefined)}>Cancel</button>
              </div>
            </form>
          ) : (
            <>
              <div class="card__header">
                <h3>Summary</h3>
                {canWrite && !editing && <button class="button" type="button" onClick={() => startEditing()}>Edit</button>}
              </div>
              {incident.summary.trim() ? <Markdown text={incident.summary} /> : <p class="muted">No summary yet.</p>}
              <h3>Impact</h3>
              {incident.impact.trim() ? <Markdown text={incident.impact} /> : <p class="muted">Not described yet.</p>}
            </>
          )}
        </div>
        {accountCount === 0 && <NoAccountsYet incidentKey={incident.key} canWrite={canWrite} />}
        </div>
        <aside class="card">
          <div class="card__header">
            <h3 id="key-times-title">Key times</h3>
            {canWrite && !editing && (
              <button class="button" type="button" onClick={() => startEditing("times")}>Edit key times</button>
            )}
          </div>
          {editing && scope === "times" ? (
            <KeyTimesForm editing={editing} error={error} saving={saving} onChange={setEditing}
              onSave={() => void save(editing, base)} onCancel={() => setEditing(undefined)} />
          ) : (
            <dl class="key-times" aria-labelledby="key-times-title">
              <div><dt>Started</dt><dd><Time iso={incident.started_at} none="not set" /></dd></div>
              <div><dt>Detected</dt><dd><Time iso={incident.detected_at} none="not set" /> {metrics.time_to_detect_seconds !== null && <span class="metric" title="Time to detect">TTD {formatDuration(metrics.time_to_detect_seconds)}</span>}</dd></div>
              <div><dt>Mitigated</dt><dd><Time iso={incident.mitigated_at} none="not set" /> {metrics.time_to_mitigate_seconds !== null && <span class="metric" title="Time to mitigate">TTM {formatDuration(metrics.time_to_mitigate_seconds)}</span>}</dd></div>
              <div><dt>Resolved</dt><dd><Time iso={incident.resolved_at} none="not set" /> {metrics.time_to_resolve_seconds !== null && <span class="metric" title="Time to resolve">TTR {formatDuration(metrics.time_to_resolve_seconds)}</span>}</dd></div>
            </dl>
          )}
          {canWrite && !editing && kKeyTimes.some(({ field }) => !incident[field]) && (
            <p class="muted key-times__hint">Missing a time? Add it with <strong>Edit key times</strong>, or take one the timeline suggests from imported alerts. Time to detect, mitigate and resolve follow from them.</p>
          )}
          <PeopleEditor incident={incident} participants={participants} canWrite={canWrite}
            onIncidentChange={onChange} onPeopleChange={onPeopleChange} />
          <IncidentAccess incident={incident} canWrite={canWrite} onChange={onPeopleChange} />
          <ExportLinks incidentKey={incident.key} />
          <RelatedReviews incidentKey={incident.key} />
        </aside>
      </div>
    </section>
  );
}

// The four key times on their own, edited where people read them.
function KeyTimesForm({ editing, error, saving, onChange, onSave, onCancel }: {
  editing: Editable;
  error: ApiError | undefined;
  saving: boolean;
  onChange: (values: Editable) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  const first = useRef<HTMLInputElement>(null);
  // Before the browser paints the form: focus is on its first field from the moment it shows.
  useLayoutEffect(() => first.current?.focus(), []);
  return (
    <form class="form key-times-form" aria-label="Key times" onSubmit={(event) => { event.preventDefault(); onSave(); }}>
      <p class="field__hint" id="key-times-zone">In your time zone ({viewerZone()}). Leave a time empty if it is not known.</p>
      {error && !error.errors.length && <p class="alert alert--error" role="alert">{error.detail}</p>}
      {kKeyTimes.map(({ field, label }, index) => (
        <Field id={`times-${field}`} label={label} error={error?.forField(field)}>
          <input id={`times-${field}`} type="datetime-local" value={toLocalInput(editing[field])} ref={index === 0 ? first : undefined}
            aria-describedby="key-times-zone"
            onInput={(event) => onChange({ ...editing, [field]: fromLocalInput(event.currentTarget.value) })} />
        </Field>
      ))}
      <div class="form__actions">
        <button class="button button--primary" type="submit" disabled={saving}>{saving ? "Saving…" : "Save key times"}</button>
        <button class="button" type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

// What to do when nobody's account can be read yet: the review starts from them.
function NoAccountsYet({ incidentKey, canWrite }: { incidentKey: string; canWrite: boolean }) {
  const base = `/incidents/${encodeURIComponent(incidentKey)}`;
  return (
    <section class="card next-step" aria-labelledby="no-accounts-title">
      <h3 id="no-accounts-title">No accounts to read yet</h3>
      {canWrite ? (
        <>
          <p>The review starts from what each person saw, did and expected. Add the people involved under <strong>People</strong> and ask them to write their account on the <strong>My account</strong> tab: each stays private until its author shares it.</p>
          <Link class="button button--primary" href={`${base}/account`}>Write your account</Link>
        </>
      ) : (
        <p>Accounts appear here once the people involved share them with the review.</p>
      )}
    </section>
  );
}
