import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Field } from "../components/field";
import { Empty } from "../components/status";
import { formatClock, fromLocalInput, toLocalInput } from "../time";
import { explainDiscrepancy, itemSummary } from "../timeline_layout";
import type { Account, AccountPatch, Entry, Incident, Timeline, User, Visibility } from "../types";
import { ProseInput } from "../components/prose_input";
import { useLoad } from "../use_load";

// Questions an interviewer would ask, beside each field: they help people recall what they knew
// then, rather than what they know now.
const kPrompts: { [field: string]: { label: string; prompt: string } } = {
  did: { label: "What I did", prompt: "What did you do, and what were you trying to achieve?" },
  saw: { label: "What I saw", prompt: "What did you see or hear? What made this look normal at the time?" },
  expected: { label: "What I expected", prompt: "What did you expect to happen next?" },
  assumed: { label: "What I assumed", prompt: "What were you taking for granted? What did you believe was true?" },
  looking_at: { label: "What I was looking at", prompt: "Which dashboards, alerts, docs or channels were you looking at?" },
};
const kEntryFields = ["did", "saw", "expected", "assumed", "looking_at"] as const;

const kVisibility: { value: Visibility; label: string; who: string }[] = [
  { value: "private", label: "Private", who: "Only you can see it. Take your time." },
  { value: "shared", label: "Shared", who: "You, the facilitator and the other people in this incident can read it." },
  { value: "in_review", label: "In review", who: "Everyone who can read this incident can read it. Only you can ever edit it." },
];

type SaveState = "saved" | "unsaved" | "saving" | "error";

// Saves `value` a moment after the last keystroke.
function useAutosave<T>(value: T, save: (value: T) => Promise<void>, delay = 800): SaveState {
  const [state, setState] = useState<SaveState>("saved");
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setState("unsaved");
    const timer = setTimeout(() => {
      setState("saving");
      save(value).then(() => setState("saved"), () => setState("error"));
    }, delay);
    return () => clearTimeout(timer);
  }, [JSON.stringify(value)]);
  return state;
}

function SaveIndicator({ state }: { state: SaveState }) {
  const text = { saved: "All changes saved", unsaved: "Unsaved changes", saving: "Saving…", error: "Not saved — check your connection" }[state];
  return <span class={`save-state save-state--${state}`} role="status" aria-live="polite">{text}</span>;
}

export function AccountEditor({ incident, me, accounts, onAccountsChange }: {
  incident: Incident;
  me: User;
  accounts: Account[];
  onAccountsChange: () => void;
}) {
  const mine = accounts.find((account) => account.author_id === me.id);
  const [error, setError] = useState("");
  const base = `/incidents/${incident.key}/accounts`;

  if (!mine) {
    return (
      <Empty title="You have not written an account of this incident yet.">
        <p>Your account is private until you choose to share it. Write what you did, saw, expected and assumed, moment by moment.</p>
        {error && <p class="alert alert--error" role="alert">{error}</p>}
        {me.role !== "viewer" && (
          <button class="button button--primary" type="button" onClick={async () => {
            try {
              await api.post(base, {});
              onAccountsChange();
            } catch (reason) {
              setError(reason instanceof ApiError ? reason.detail : "Starting your account failed.");
            }
          }}>Start my account</button>
        )}
      </Empty>
    );
  }
  return <OwnAccount key={mine.id} account={mine} path={`${base}/${mine.id}`} incidentKey={incident.key} onAccountsChange={onAccountsChange} />;
}

