import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Field } from "../components/field";
import { Time } from "../components/status";
import { changedFields, mergeFields } from "../conflict";
import { formatDuration, fromLocalInput, toLocalInput } from "../time";
import type { Incident, Participant } from "../types";
import { PeopleEditor } from "./people_editor";
import { ProseInput } from "../components/prose_input";
import { ExportLinks } from "../components/export_links";
import { Markdown } from "../components/markdown";
import { RelatedReviews } from "./library";

const kEditable = ["title", "summary", "impact", "severity", "status", "started_at", "detected_at",
  "mitigated_at", "resolved_at"] as const;
type Editable = Pick<Incident, (typeof kEditable)[number]>;
const kFields = [...kEditable] as (keyof Editable)[];

function editableOf(incident: Incident): Editable {
  const editable = {} as { [name: string]: unknown };
  for (const field of kEditable) editable[field] = incident[field];
  return editable as unknown as Editable;
}

interface Conflict {
  theirs: Incident;
  merged: Editable;
  fields: (keyof Editable)[];
  mine: Editable;
}

export function IncidentOverview({ incident, participants, canWrite, onChange, onPeopleChange }: {
  incident: Incident;
  participants: Participant[];
  canWrite: boolean;
  onChange: (incident: Incident) => void;
  onPeopleChange: () => void;
}) {
  const [editing, setEditing] = useState<Editable | undefined>();
  const [base, setBase] = useState<Incident>(incident);
  const [error, setError] = useState<ApiError | undefined>();
  const [conflict, setConflict] = useState<Conflict | undefined>();
  const [saving, setSaving] = useState(false);

  function startEditing() {
    setBase(incident);
    setEditing(editableOf(incident));
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
          conflict={conflict}
          onResolve={(values) => { setBase(conflict.theirs); void save(values, conflict.theirs); }}
          onReload={() => { onChange(conflict.theirs); setConflict(undefined); setEditing(undefined); }}
        />
      )}
      <div class="overview-grid">
        <div class="card">
          {editing ? (
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
                {canWrite && <button class="button" type="button" onClick={startEditing}>Edit</button>}
              </div>
              {incident.summary.trim() ? <Markdown text={incident.summary} /> : <p class="muted">No summary yet.</p>}
              <h3>Impact</h3>
              {incident.impact.trim() ? <Markdown text={incident.impact} /> : <p class="muted">Not described yet.</p>}
            </>
          )}
        </div>
        <aside class="card">
          <h3>Key times</h3>
          <dl class="key-times">
            <div><dt>Started</dt><dd><Time iso={incident.started_at} /></dd></div>
            <div><dt>Detected</dt><dd><Time iso={incident.detected_at} /> {metrics.time_to_detect_seconds !== null && <span class="metric" title="Time to detect">TTD {formatDuration(metrics.time_to_detect_seconds)}</span>}</dd></div>
            <div><dt>Mitigated</dt><dd><Time iso={incident.mitigated_at} /> {metrics.time_to_mitigate_seconds !== null && <span class="metric" title="Time to mitigate">TTM {formatDuration(metrics.time_to_mitigate_seconds)}</span>}</dd></div>
            <div><dt>Resolved</dt><dd><Time iso={incident.resolved_at} /> {metrics.time_to_resolve_seconds !== null && <span class="metric" title="Time to resolve">TTR {formatDuration(metrics.time_to_resolve_seconds)}</span>}</dd></div>
          </dl>
          <PeopleEditor incident={incident} participants={participants} canWrite={canWrite}
            onIncidentChange={onChange} onPeopleChange={onPeopleChange} />
          <ExportLinks incidentKey={incident.key} />
          <RelatedReviews incidentKey={incident.key} />
        </aside>
      </div>
    </section>
  );
}

function ConflictDialog({ conflict, onResolve, onReload }: {
  conflict: Conflict;
  onResolve: (values: Editable) => void;
  onReload: () => void;
}) {
  const [choices, setChoices] = useState<{ [field: string]: "mine" | "theirs" }>({});
  const resolved = { ...conflict.merged } as { [name: string]: unknown };
  for (const field of conflict.fields) {
    if ((choices[field] ?? "mine") === "mine") resolved[field] = conflict.mine[field];
  }
  const show = (value: unknown) => (value === null || value === "" ? "(empty)" : String(value));
  return (
    <div class="dialog-backdrop">
      <div class="card dialog" role="alertdialog" aria-modal="true" aria-labelledby="conflict-title" aria-describedby="conflict-text">
        <h2 id="conflict-title">Someone changed this while you were editing</h2>
        <p id="conflict-text">
          Their changes are kept. {conflict.fields.length
            ? "You both changed the fields below: choose which version to keep."
            : "Your changes touch other fields and can be added to theirs."}
        </p>
        {conflict.fields.map((field) => (
          <fieldset class="conflict-field">
            <legend>{String(field).replace(/_/g, " ")}</legend>
            <label><input type="radio" name={`choice-${String(field)}`} checked={(choices[field] ?? "mine") === "mine"}
              onChange={() => setChoices({ ...choices, [field]: "mine" })} /> Yours: {show(conflict.mine[field])}</label>
            <label><input type="radio" name={`choice-${String(field)}`} checked={choices[field] === "theirs"}
              onChange={() => setChoices({ ...choices, [field]: "theirs" })} /> Theirs: {show(conflict.theirs[field])}</label>
          </fieldset>
        ))}
        <div class="form__actions">
          <button class="button button--primary" type="button" onClick={() => onResolve(resolved as unknown as Editable)}>Save merged version</button>
          <button class="button" type="button" onClick={onReload}>Discard mine and reload</button>
        </div>
      </div>
    </div>
  );
}
