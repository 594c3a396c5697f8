// One section of review records (decision points, contributing factors, ...): the list, an
// add form, and edit and delete for each record. What differs between kinds is data: a
// SectionSpec says which fields a record has and how to show it.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Field } from "../components/field";
import { Empty, Loading, Problem } from "../components/status";
import { fromLocalInput, toLocalInput } from "../time";
import type { Participant, Record, ReviewSectionName } from "../types";
import { useLoad } from "../use_load";
import { ProseInput } from "../components/prose_input";
import { NotInTemplate } from "./review_questions";

export type FieldKind = "text" | "textarea" | "select" | "datetime" | "date" | "lines" | "person" | "people" | "factors";

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  options?: string[];
  hint?: string;
}

export type AnyRecord = Record & { [field: string]: unknown };

export interface SectionSpec {
  collection: string; // The path segment: "decisions", "factors", ...
  // The part of the review it is, as review templates name it.
  section: ReviewSectionName;
  // The kind a comment anchor names ("action" in action:3): each record's id is "action-3", which
  // links to it (an action item's due notification opens …/review#action-3).
  anchor: string;
  title: string;
  noun: string;
  intro: string;
  // What to do while there are none, for people who may add them.
  empty: string;
  fields: FieldSpec[];
  groupBy?: string;
  render: (record: AnyRecord, context: RenderContext) => ComponentChildren;
}

export interface RenderContext {
  personName: (userId: unknown) => string;
  factorText: (id: number) => string;
  // When the incident began (started, else detected), to tell what came after it.
  incidentBegan?: string | null;
}

interface Factor extends Record {
  text: string;
}

type Values = { [field: string]: unknown };

function toForm(spec: FieldSpec, value: unknown): unknown {
  if (spec.kind === "datetime") return toLocalInput(value as string | null);
  if (spec.kind === "lines") return ((value as string[] | undefined) ?? []).join("\n");
  return value ?? (spec.kind === "people" || spec.kind === "factors" ? [] : "");
}

function fromForm(spec: FieldSpec, value: unknown): unknown {
  if (spec.kind === "datetime") return fromLocalInput(value as string);
  if (spec.kind === "lines") return String(value ?? "").split("\n").map((line) => line.trim()).filter(Boolean);
  if (spec.kind === "person") return value === "" || value === undefined ? null : Number(value);
  if (spec.kind === "date") return value === "" ? null : value;
  return value;
}

function label(text: string): string {
  return text.replace(/_/g, " ");
}