function OwnAccount({ account, path, incidentKey, onAccountsChange }: {
  account: Account;
  path: string;
  incidentKey: string;
  onAccountsChange: () => void;
}) {
  const version = useRef(account.version);
  const [narrative, setNarrative] = useState(account.narrative);
  const [visibility, setVisibility] = useState<Visibility>(account.visibility);
  const [entries, setEntries] = useState<Entry[]>(account.entries);
  const [message, setMessage] = useState("");
  const linking = useLinking(incidentKey, `participant:${account.participant_id}`,
    account.entries.some((entry) => entry.same_as.length > 0 || entry.seen_event_ids.length > 0));

  async function patch(changes: AccountPatch) {
    try {
      const saved = await api.patch<Account>(path, changes, version.current);
      version.current = saved.version;
    } catch (reason) {
      if (reason instanceof ApiError && reason.status === 412) {
        setMessage("Your account was changed in another window. Reload to see the latest version before editing here.");
      }
      throw reason;
    }
  }
  const narrativeState = useAutosave(narrative, (text) => patch({ narrative: text }));

  async function changeVisibility(next: Visibility) {
    const previous = visibility;
    setVisibility(next);
    try {
      await patch({ visibility: next });
    } catch {
      setVisibility(previous);
    }
  }

  async function withdraw() {
    if (!confirm("Withdraw your account from the review? Only you will be able to read it.")) return;
    const saved = await api.remove<Account>(path, version.current);
    version.current = saved.version;
    setVisibility("withdrawn");
  }

  const sorted = [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <section class="account" aria-labelledby="account-title">
      <div class="card">
        <div class="card__header">
          <h2 id="account-title">My account</h2>
          <SaveIndicator state={narrativeState} />
        </div>
        {message && <p class="alert alert--error" role="alert">{message}</p>}
        <fieldset class="visibility">
          <legend>Who can read it</legend>
          {kVisibility.map((option) => (
            <label class={`visibility__option${visibility === option.value ? " visibility__option--chosen" : ""}`}>
              <input type="radio" name="visibility" value={option.value} checked={visibility === option.value}
                onChange={() => void changeVisibility(option.value)} />
              <span class="visibility__label">{option.label}</span>
              <span class="visibility__who">{option.who}</span>
            </label>
          ))}
          {visibility === "withdrawn" ? (
            <p class="muted">You withdrew this account: only you can read it. Choose a level above to release it again.</p>
          ) : (
            <button class="button button--quiet" type="button" onClick={() => void withdraw()}>Withdraw from the review</button>
          )}
        </fieldset>
        <Field id="narrative" label="In your own words" hint="Markdown. What was the situation as you saw it?">
          <ProseInput id="narrative" rows={5} value={narrative} onValue={setNarrative} describedBy="narrative-hint" />
        </Field>
      </div>
      <h3>Moments</h3>
      {sorted.length === 0 && <p class="muted">Add the moments you remember, in any order: the timeline sorts them.</p>}
      <ol class="entries">
        {sorted.map((entry) => (
          <li key={entry.id}>
            <EntryEditor entry={entry} path={`${path}/entries/${entry.id}`} linking={linking}
              onDeleted={() => { setEntries(entries.filter((other) => other.id !== entry.id)); onAccountsChange(); }} />
          </li>
        ))}
      </ol>
      <NewEntry path={`${path}/entries`} after={sorted[sorted.length - 1]?.at} linking={linking}
        onCreated={(entry) => { setEntries([...entries, entry]); linking.refresh(); }} />
    </section>
  );
}

function EntryFields({ values, onChange, idPrefix }: {
  values: { [field: string]: string };
  onChange: (field: string, value: string) => void;
  idPrefix: string;
}) {
  return (
    <div class="entry__fields">
      {kEntryFields.map((field) => (
        <Field id={`${idPrefix}-${field}`} label={kPrompts[field].label} hint={kPrompts[field].prompt}>
          <ProseInput id={`${idPrefix}-${field}`} rows={2} value={values[field]} describedBy={`${idPrefix}-${field}-hint`}
            onValue={(value) => onChange(field, value)} />
        </Field>
      ))}
    </div>
  );
}

