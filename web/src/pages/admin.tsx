import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Field } from "../components/field";
import { sortTokens, TokenTable } from "../components/api_tokens";
import { Link } from "../components/link";
import { Loading, Problem, Time } from "../components/status";
import { asSentence } from "../text";
import type { ApiToken, Person, Role, User } from "../types";
import { useLoad } from "../use_load";
import { ErasePerson, type ErasureReport, ErasureSummary } from "./erasure";
import { LanguageFeedback } from "./language_feedback";
import { ReviewTemplates } from "./review_templates";

interface AuditEntry {
  id: number;
  at: string;
  actor_id: number | null;
  action: string;
  entity: string;
  entity_id: number;
  // {"changed": true} for the words of accounts, entries and comments, which stay with their
  // authors: the log says which fields changed, never what they said.
  changes: { [field: string]: { from?: unknown; to?: unknown; changed?: boolean } } | null;
}

const show = (value: unknown) => (value === null || value === undefined || value === "" ? "(empty)" : typeof value === "string" ? value : JSON.stringify(value));

// People, review rules and templates, dismissed language hints and allowed phrases, webhooks,
// everyone's API tokens and the audit log: for admins only. Someone else who follows a link here is told why there is nothing to see, and
// where their own settings are.
export function Admin({ me }: { me: User }) {
  if (me.role !== "admin") {
    return (
      <main class="page page--narrow" id="main">
        <h1>Admin</h1>
        <div class="card" role="note">
          <p>This page is for people with the admin role: it manages people and their roles, review rules and templates, the language hints people dismiss, webhooks, everyone's API tokens and the audit log.</p>
          <p>You are signed in as a {me.role}. Ask an admin if you need something changed here. Your own API tokens are in <Link href="/settings">Settings</Link>.</p>
        </div>
      </main>
    );
  }
  return (
    <main class="page" id="main">
      <h1>Admin</h1>
      <div class="review-records">
        <Users me={me} />
        <ReviewRules />
        <ReviewTemplates />
        <LanguageFeedback />
        <Webhooks />
        <AllTokens />
        <Audit />
      </div>
    </main>
  );
}

