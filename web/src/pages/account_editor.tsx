import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Field } from "../components/field";
import { Empty } from "../components/status";
import { formatClock, fromLocalInput, toLocalInput } from "../time";
import { itemSummary } from "../timeline_layout";
import type { Account, Entry, Incident, Timeline, User, Visibility } from "../types";
import { ProseInput } from "../components/prose_input";

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

  async function patch(changes: Partial<Account>) {
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
            <EntryEditor entry={entry} path={`${path}/entries/${entry.id}`}
              onDeleted={() => { setEntries(entries.filter((other) => other.id !== entry.id)); onAccountsChange(); }} />
          </li>
        ))}
      </ol>
      <NewEntry path={`${path}/entries`} after={sorted[sorted.length - 1]?.at} incidentKey={incidentKey}
        ownLane={`participant:${account.participant_id}`}
        onCreated={(entry) => setEntries([...entries, entry])} />
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

function EntryEditor({ entry, path, onDeleted }: { entry: Entry; path: string; onDeleted: () => void }) {
  const version = useRef(entry.version);
  const [values, setValues] = useState({
    at: toLocalInput(entry.at),
    uncertainty: entry.uncertainty_minutes === null ? "" : String(entry.uncertainty_minutes),
    did: entry.did, saw: entry.saw, expected: entry.expected, assumed: entry.assumed, looking_at: entry.looking_at,
  });
  const [error, setError] = useState("");
  const state = useAutosave(values, async (current) => {
    try {
      const saved = await api.patch<Entry>(path, {
        at: fromLocalInput(current.at) ?? entry.at,
        uncertainty_minutes: current.uncertainty === "" ? null : Number(current.uncertainty),
        did: current.did, saw: current.saw, expected: current.expected, assumed: current.assumed, looking_at: current.looking_at,
      }, version.current);
      version.current = saved.version;
      setError("");
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.detail : "Saving failed.");
      throw reason;
    }
  });
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
          await api.remove(path, version.current);
          onDeleted();
        }}>Delete</button>
      </div>
      {error && <p class="alert alert--error" role="alert">{error}</p>}
      <EntryFields idPrefix={id} values={values} onChange={(field, value) => setValues({ ...values, [field]: value })} />
    </article>
  );
}

// Moments others recorded (and imported events), to say "this is the same moment as that one":
// the timeline then flags it if the times disagree.
function useLinkableItems(incidentKey: string, ownLane: string, open: boolean) {
  const [items, setItems] = useState<{ ref: string; label: string }[]>([]);
  useEffect(() => {
    if (!open) return;
    api.get<Timeline>(`/incidents/${incidentKey}/timeline`).then((timeline) => {
      const lane = (id: string) => timeline.lanes.find((candidate) => candidate.id === id)?.label ?? id;
      setItems(timeline.items.filter((item) => item.lane !== ownLane).map((item) => ({
        ref: item.ref,
        label: `${formatClock(item.at)} · ${lane(item.lane)}: ${itemSummary(item).slice(0, 80)}`,
      })));
    }, () => setItems([]));
  }, [open]);
  return items;
}

function NewEntry({ path, after, incidentKey, ownLane, onCreated }: {
  path: string;
  after?: string;
  incidentKey: string;
  ownLane: string;
  onCreated: (entry: Entry) => void;
}) {
  const blank = { did: "", saw: "", expected: "", assumed: "", looking_at: "" };
  const [open, setOpen] = useState(false);
  const [at, setAt] = useState("");
  const [uncertainty, setUncertainty] = useState("");
  const [values, setValues] = useState<{ [field: string]: string }>(blank);
  const [error, setError] = useState<ApiError | undefined>();
  const [sameAs, setSameAs] = useState("");
  const linkable = useLinkableItems(incidentKey, ownLane, open);

  function start() {
    setAt(toLocalInput(after ? new Date(Date.parse(after) + 5 * 60000).toISOString() : new Date().toISOString()));
    setOpen(true);
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