function EntryEditor({ entry, path, linking, onDeleted }: { entry: Entry; path: string; linking: Linking; onDeleted: () => void }) {
  const version = useRef(entry.version);
  // One request at a time for this entry, so that its text (saved as typed) and its links
  // (saved at once) never race each other with the same version.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  function serial<T>(run: () => Promise<T>): Promise<T> {
    const next = queue.current.then(run, run);
    queue.current = next.catch(() => undefined);
    return next;
  }
  const [values, setValues] = useState({
    at: toLocalInput(entry.at),
    uncertainty: entry.uncertainty_minutes === null ? "" : String(entry.uncertainty_minutes),
    did: entry.did, saw: entry.saw, expected: entry.expected, assumed: entry.assumed, looking_at: entry.looking_at,
  });
  const [error, setError] = useState("");
  const [linkNote, setLinkNote] = useState("");
  const savedTime = useRef(`${values.at}|${values.uncertainty}`);
  const state = useAutosave(values, async (current) => {
    try {
      const saved = await serial(() => api.patch<Entry>(path, {
        at: fromLocalInput(current.at) ?? entry.at,
        uncertainty_minutes: current.uncertainty === "" ? null : Number(current.uncertainty),
        did: current.did, saw: current.saw, expected: current.expected, assumed: current.assumed, looking_at: current.looking_at,
      }, version.current));
      version.current = saved.version;
      setError("");
      // A new time or uncertainty may make a linked moment agree, or disagree.
      if (savedTime.current !== `${current.at}|${current.uncertainty}`) {
        savedTime.current = `${current.at}|${current.uncertainty}`;
        linking.refreshIfLoaded();
      }
    } catch (reason) {
      setError(reason instanceof ApiError && reason.status === 412
        ? "This moment was changed in another window. Reload the page to see the latest version before editing here."
        : reason instanceof ApiError ? reason.detail : "Saving failed.");
      throw reason;
    }
  });
  const [links, setLinks] = useState({ same_as: entry.same_as, seen_event_ids: entry.seen_event_ids });
  // Links are saved at once (not as typed): only the list that changed is sent.
  async function saveLinks(changes: Partial<typeof links>, done: string): Promise<boolean> {
    try {
      const saved = await serial(() => api.patch<Entry>(path, changes, version.current));
      version.current = saved.version;
      setLinks({ same_as: saved.same_as, seen_event_ids: saved.seen_event_ids });
      linking.refresh();
      setError("");
      setLinkNote(done);
      return true;
    } catch (reason) {
      setLinkNote("");
      setError(reason instanceof ApiError && reason.status === 412
        ? "This moment was changed in another window. Reload the page to see the latest version, then link it again."
        : `The link was not saved. ${reason instanceof ApiError ? reason.detail : "The server did not answer."}`);
      return false;
    }
  }
  const id = `entry-${entry.id}`;
  return (
    <article class="card entry" aria-label={`Moment at ${values.at.replace("T", " ")}`}>
      <div class="entry__when">
        <Field id={`${id}-at`} label="When">
          <input id={`${id}-at`} type="datetime-local" value={values.at} onInput={(event) => setValues({ ...values, at: event.currentTarget.value })} />
        </Field>
        <Field id={`${id}-uncertainty`} label="About ± minutes">
          <input id={`${id}-uncertainty`} type="number" min={0} max={1440} inputMode="numeric" value={values.uncertainty}
            onInput={(event) => setValues({ ...values, uncertainty: event.currentTarget.value })} />
        </Field>
        <SaveIndicator state={state} />
        <button class="button button--quiet" type="button" onClick={async () => {
          try {
            await serial(() => api.remove(path, version.current));
            onDeleted();
          } catch (reason) {
            setError(`The moment was not deleted. ${reason instanceof ApiError ? reason.detail : "The server did not answer."}`);
          }
        }}>Delete</button>
      </div>
      {error && <p class="alert alert--error" role="alert">{error}</p>}
      <EntryFields idPrefix={id} values={values} onChange={(field, value) => setValues({ ...values, [field]: value })} />
      {linking.disagreements(`entry:${entry.id}`).map((text) => <p class="alert alert--warning entry__disagreement">{text}</p>)}
      <EntryLinks id={id} entryAt={fromLocalInput(values.at) ?? entry.at} links={links} linking={linking} note={linkNote}
        onSave={saveLinks} />
    </article>
  );
}