function Users({ me }: { me: User }) {
  const users = useLoad(() => api.get<{ items: Person[] }>("/users"), "users");
  const [form, setForm] = useState({ email: "", name: "", role: "member", password: "" });
  const [error, setError] = useState<ApiError | undefined>();
  const [roleError, setRoleError] = useState("");
  const [erasure, setErasure] = useState<ErasureReport | undefined>();
  async function add(event: Event) {
    event.preventDefault();
    try {
      await api.post("/users", form);
      setForm({ email: "", name: "", role: "member", password: "" });
      setError(undefined);
      users.reload();
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : undefined);
    }
  }
  return (
    <section class="card" aria-labelledby="users-title">
      <h2 id="users-title">People and roles</h2>
      <p class="muted">Viewers read published work and released accounts; members also write; admins also manage people and read the audit log.</p>
      {users.loading && !users.data && <Loading what="people" />}
      {users.error !== undefined && <Problem error={users.error} retry={users.reload} />}
      {roleError && <p class="alert alert--error" role="alert">{roleError}</p>}
      {erasure && <ErasureSummary report={erasure} />}
      <table class="table">
        <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col"><span class="visually-hidden">Erasure</span></th></tr></thead>
        <tbody>
          {(users.data?.items ?? []).map((user) => (
            <tr>
              <td>{user.name}</td>
              <td>{user.email}</td>
              <td>
                <label class="visually-hidden" for={`role-${user.id}`}>Role of {user.name}</label>
                <select id={`role-${user.id}`} value={user.role} disabled={user.id === me.id}
                  onChange={async (event) => {
                    try {
                      await api.patch(`/users/${user.id}`, { role: event.currentTarget.value as Role }, user.version);
                      setRoleError("");
                    } catch (reason) {
                      setRoleError(`${user.name}'s role was not changed. ${reason instanceof ApiError ? reason.detail : "The server did not answer."}`);
                    }
                    users.reload();
                  }}>
                  {["viewer", "member", "admin"].map((role) => <option value={role}>{role}</option>)}
                </select>
              </td>
              <td>
                {user.email.endsWith("@erased.invalid") ? <span class="muted">erased</span>
                  : user.id !== me.id && <ErasePerson person={user} onErased={(report) => { setErasure(report); users.reload(); }} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="record-form" onSubmit={add} aria-label="Add a person">
        <h3>Add a person</h3>
        {error && !error.errors.length && <p class="alert alert--error" role="alert">{error.detail}</p>}
        <div class="record-form__fields">
          <Field id="user-email" label="Email" error={error?.forField("email")}>
            <input id="user-email" type="email" value={form.email} onInput={(event) => setForm({ ...form, email: event.currentTarget.value })} />
          </Field>
          <Field id="user-name" label="Name" error={error?.forField("name")}>
            <input id="user-name" value={form.name} onInput={(event) => setForm({ ...form, name: event.currentTarget.value })} />
          </Field>
          <Field id="user-role" label="Role">
            <select id="user-role" value={form.role} onChange={(event) => setForm({ ...form, role: event.currentTarget.value })}>
              {["viewer", "member", "admin"].map((role) => <option value={role}>{role}</option>)}
            </select>
          </Field>
          <Field id="user-password" label="First password" error={error?.forField("password")} hint="At least 10 characters; they can change it later.">
            <input id="user-password" type="password" autocomplete="new-password" value={form.password} onInput={(event) => setForm({ ...form, password: event.currentTarget.value })} />
          </Field>
        </div>
        <div class="form__actions"><button class="button button--primary" type="submit">Add person</button></div>
      </form>
    </section>
  );
}

// Everyone's API tokens, with whose each is: revoke one that leaked, or of someone who left.
function AllTokens() {
  const tokens = useLoad(() => api.get<{ items: ApiToken[] }>("/tokens"), "all-tokens");
  const list = tokens.data?.items ?? [];
  return (
    <section class="card" aria-labelledby="all-tokens-title">
      <h2 id="all-tokens-title">API tokens</h2>
      <p class="muted">Everyone's tokens for scripts and CI. Revoke one that may have leaked, or that belongs to someone who left: it is refused from its next request. People create their own in <Link href="/settings">Settings</Link>.</p>
      {tokens.loading && !tokens.data && <Loading what="API tokens" />}
      {tokens.error !== undefined && <Problem error={tokens.error} retry={tokens.reload} />}
      {tokens.data && list.length === 0 && <p class="muted">Nobody has an API token yet.</p>}
      {list.length > 0 && (
        <TokenTable tokens={sortTokens(list)} label="Everyone's API tokens" owners
          onRevoked={(revoked) => tokens.set({ items: list.map((token) => (token.id === revoked.id ? revoked : token)) })} />
      )}
    </section>
  );
}

function Audit() {
  const audit = useLoad(async () => {
    const [entries, users] = await Promise.all([
      api.get<{ items: AuditEntry[] }>("/audit"),
      api.get<{ items: User[] }>("/users"),
    ]);
    return { items: entries.items, names: new Map(users.items.map((user) => [user.id, user.name])) };
  }, "audit");
  return (
    <section class="card" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <p class="muted">Every change, who made it and when, field by field. Newest first.</p>
      {audit.loading && !audit.data && <Loading what="the audit log" />}
      {audit.error !== undefined && <Problem error={audit.error} retry={audit.reload} />}
      <table class="table">
        <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Changes</th></tr></thead>
        <tbody>
          {(audit.data?.items ?? []).map((entry) => (
            <tr>
              <td><Time iso={entry.at} /></td>
              <td>{entry.actor_id === null ? "system" : audit.data?.names.get(entry.actor_id) ?? `user ${entry.actor_id}`}</td>
              <td>{entry.action} {entry.entity.replace(/_/g, " ")} {entry.entity_id}</td>
              <td>
                <ul class="diff">
                  {Object.entries(entry.changes ?? {}).map(([field, change]) => (
                    change.changed ? (
                      <li><strong>{field}</strong>: <span class="muted">changed (the author's words are not kept here)</span></li>
                    ) : (
                      <li><strong>{field}</strong>: <del>{show(change.from)}</del> → <ins>{show(change.to)}</ins></li>
                    )
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

interface Rule {
  severity: string;
  review_required: boolean;
  approvals_required: number;
  due_business_days: number | null;
  version: number;
}

// One row per severity of the scale: a rule saved, or the defaults (no approval, no due date).
function RuleRow({ severity, rule, onSaved }: { severity: string; rule: Rule | undefined; onSaved: () => void }) {
  const [draft, setDraft] = useState({
    review_required: rule?.review_required ?? false,
    approvals_required: rule?.approvals_required ?? 1,
    due_business_days: rule?.due_business_days ?? null as number | null,
  });
  const [message, setMessage] = useState("");
  const id = `rule-${severity.toLowerCase()}`;
  async function save() {
    try {
      await api.put(`/review-rules/${encodeURIComponent(severity)}`, draft, rule?.version);
      setMessage("Saved.");
      onSaved();
    } catch (reason) {
      setMessage(reason instanceof ApiError ? reason.detail : "The rule was not saved.");
    }
  }
  return (
    <tr>
      <th scope="row">{severity}</th>
      <td>
        <input id={`${id}-required`} type="checkbox" checked={draft.review_required}
          aria-label={`${severity} reviews need approval`}
          onChange={(event) => setDraft({ ...draft, review_required: event.currentTarget.checked })} />
      </td>
      <td>
        <input id={`${id}-approvals`} type="number" min={1} max={10} value={draft.approvals_required}
          aria-label={`Approvals needed for ${severity}`} disabled={!draft.review_required}
          onInput={(event) => setDraft({ ...draft, approvals_required: Number(event.currentTarget.value) })} />
      </td>
      <td>
        <input id={`${id}-due`} type="number" min={0} max={260} value={draft.due_business_days ?? ""}
          aria-label={`Business days after resolution a ${severity} review is due (empty: no due date)`}
          onInput={(event) => setDraft({ ...draft, due_business_days: event.currentTarget.value === "" ? null : Number(event.currentTarget.value) })} />
      </td>
      <td>
        <button class="button" type="button" onClick={() => void save()}>Save {severity}</button>
        {message && <span class="muted" role="status"> {message}</span>}
      </td>
    </tr>
  );
}

function ReviewRules() {
  const rules = useLoad(() => api.get<{ items: Rule[]; severities: string[] }>("/review-rules"), "review-rules");
  return (
    <section class="card" aria-labelledby="rules-title">
      <h2 id="rules-title">Review rules</h2>
      <p class="muted">Per severity: whether a review needs approval before it is published, by how many reviewers, and within how many business days of resolution it is due. Overdue reviews are flagged on the incident.</p>
      {rules.error !== undefined && <Problem error={rules.error} retry={rules.reload} />}
      {rules.data && (
        <table class="table">
          <thead><tr><th scope="col">Severity</th><th scope="col">Needs approval</th><th scope="col">Approvals</th><th scope="col">Due (business days)</th><th scope="col"><span class="visually-hidden">Save</span></th></tr></thead>
          <tbody>
            {rules.data.severities.map((severity) => (
              <RuleRow key={severity}
                severity={severity} rule={rules.data?.items.find((rule) => rule.severity === severity)} onSaved={rules.reload} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface Webhook {
  id: number;
  version: number;
  url: string;
  events: string[];
  active: boolean;
  description: string;
}

interface Delivery {
  id: number;
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  created_at: string;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string;
}

const kEventText: { [event: string]: string } = {
  "review.published": "a review is published",
  "review.requested": "someone is asked to review",
  "action.due": "an action item is due today",
  "action.overdue": "an action item is overdue",
};

function DeliveryLog({ webhook }: { webhook: Webhook }) {
  const deliveries = useLoad(() => api.get<{ items: Delivery[] }>(`/webhooks/${webhook.id}/deliveries`), `deliveries-${webhook.id}`);
  const [message, setMessage] = useState("");
  async function act(run: () => Promise<unknown>, done: string) {
    try {
      await run();
      setMessage(done);
      deliveries.reload();
    } catch (reason) {
      setMessage(reason instanceof ApiError ? reason.detail : "That did not work.");
    }
  }
  return (
    <div class="webhook__log">
      <div class="form__actions">
        <button class="button" type="button" onClick={() => void act(() => api.post(`/webhooks/${webhook.id}/ping`, {}), "A test delivery is on its way.")}>
          Send a test
        </button>
        <button class="button button--quiet" type="button" onClick={deliveries.reload}>Refresh</button>
        {message && <span class="muted" role="status">{message}</span>}
      </div>
      {deliveries.data && !deliveries.data.items.length && <p class="muted">No deliveries yet.</p>}
      {deliveries.data && deliveries.data.items.length > 0 && (
        <table class="table">
          <thead><tr><th scope="col">Event</th><th scope="col">Queued</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Last answer</th><th scope="col"><span class="visually-hidden">Retry</span></th></tr></thead>
          <tbody>
            {deliveries.data.items.map((delivery) => (
              <tr class={`delivery delivery--${delivery.status}`}>
                <td>{delivery.event}</td>
                <td><Time iso={delivery.created_at} /></td>
                <td>
                  <span class={`badge badge--delivery-${delivery.status}`}>{delivery.status}</span>
                  {delivery.status === "pending" && delivery.attempts > 0 && delivery.next_attempt_at && <> next <Time iso={delivery.next_attempt_at} /></>}
                </td>
                <td>{delivery.attempts}</td>
                <td>{delivery.last_status_code ?? ""} {asSentence(delivery.last_error)}</td>
                <td>
                  {delivery.status === "failed" && (
                    <button class="button button--quiet" type="button"
                      onClick={() => void act(() => api.post(`/webhooks/${webhook.id}/deliveries/${delivery.id}/retry`, {}), "Queued again.")}>
                      Retry
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Webhooks() {
  const webhooks = useLoad(() => api.get<{ items: Webhook[]; events: string[] }>("/webhooks"), "webhooks");
  const [form, setForm] = useState({ url: "", secret: "", description: "", events: [] as string[] });
  const [error, setError] = useState<ApiError | undefined>();
  const [open, setOpen] = useState<number | null>(null);
  async function add(event: Event) {
    event.preventDefault();
    try {
      await api.post("/webhooks", form);
      setForm({ url: "", secret: "", description: "", events: [] });
      setError(undefined);
      webhooks.reload();
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : undefined);
    }
  }
  const [changeError, setChangeError] = useState("");
  // Turning on or off and removing say why when they fail (someone else changed it first, say).
  async function change(run: () => Promise<unknown>, what: string) {
    try {
      await run();
      setChangeError("");
    } catch (reason) {
      setChangeError(`${what}. ${reason instanceof ApiError ? reason.detail : "The server did not answer."}`);
    }
    webhooks.reload();
  }
  const toggle = (webhook: Webhook) => change(
    () => api.patch(`/webhooks/${webhook.id}`, { active: !webhook.active }, webhook.version),
    `The webhook to ${webhook.url} was not turned ${webhook.active ? "off" : "on"}`);
  const remove = (webhook: Webhook) => {
    if (!confirm(`Remove the webhook to ${webhook.url} and its delivery log?`)) return;
    void change(() => api.remove(`/webhooks/${webhook.id}`, webhook.version),
      `The webhook to ${webhook.url} was not removed`);
  };
  return (
    <section class="card" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks</h2>
      <p class="muted">Tell other systems when something happens. Each delivery is a JSON POST signed with your secret: <code>X-Debrief-Signature: sha256=HMAC(secret, X-Debrief-Timestamp + "." + body)</code>. Failed deliveries are retried after 10 s, 30 s, 2 min, 10 min and 1 h.</p>
      {webhooks.error !== undefined && <Problem error={webhooks.error} retry={webhooks.reload} />}
      {changeError && <p class="alert alert--error" role="alert">{changeError}</p>}
      <ul class="webhooks">
        {(webhooks.data?.items ?? []).map((webhook) => (
          <li class="webhook">
            <p class="webhook__url"><strong>{webhook.url}</strong> {!webhook.active && <span class="badge">off</span>}</p>
            <p class="muted">When {webhook.events.map((event) => kEventText[event] ?? event).join(", or ")}{webhook.description && ` · ${webhook.description}`}</p>
            <div class="form__actions">
              <button class="button button--quiet" type="button" aria-expanded={open === webhook.id}
                onClick={() => setOpen(open === webhook.id ? null : webhook.id)}>Deliveries</button>
              <button class="button button--quiet" type="button" onClick={() => void toggle(webhook)}>{webhook.active ? "Turn off" : "Turn on"}</button>
              <button class="button button--quiet" type="button" onClick={() => remove(webhook)}>Remove</button>
            </div>
            {open === webhook.id && <DeliveryLog webhook={webhook} />}
          </li>
        ))}
      </ul>
      <form class="record-form" onSubmit={add} aria-label="Add a webhook">
        <h3>Add a webhook</h3>
        {error && !error.field && <p class="alert alert--error" role="alert">{error.detail}</p>}
        <div class="record-form__fields">
          <Field id="webhook-url" label="URL" error={error?.field === "url" ? error.detail : undefined}>
            <input id="webhook-url" type="url" value={form.url} placeholder="https://hooks.example.com/debrief" onInput={(event) => setForm({ ...form, url: event.currentTarget.value })} />
          </Field>
          <Field id="webhook-secret" label="Secret" error={error?.field === "secret" ? error.detail : undefined} hint="16 characters or more; shown to no one afterwards.">
            <input id="webhook-secret" type="password" autocomplete="off" value={form.secret} onInput={(event) => setForm({ ...form, secret: event.currentTarget.value })} />
          </Field>
          <Field id="webhook-description" label="Description">
            <input id="webhook-description" value={form.description} onInput={(event) => setForm({ ...form, description: event.currentTarget.value })} />
          </Field>
        </div>
        <fieldset class="checklist form-fieldset">
          <legend>Send when</legend>
          {(webhooks.data?.events ?? []).map((event) => (
            <label class="workflow__person">
              <input type="checkbox" checked={form.events.includes(event)}
                onChange={(change) => setForm({ ...form, events: change.currentTarget.checked ? [...form.events, event] : form.events.filter((item) => item !== event) })} />
              {kEventText[event] ?? event}
            </label>
          ))}
          {error?.field === "events" && <p class="field__error" role="alert">{error.detail}</p>}
        </fieldset>
        <div class="form__actions"><button class="button button--primary" type="submit">Add webhook</button></div>
      </form>
    </section>
  );
}