// `children` (the template's questions) follow the records. A section the template does not
// show (`notInTemplate`) appears only once it is known to hold records or answers.
export function RecordSection({ spec, incidentKey, incidentBegan, participants, canWrite, notInTemplate, holdsAnswers, children }: {
  spec: SectionSpec;
  incidentKey: string;
  incidentBegan?: string | null;
  participants: Participant[];
  canWrite: boolean;
  notInTemplate?: boolean;
  holdsAnswers?: boolean;
  children?: ComponentChildren;
}) {
  const path = `/incidents/${encodeURIComponent(incidentKey)}/${spec.collection}`;
  const needsFactors = spec.fields.some((field) => field.kind === "factors");
  const loaded = useLoad(async () => {
    const [records, factors] = await Promise.all([
      api.get<{ items: AnyRecord[] }>(path),
      needsFactors ? api.get<{ items: Factor[] }>(`/incidents/${encodeURIComponent(incidentKey)}/factors`) : Promise.resolve({ items: [] }),
    ]);
    return { records: records.items, factors: factors.items };
  }, path);
  const [editing, setEditing] = useState<number | "new" | undefined>();
  const [deleteError, setDeleteError] = useState("");

  const people = participants.filter((participant) => participant.user_id !== null);
  const context: RenderContext = {
    personName: (userId) => people.find((participant) => participant.user_id === userId)?.name ?? "someone",
    factorText: (id) => loaded.data?.factors.find((factor) => factor.id === id)?.text ?? `factor ${id}`,
    incidentBegan,
  };

  const records = loaded.data?.records ?? [];
  const groups = new Map<string, AnyRecord[]>();
  for (const record of records) {
    const key = spec.groupBy ? String(record[spec.groupBy]) : "";
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }

  if (notInTemplate && !holdsAnswers && loaded.error === undefined && (!loaded.data || records.length === 0)) return null;
  return (
    <section class="card records" aria-labelledby={`${spec.collection}-title`}>
      <div class="card__header">
        <h2 id={`${spec.collection}-title`}>{spec.title}</h2>
        {canWrite && editing !== "new" && (
          <button class="button" type="button" onClick={() => {
            // Factors may have been added in their own section since this one loaded.
            if (needsFactors) loaded.reload();
            setEditing("new");
          }}>Add {spec.noun}</button>
        )}
      </div>
      {notInTemplate && <NotInTemplate />}
      <p class="muted">{spec.intro}</p>
      {loaded.loading && !loaded.data && <Loading what={spec.title.toLowerCase()} />}
      {loaded.error !== undefined && <Problem error={loaded.error} retry={loaded.reload} />}
      {deleteError && <p class="alert alert--error" role="alert">{deleteError}</p>}
      {editing === "new" && (
        <RecordForm spec={spec} people={people} factors={loaded.data?.factors ?? []} path={path}
          onDone={() => { setEditing(undefined); loaded.reload(); }} onCancel={() => setEditing(undefined)} />
      )}
      {loaded.data && records.length === 0 && editing !== "new" && (
        <Empty title={`No ${spec.noun}s yet.`}>{canWrite && <p>{spec.empty}</p>}</Empty>
      )}
      {[...groups.entries()].map(([group, members]) => (
        <div class="records__group">
          {spec.groupBy && <h3>{label(group)}</h3>}
          <ul class="records__list">
            {members.map((record) => (
              <li class="record" id={`${spec.anchor}-${record.id}`}>
                {editing === record.id ? (
                  <RecordForm spec={spec} people={people} factors={loaded.data?.factors ?? []} path={path} record={record}
                    onDone={() => { setEditing(undefined); loaded.reload(); }} onCancel={() => setEditing(undefined)} />
                ) : (
                  <>
                    <div class="record__body">{spec.render(record, context)}</div>
                    {canWrite && (
                      <div class="record__actions">
                        <button class="button button--quiet" type="button" onClick={() => {
                          if (needsFactors) loaded.reload();
                          setEditing(record.id);
                        }}>Edit</button>
                        <button class="button button--quiet" type="button" onClick={async () => {
                          if (!confirm(`Delete this ${spec.noun}?`)) return;
                          try {
                            await api.remove(`${path}/${record.id}`, record.version);
                            setDeleteError("");
                          } catch (reason) {
                            setDeleteError(reason instanceof ApiError && reason.status === 412
                              ? `Someone changed this ${spec.noun} since it was shown; here is their version. Delete again if it should still go.`
                              : `The ${spec.noun} was not deleted. ${reason instanceof ApiError ? reason.detail : "The server did not answer."}`);
                          }
                          loaded.reload();
                        }}>Delete</button>
                      </div>
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {children}
    </section>
  );
}

function RecordForm({ spec, people, factors, path, record, onDone, onCancel }: {
  spec: SectionSpec;
  people: Participant[];
  factors: Factor[];
  path: string;
  record?: AnyRecord;
  onDone: () => void;
  onCancel: () => void;
}) {
  const initial: Values = {};
  for (const field of spec.fields) initial[field.name] = toForm(field, record?.[field.name]);
  const [values, setValues] = useState<Values>(initial);
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const prefix = `${spec.collection}-${record?.id ?? "new"}`;

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const body: Values = {};
    for (const field of spec.fields) {
      const value = fromForm(field, values[field.name]);
      if (record && JSON.stringify(value) === JSON.stringify(record[field.name])) continue;
      if (!record && (value === "" || value === null || (Array.isArray(value) && value.length === 0))) continue;
      body[field.name] = value;
    }
    try {
      if (record) await api.patch(`${path}/${record.id}`, body, record.version);
      else await api.post(path, body);
      onDone();
    } catch (reason) {
      const problem = reason instanceof ApiError ? reason : new ApiError(0, "Saving failed.", undefined, []);
      setError(problem.status === 412
        ? new ApiError(412, "Someone changed this while you were editing. Cancel to see their version, then make your change again.", undefined, [])
        : problem);
    } finally {
      setBusy(false);
    }
  }

  const set = (name: string, value: unknown) => setValues({ ...values, [name]: value });
  return (
    <form class="record-form" onSubmit={submit} aria-label={record ? `Edit ${spec.noun}` : `New ${spec.noun}`}>
      {error && !error.errors.length && <p class="alert alert--error" role="alert">{error.detail}</p>}
      <div class="record-form__fields">
        {spec.fields.map((field) => {
          const id = `${prefix}-${field.name}`;
          const message = error?.forField(field.name);
          // Long text is Markdown wherever it is shown: say so where it is written.
          const hint = field.hint ?? (field.kind === "textarea" ? "Markdown." : undefined);
          const describedBy = hint ? `${id}-hint` : undefined;
          const value = values[field.name];
          let control: ComponentChildren;
          switch (field.kind) {
            case "textarea":
            case "lines":
              control = <ProseInput id={id} rows={3} value={String(value)} describedBy={describedBy} onValue={(text) => set(field.name, text)} />;
              break;
            case "select":
              control = (
                <select id={id} value={String(value || field.options![0])} onChange={(event) => set(field.name, event.currentTarget.value)}>
                  {field.options!.map((option) => <option value={option}>{label(option)}</option>)}
                </select>
              );
              break;
            case "person":
              control = (
                <select id={id} value={value === null ? "" : String(value)} onChange={(event) => set(field.name, event.currentTarget.value)}>
                  <option value="">Nobody yet</option>
                  {people.map((person) => <option value={String(person.user_id)}>{person.name}</option>)}
                </select>
              );
              break;
            case "people":
            case "factors": {
              const choices = field.kind === "people"
                ? people.map((person) => ({ id: person.user_id!, text: person.name }))
                : factors.map((factor) => ({ id: factor.id, text: factor.text }));
              const chosen = new Set(value as number[]);
              control = choices.length === 0 ? <p class="muted" id={id}>None to choose from yet.</p> : (
                <div class="checklist" id={id} role="group" aria-label={field.label}>
                  {choices.map((choice) => (
                    <label>
                      <input type="checkbox" checked={chosen.has(choice.id)} onChange={() => {
                        const next = new Set(chosen);
                        if (next.has(choice.id)) next.delete(choice.id);
                        else next.add(choice.id);
                        set(field.name, [...next]);
                      }} /> {choice.text}
                    </label>
                  ))}
                </div>
              );
              break;
            }
            default:
              control = (
                <input id={id} type={field.kind === "datetime" ? "datetime-local" : field.kind === "date" ? "date" : "text"}
                  aria-describedby={describedBy} value={String(value ?? "")} onInput={(event) => set(field.name, event.currentTarget.value)} />
              );
          }
          return <Field id={id} label={field.label} hint={hint} error={message} wide={field.kind === "textarea" || field.kind === "lines" || field.kind === "factors" || field.kind === "people"}>{control}</Field>;
        })}
      </div>
      <div class="form__actions">
        <button class="button button--primary" type="submit" disabled={busy}>{busy ? "Saving…" : record ? "Save" : `Add ${spec.noun}`}</button>
        <button class="button" type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