// "Same moment as" and "I saw" on an existing moment: what is linked, with a way to remove each,
// and a choice of other people's moments and events to add.
function EntryLinks({ id, entryAt, links, linking, note, onSave }: {
  id: string;
  entryAt: string;
  links: { same_as: string[]; seen_event_ids: number[] };
  linking: Linking;
  note: string;
  onSave: (changes: { same_as?: string[]; seen_event_ids?: number[] }, done: string) => Promise<boolean>;
}) {
  const count = links.same_as.length + links.seen_event_ids.length;
  // Open from the start where something is linked; its open state is the person's afterwards.
  const [open] = useState(count > 0);
  const [sameChoice, setSameChoice] = useState("");
  const [seenChoice, setSeenChoice] = useState("");
  const [busy, setBusy] = useState(false);
  async function run(changes: { same_as?: string[]; seen_event_ids?: number[] }, done: string, after?: () => void) {
    setBusy(true);
    if (await onSave(changes, done)) after?.();
    setBusy(false);
  }
  const seenRefs = links.seen_event_ids.map((event) => `event:${event}`);
  const near = linking.near(entryAt);
  const sameOptions = near.filter((item) => !links.same_as.includes(item.ref));
  const seenOptions = near.filter((item) => item.type === "event" && !seenRefs.includes(item.ref));
  const placeholder = (options: LinkableItem[], none: string) => (linking.loaded ? (options.length ? "Choose…" : none) : "Loading…");
  return (
    <details class="entry-links" open={open} onToggle={(event) => { if ((event.currentTarget as HTMLDetailsElement).open) linking.need(); }}>
      <summary>Links to other moments{count > 0 && ` (${count})`}</summary>
      <p class="muted">Say which moment in someone else's account this is, or which events you saw: the timeline then flags times that disagree, and knows what you could see.</p>
      {note && <p class="muted" role="status">{note}</p>}
      <div class="entry-links__groups">
        <div class="entry-links__group">
          <h4 id={`${id}-same-title`}>Same moment as</h4>
          {links.same_as.length === 0 ? <p class="muted">Not linked.</p> : (
            <ul class="entry-links__list" aria-labelledby={`${id}-same-title`}>
              {links.same_as.map((ref) => (
                <li>
                  <span>{linking.label(ref)}</span>
                  <button class="button button--quiet" type="button" disabled={busy} aria-label={`Remove the link to ${linking.label(ref)}`}
                    onClick={() => void run({ same_as: links.same_as.filter((other) => other !== ref) }, "Link removed.")}>Remove</button>
                </li>
              ))}
            </ul>
          )}
          <div class="entry-links__add">
            <label for={`${id}-same-add`}>Someone else's moment or an event</label>
            <select id={`${id}-same-add`} value={sameChoice} onChange={(event) => setSameChoice(event.currentTarget.value)}>
              <option value="">{placeholder(sameOptions, "Nothing else on the timeline yet")}</option>
              {sameOptions.map((item) => <option value={item.ref}>{item.label}</option>)}
            </select>
            <button class="button" type="button" disabled={!sameChoice || busy}
              onClick={() => void run({ same_as: [...links.same_as, sameChoice] }, "Linked as the same moment.", () => setSameChoice(""))}>
              Link as the same moment
            </button>
          </div>
        </div>
        <div class="entry-links__group">
          <h4 id={`${id}-seen-title`}>I saw</h4>
          {links.seen_event_ids.length === 0 ? <p class="muted">No events linked.</p> : (
            <ul class="entry-links__list" aria-labelledby={`${id}-seen-title`}>
              {links.seen_event_ids.map((event) => (
                <li>
                  <span>{linking.label(`event:${event}`)}</span>
                  <button class="button button--quiet" type="button" disabled={busy} aria-label={`Remove the link to ${linking.label(`event:${event}`)}`}
                    onClick={() => void run({ seen_event_ids: links.seen_event_ids.filter((other) => other !== event) }, "Link removed.")}>Remove</button>
                </li>
              ))}
            </ul>
          )}
          <div class="entry-links__add">
            <label for={`${id}-seen-add`}>An event you saw</label>
            <select id={`${id}-seen-add`} value={seenChoice} onChange={(event) => setSeenChoice(event.currentTarget.value)}>
              <option value="">{placeholder(seenOptions, "No events on the timeline yet")}</option>
              {seenOptions.map((item) => <option value={item.ref}>{item.label}</option>)}
            </select>
            <button class="button" type="button" disabled={!seenChoice || busy}
              onClick={() => void run({ seen_event_ids: [...links.seen_event_ids, Number(seenChoice.slice("event:".length))] }, "Linked as seen.", () => setSeenChoice(""))}>
              Link as seen
            </button>
          </div>
        </div>
      </div>
    </details>
  );
}

interface LinkableItem {
  ref: string;
  type: "entry" | "event";
  at: string;
  label: string;
}

interface Linking {
  loaded: boolean;
  // Loads the timeline the first time something needs it.
  need: () => void;
  // Loads it (again), after a link changed.
  refresh: () => void;
  // Loads it again only if it was loaded (a time changed: a link's disagreement may have too).
  refreshIfLoaded: () => void;
  // Other people's moments and events, in time order: all of them, or the 200 closest to `at`.
  near: (at: string) => LinkableItem[];
  label: (ref: string) => string;
  // The timeline's disagreements about this item, in words.
  disagreements: (ref: string) => string[];
}

const kMaxChoices = 200;

