// Who may read an incident: open to everyone here, or restricted to its own people (who opened
// it, its facilitator, its participants) and the people and groups named as readers. Its own
// people change it; everyone else who can see it reads who may.
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import type { Incident } from "../types";

interface Named { id: number; name: string }
interface Access {
  key: string;
  version: number;
  restricted: boolean;
  readers: { users: Named[]; groups: Named[] };
}

export function IncidentAccess({ incident, canWrite, onChange }: {
  incident: Incident;
  canWrite: boolean;
  onChange: () => void;
}) {
  const [access, setAccess] = useState<Access | undefined>();
  const [editing, setEditing] = useState(false);
  const [restricted, setRestricted] = useState(false);
  const [users, setUsers] = useState<number[]>([]);
  const [groups, setGroups] = useState<number[]>([]);
  const [people, setPeople] = useState<Named[]>([]);
  const [allGroups, setAllGroups] = useState<Named[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const path = `/incidents/${encodeURIComponent(incident.key)}/access`;

  useEffect(() => {
    if (!canWrite) return;  // Readers' names are for members (viewers read anonymised).
    api.get<Access>(path).then(setAccess).catch(() => setAccess(undefined));
  }, [path, canWrite, incident.version]);

  async function startEditing() {
    if (!access) return;
    setError(undefined);
    setRestricted(access.restricted);
    setUsers(access.readers.users.map((user) => user.id));
    setGroups(access.readers.groups.map((group) => group.id));
    const [directory, groupList] = await Promise.all([
      api.get<{ items: Named[] }>("/directory"),
      api.get<{ items: Named[] }>("/groups"),
    ]);
    setPeople(directory.items);
    setAllGroups(groupList.items);
    setEditing(true);
  }

  async function save(event: Event) {
    event.preventDefault();
    if (!access) return;
    setSaving(true);
    setError(undefined);
    try {
      const saved = await api.put<Access>(path,
        { restricted, reader_user_ids: users, reader_group_ids: groups }, access.version);
      setAccess(saved);
      setEditing(false);
      onChange();
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.detail : "Saving failed.");
    } finally {
      setSaving(false);
    }
  }

  const toggle = (ids: number[], id: number) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]);
  const status = incident.restricted
    ? "Restricted: only the people in it and the readers named below can see it, its accounts and its review."
    : "Open: everyone who uses debrief can read it.";
  return (
    <section class="incident-access" aria-labelledby="access-title">
      <div class="card__header">
        <h3 id="access-title">Who can read this</h3>
        {canWrite && access && !editing && (
          <button class="button" type="button" onClick={() => void startEditing()}>Change</button>
        )}
      </div>
      {!editing && (
        <>
          <p class="muted">{status}</p>
          {access && access.restricted && (access.readers.users.length > 0 || access.readers.groups.length > 0) && (
            <ul class="access-readers" aria-label="Readers">
              {access.readers.users.map((user) => <li>{user.name}</li>)}
              {access.readers.groups.map((group) => <li>{group.name} (group)</li>)}
            </ul>
          )}
        </>
      )}
      {editing && (
        <form class="form" aria-label="Who can read this" onSubmit={save}>
          {error && <p class="alert alert--error" role="alert">{error}</p>}
          <label class="checkbox">
            <input type="checkbox" checked={restricted} onChange={(event) => setRestricted(event.currentTarget.checked)} />
            {" "}Restricted (a security incident, say): only its people and the readers named
          </label>
          <fieldset disabled={!restricted}>
            <legend>People who may read it</legend>
            {people.map((person) => (
              <label class="checkbox">
                <input type="checkbox" checked={users.includes(person.id)}
                  onChange={() => setUsers(toggle(users, person.id))} /> {person.name}
              </label>
            ))}
          </fieldset>
          {allGroups.length > 0 && (
            <fieldset disabled={!restricted}>
              <legend>Groups who may read it</legend>
              {allGroups.map((group) => (
                <label class="checkbox">
                  <input type="checkbox" checked={groups.includes(group.id)}
                    onChange={() => setGroups(toggle(groups, group.id))} /> {group.name}
                </label>
              ))}
            </fieldset>
          )}
          <div class="form__actions">
            <button class="button button--primary" type="submit" disabled={saving}>{saving ? "Saving…" : "Save"}</button>
            <button class="button" type="button" onClick={() => setEditing(false)}>Cancel</button>
          </div>
        </form>
      )}
    </section>
  );
}
