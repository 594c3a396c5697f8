// The people of an incident: their roles, who facilitates, and adding someone (a debrief user
// from the directory, or a name for someone outside it).
import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Field } from "../components/field";
import type { Incident, Participant } from "../types";

const kRoles = ["on_call", "incident_commander", "responder", "subject_matter_expert", "support", "observer"];
const roleLabel = (role: string) => role.replace(/_/g, " ");

export function PeopleEditor({ incident, participants, canWrite, onIncidentChange, onPeopleChange }: {
  incident: Incident;
  participants: Participant[];
  canWrite: boolean;
  onIncidentChange: (incident: Incident) => void;
  onPeopleChange: () => void;
}) {
  const [adding, setAdding] = useState(false);
  const [directory, setDirectory] = useState<{ id: number; name: string }[]>([]);
  const [choice, setChoice] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState("responder");
  const [error, setError] = useState<ApiError | undefined>();
  // Only someone with a login can facilitate: with no facilitator set (null), a person without a
  // login (user_id null too) must not match.
  const facilitator = incident.facilitator_id === null
    ? undefined
    : participants.find((participant) => participant.user_id === incident.facilitator_id);

  async function open() {
    setAdding(true);
    const people = await api.get<{ items: { id: number; name: string }[] }>("/directory").catch(() => ({ items: [] }));
    setDirectory(people.items.filter((person) => !participants.some((participant) => participant.user_id === person.id)));
  }

  async function add(event: Event) {
    event.preventDefault();
    try {
      await api.post(`/incidents/${incident.key}/participants`, choice ? { user_id: Number(choice), role } : { name, role });
      setAdding(false);
      setChoice("");
      setName("");
      setError(undefined);
      onPeopleChange();
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : undefined);
    }
  }

  async function changeRole(participant: Participant, next: string) {
    try {
      await api.patch(`/incidents/${incident.key}/participants/${participant.id}`, { role: next }, participant.version);
      setError(undefined);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : new ApiError(0, "The role was not changed; try again.", undefined, []));
    }
    onPeopleChange();
  }

  async function changeFacilitator(userId: string) {
    try {
      const updated = await api.patch<Incident>(`/incidents/${incident.key}`,
        { facilitator_id: userId ? Number(userId) : null }, incident.version);
      onIncidentChange(updated);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : undefined);
    }
  }

  return (
    <>
      <h3>People</h3>
      {participants.length === 0 && <p class="muted">Nobody has joined yet. Writing an account adds you.</p>}
      <ul class="people">
        {participants.map((participant) => (
          <li>
            <span class="avatar" aria-hidden="true">{participant.name.slice(0, 1)}</span>
            <span>{participant.name}</span>
            {canWrite ? (
              <>
                <label class="visually-hidden" for={`role-of-${participant.id}`}>Role of {participant.name}</label>
                <select class="people__role" id={`role-of-${participant.id}`} value={participant.role}
                  onChange={(event) => void changeRole(participant, event.currentTarget.value)}>
                  {kRoles.map((option) => <option value={option}>{roleLabel(option)}</option>)}
                </select>
              </>
            ) : <span class="muted">{roleLabel(participant.role)}</span>}
            {participant === facilitator && <span class="badge">facilitator</span>}
          </li>
        ))}
      </ul>
      {error && !error.errors.length && <p class="alert alert--error" role="alert">{error.detail}</p>}
      {canWrite && participants.some((participant) => participant.user_id !== null) && (
        <Field id="facilitator" label="Facilitator">
          <select id="facilitator" value={incident.facilitator_id === null ? "" : String(incident.facilitator_id)}
            onChange={(event) => void changeFacilitator(event.currentTarget.value)}>
            <option value="">Nobody yet</option>
            {participants.filter((participant) => participant.user_id !== null).map((participant) => (
              <option value={String(participant.user_id)}>{participant.name}</option>
            ))}
          </select>
        </Field>
      )}
      {canWrite && !adding && <button class="button" type="button" onClick={() => void open()}>Add a person</button>}
      {adding && (
        <form class="record-form" onSubmit={add} aria-label="Add a person">
          <Field id="add-person" label="Person" error={error?.forField("user_id")}>
            <select id="add-person" value={choice} onChange={(event) => setChoice(event.currentTarget.value)}>
              <option value="">Someone without a debrief login…</option>
              {directory.map((person) => <option value={String(person.id)}>{person.name}</option>)}
            </select>
          </Field>
          {!choice && (
            <Field id="add-name" label="Their name" error={error?.forField("name")}>
              <input id="add-name" value={name} onInput={(event) => setName(event.currentTarget.value)} />
            </Field>
          )}
          <Field id="add-role" label="Role in this incident">
            <select id="add-role" value={role} onChange={(event) => setRole(event.currentTarget.value)}>
              {kRoles.map((option) => <option value={option}>{roleLabel(option)}</option>)}
            </select>
          </Field>
          <div class="form__actions">
            <button class="button button--primary" type="submit">Add</button>
            <button class="button" type="button" onClick={() => setAdding(false)}>Cancel</button>
          </div>
        </form>
      )}
    </>
  );
}