// The merged timeline as the author sees it: what they may link to (other people's moments they
// can read, and events), the words for what is linked, and where linked times disagree. Loaded
// only once something needs it: a moment with links, a links panel opened, a new moment.
function useLinking(incidentKey: string, ownLane: string, needed: boolean): Linking {
  const [wanted, setWanted] = useState(needed);
  const timeline = useLoad<Timeline | undefined>(
    () => (wanted ? api.get<Timeline>(`/incidents/${encodeURIComponent(incidentKey)}/timeline`) : Promise.resolve(undefined)),
    `${incidentKey}/${wanted}`,
  );
  const data = timeline.data;
  const laneLabel = (id: string) => data?.lanes.find((lane) => lane.id === id)?.label ?? id;
  const describe = (item: Timeline["items"][number]) =>
    `${formatClock(item.at)} · ${item.event ? item.event.kind : laneLabel(item.lane)}: ${itemSummary(item).slice(0, 80)}`;
  const items: LinkableItem[] = (data?.items ?? [])
    .filter((item) => item.lane !== ownLane)
    .map((item) => ({ ref: item.ref, type: item.type, at: item.at, label: describe(item) }));
  return {
    loaded: data !== undefined,
    need: () => setWanted(true),
    refresh: () => (wanted ? timeline.reload() : setWanted(true)),
    refreshIfLoaded: () => { if (wanted) timeline.reload(); },
    near: (at) => {
      if (items.length <= kMaxChoices) return items;
      const time = Date.parse(at);
      const distance = (item: LinkableItem) => Math.abs(Date.parse(item.at) - time);
      return [...items].sort((a, b) => distance(a) - distance(b)).slice(0, kMaxChoices)
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    },
    label: (ref) => {
      if (!data) return "…";
      const item = data.items.find((candidate) => candidate.ref === ref);
      return item ? describe(item) : "an item no longer on the timeline (withdrawn or deleted)";
    },
    disagreements: (ref) => (data?.discrepancies ?? [])
      .filter((discrepancy) => discrepancy.refs.includes(ref))
      .map((discrepancy) => explainDiscrepancy(discrepancy, data!.items, laneLabel, formatClock)),
  };
}

// A new moment; "same moment as" offers other people's moments and events, so that the timeline
// flags it if the times disagree.
function NewEntry({ path, after, linking, onCreated }: {
  path: string;
  after?: string;
  linking: Linking;
  onCreated: (entry: Entry) => void;
}) {
  const blank = { did: "", saw: "", expected: "", assumed: "", looking_at: "" };
  const [open, setOpen] = useState(false);
  const [at, setAt] = useState("");
  const [uncertainty, setUncertainty] = useState("");
  const [values, setValues] = useState<{ [field: string]: string }>(blank);
  const [error, setError] = useState<ApiError | undefined>();
  const [sameAs, setSameAs] = useState("");
  const linkable = open ? linking.near(fromLocalInput(at) ?? new Date().toISOString()) : [];

  function start() {
    setAt(toLocalInput(after ? new Date(Date.parse(after) + 5 * 60000).toISOString() : new Date().toISOString()));
    setOpen(true);
    // Moments others shared since the page loaded are offered too.
    linking.refresh();
  }
  async function add(event: Event) {
    event.preventDefault();
    try {
      const entry = await api.post<Entry>(path, {
        at: fromLocalInput(at),
        uncertainty_minutes: uncertainty === "" ? null : Number(uncertainty),
        same_as: sameAs ? [sameAs] : [],
        ...values,
      });
      setSameAs("");
      onCreated(entry);
      setValues(blank);
      setUncertainty("");
      setOpen(false);
      setError(undefined);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : undefined);
    }
  }
  if (!open) return <button class="button button--primary" type="button" onClick={start}>Add a moment</button>;
  return (
    <form class="card entry entry--new" onSubmit={add} aria-label="New moment">
      {error && <p class="alert alert--error" role="alert">{error.detail}</p>}
      <div class="entry__when">
        <Field id="new-at" label="When" error={error?.forField("at")}>
          <input id="new-at" type="datetime-local" required value={at} onInput={(event) => setAt(event.currentTarget.value)} />
        </Field>
        <Field id="new-uncertainty" label="About ± minutes" error={error?.forField("uncertainty_minutes")}>
          <input id="new-uncertainty" type="number" min={0} max={1440} value={uncertainty} onInput={(event) => setUncertainty(event.currentTarget.value)} />
        </Field>
      </div>
      <EntryFields idPrefix="new" values={values} onChange={(field, value) => setValues({ ...values, [field]: value })} />
      {linkable.length > 0 && (
        <Field id="new-same-as" label="Same moment as (optional)" hint="If someone else recorded this moment too, link it: differences in time become a question for the review.">
          <select id="new-same-as" value={sameAs} aria-describedby="new-same-as-hint" onChange={(event) => setSameAs(event.currentTarget.value)}>
            <option value="">Not linked</option>
            {linkable.map((item) => <option value={item.ref}>{item.label}</option>)}
          </select>
        </Field>
      )}
      <div class="form__actions">
        <button class="button button--primary" type="submit">Add moment</button>
        <button class="button" type="button" onClick={() => setOpen(false)}>Cancel</button>
      </div>
    </form>
  );
}
