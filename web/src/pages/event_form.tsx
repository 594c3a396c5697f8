// Adding or changing a timeline event by hand: when (in the viewer's time zone), what kind, what
// happened, who or what did it, evidence links one per line, and who could see it at the time.
// A change sends only the fields that changed, against the version it started from; if someone
// saved in between (412), the conflict dialog merges both edits instead of dropping either.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { ConflictDialog, type ConflictView } from "../components/conflict_dialog";
import { Field } from "../components/field";
import { ProseInput } from "../components/prose_input";
import { changedFields, mergeFields } from "../conflict";
import { bodyOf, checkEventValues, type EventValues, kEventFields, kEventLabels, showEventValue, valuesOf } from "../event_values";
import { toLocalInput, viewerZone } from "../time";
import { kEventKinds, type Participant, type TimelineEvent } from "../types";

export function EventForm({ incidentKey, event, participants, defaultAt, onSaved, onDiscarded, onCancel, onDirty }: {
  incidentKey: string;
  // The event to change; none to add a new one.
  event?: TimelineEvent;
  participants: Participant[];
  defaultAt?: string;
  onSaved: (event: TimelineEvent) => void;
  // Someone else's version was taken over the person's own (or the event is gone).
  onDiscarded: () => void;
  onCancel: () => void;
  onDirty?: (dirty: boolean) => void;
}) {
  const path = `/incidents/${encodeURIComponent(incidentKey)}/events`;
  // The version the edit started from (then the one merged with): what the merge compares to.
  const [base, setBase] = useState<TimelineEvent | undefined>(event);
  const [values, setValues] = useState<EventValues>(() => event ? valuesOf(event) : {
    at: toLocalInput(defaultAt ?? new Date().toISOString()), kind: "observation", text: "", actor: "", links: "", visible: [],
  });
  const [error, setError] = useState<ApiError | undefined>();
  const [conflict, setConflict] = useState<{ view: ConflictView<EventValues>; theirs: TimelineEvent } | undefined>();
  const [gone, setGone] = useState(false);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const prefix = `event-${event?.id ?? "new"}`;

  useEffect(() => first.current?.focus(), []);
  const initial = useRef(values);
  useEffect(() => onDirty?.(JSON.stringify(values) !== JSON.stringify(initial.current)), [values]);

  async function save(current: EventValues, against: TimelineEvent | undefined) {
    const problem = checkEventValues(current);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      let saved: TimelineEvent;
      if (against) {
        const changes = changedFields(valuesOf(against), current, kEventFields);
        saved = Object.keys(changes).length
          ? await api.patch<TimelineEvent>(`${path}/${against.id}`, bodyOf(changes), against.version)
          : against;
      } else {
        saved = await api.post<TimelineEvent>(path, bodyOf(current));
      }
      setConflict(undefined);
      onDirty?.(false);
      onSaved(saved);
    } catch (reason) {
      if (reason instanceof ApiError && against && (reason.status === 412 || reason.status === 404)) {
        // Someone saved first: show what they changed and merge instead of overwriting.
        try {
          const theirs = await api.get<TimelineEvent>(`${path}/${against.id}`);
          const result = mergeFields(valuesOf(base ?? against), current, valuesOf(theirs), kEventFields);
          setConflict({ view: { mine: current, theirs: valuesOf(theirs), merged: result.merged, fields: result.conflicts }, theirs });
        } catch (inner) {
          if (inner instanceof ApiError && inner.status === 404) setGone(true);
          else setError(inner instanceof ApiError ? inner : new ApiError(0, "Saving failed.", undefined, []));
        }
      } else {
        setError(reason instanceof ApiError ? reason : new ApiError(0, "Saving failed.", undefined, []));
      }
    } finally {
      setBusy(false);
    }
  }

  const set = <K extends keyof EventValues>(field: K, value: EventValues[K]) => setValues({ ...values, [field]: value });
  const id = (field: string) => `${prefix}-${field}`;
  const errorFor = (field: keyof EventValues) =>
    error?.forField(field === "links" ? "evidence_links" : field === "visible" ? "visible_to" : field);
  const audiences = participants.map((participant) => ({ value: `participant:${participant.id}`, label: participant.name }));
  const audienceName = (value: string) => audiences.find((audience) => audience.value === value)?.label ?? value;
  // Audiences the form does not offer (a chat channel, an alert receiver) are kept as they are.
  const others = values.visible.filter((value) => !audiences.some((audience) => audience.value === value));

  return (
    <form class="record-form event-form" aria-label={event ? "Edit event" : "New event"} noValidate
      onSubmit={(submit) => { submit.preventDefault(); void save(values, base); }}>
      {conflict && (
        <ConflictDialog conflict={conflict.view} label={(field) => kEventLabels[field]}
          show={(field, value) => showEventValue(field, field === "visible" ? (value as string[]).map(audienceName) : value)}
          onResolve={(merged) => { setBase(conflict.theirs); setValues(merged); void save(merged, conflict.theirs); }}
          onReload={() => { setConflict(undefined); onDiscarded(); }} />
      )}
      {gone && (
        <div class="alert alert--error" role="alert">
          <p>Someone deleted this event while you were editing it, so your changes were not saved. They are still in the form: copy what you need, then close it.</p>
          <button class="button" type="button" onClick={onDiscarded}>Close the form</button>
        </div>
      )}
      {event?.source.startsWith("import:") && (
        <p class="muted event-form__source">Imported ({event.source}). Your change stays: importing the same file again adds only what is not here yet.
          {!event.original_text && " Correct its text and what the source wrote is kept, shown beside it."}</p>
      )}
      {error && !error.errors.length && <p class="alert alert--error" role="alert">{error.detail}</p>}
      <div class="record-form__fields">
        <Field id={id("at")} label={kEventLabels.at} hint={`In your time zone (${viewerZone()}).`} error={errorFor("at")}>
          <input id={id("at")} type="datetime-local" required value={values.at} ref={first} aria-describedby={`${id("at")}-hint`}
            onInput={(input) => set("at", input.currentTarget.value)} />
        </Field>
        <Field id={id("kind")} label={kEventLabels.kind} error={errorFor("kind")}>
          <select id={id("kind")} value={values.kind} onChange={(change) => set("kind", change.currentTarget.value)}>
            {kEventKinds.map((kind) => <option value={kind}>{kind}</option>)}
          </select>
        </Field>
        <Field id={id("actor")} label={kEventLabels.actor} hint="A person or a system, e.g. deploy-bot." error={errorFor("actor")}>
          <input id={id("actor")} value={values.actor} maxLength={120} aria-describedby={`${id("actor")}-hint`}
            onInput={(input) => set("actor", input.currentTarget.value)} />
        </Field>
        <Field id={id("text")} label={kEventLabels.text} error={errorFor("text")} wide>
          <ProseInput id={id("text")} rows={3} value={values.text} onValue={(text) => set("text", text)} />
        </Field>
        <Field id={id("links")} label={kEventLabels.links} hint="One web address per line (https://…): dashboards, logs, tickets." error={errorFor("links")} wide>
          <textarea id={id("links")} rows={2} value={values.links} aria-describedby={`${id("links")}-hint`} spellcheck={false}
            onInput={(input) => set("links", input.currentTarget.value)} />
        </Field>
        {audiences.length > 0 && (
          <fieldset class="checklist form-fieldset field--wide" aria-describedby={`${id("visible")}-hint`}>
            <legend>{kEventLabels.visible}</legend>
            <p class="field__hint" id={`${id("visible")}-hint`}>Tick no one if everyone could. “What could someone know?” uses this.</p>
            {audiences.map((audience) => (
              <label class="workflow__person">
                <input type="checkbox" checked={values.visible.includes(audience.value)}
                  onChange={(change) => set("visible", change.currentTarget.checked
                    ? [...values.visible, audience.value]
                    : values.visible.filter((value) => value !== audience.value))} />
                {audience.label}
              </label>
            ))}
            {others.length > 0 && <p class="muted">Also: {others.join(", ")}</p>}
            {errorFor("visible") && <p class="field__error" role="alert">{errorFor("visible")}</p>}
          </fieldset>
        )}
      </div>
      <div class="form__actions">
        <button class="button button--primary" type="submit" disabled={busy || gone}>{busy ? "Saving…" : event ? "Save event" : "Add event"}</button>
        <button class="button" type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
