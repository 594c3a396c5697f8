// Settings for every signed-in person: who they are signed in as, how they are notified (see
// notification_settings.tsx), and their own API tokens (list, create with an expiry, the secret
// shown once with a copy button, revoke).
import { useRef, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { sortTokens, TokenTable } from "../components/api_tokens";
import { Field } from "../components/field";
import { Loading, Problem } from "../components/status";
import type { ApiToken, NewToken, User } from "../types";
import { useLoad } from "../use_load";
import { NotificationSettings } from "./notification_settings";

export function Settings({ me }: { me: User }) {
  return (
    <main class="page page--narrow" id="main">
      <h1>Settings</h1>
      <div class="review-records">
        <section class="card" aria-labelledby="profile-title">
          <h2 id="profile-title">Signed in as</h2>
          <dl class="key-times">
            <div><dt>Name</dt><dd>{me.name}</dd></div>
            <div><dt>Email</dt><dd>{me.email}</dd></div>
            <div><dt>Role</dt><dd>{me.role}</dd></div>
          </dl>
        </section>
        <NotificationSettings />
        <Tokens />
      </div>
    </main>
  );
}

const kExpiries: { days: string; label: string }[] = [
  { days: "30", label: "30 days" },
  { days: "90", label: "90 days" },
  { days: "365", label: "1 year" },
  { days: "", label: "Never" },
];

function Tokens() {
  const tokens = useLoad(() => api.get<{ items: ApiToken[] }>("/me/tokens"), "my-tokens");
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState("90");
  const [created, setCreated] = useState<NewToken | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const list = tokens.data?.items ?? [];

  async function create(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      const token = await api.post<NewToken>("/me/tokens", { name, expires_in_days: expiry === "" ? null : Number(expiry) });
      setCreated(token);
      setName("");
      setError(undefined);
      // The list keeps what it always shows; the secret stays only with the box that shows it.
      const { token: _secret, ...listed } = token;
      tokens.set({ items: [listed, ...list] });
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : new ApiError(0, "Creating the token failed.", undefined, []));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p class="muted">For scripts and CI: send it as <code>Authorization: Bearer …</code>. It acts as you, and is shown only once.</p>
      {tokens.loading && !tokens.data && <Loading what="your tokens" />}
      {tokens.error !== undefined && <Problem error={tokens.error} retry={tokens.reload} />}
      {tokens.data && list.length === 0 && <p class="muted">You have no API tokens. Create one below when a script needs to read or write as you.</p>}
      {list.length > 0 && (
        <TokenTable tokens={sortTokens(list)} label="Your API tokens"
          onRevoked={(revoked) => tokens.set({ items: list.map((token) => (token.id === revoked.id ? revoked : token)) })} />
      )}
      {created && <NewSecret token={created} onDone={() => setCreated(undefined)} />}
      <form class="record-form" aria-label="Create an API token" onSubmit={create}>
        <h3>Create a token</h3>
        {error && !error.errors.length && <p class="alert alert--error" role="alert">{error.detail}</p>}
        <div class="record-form__fields">
          <Field id="token-name" label="What it is for" error={error?.forField("name")}>
            <input id="token-name" value={name} placeholder="e.g. alert importer" maxLength={100} onInput={(event) => setName(event.currentTarget.value)} />
          </Field>
          <Field id="token-expiry" label="Expires after" hint="It is refused after that; you can revoke it sooner." error={error?.forField("expires_in_days")}>
            <select id="token-expiry" value={expiry} aria-describedby="token-expiry-hint" onChange={(event) => setExpiry(event.currentTarget.value)}>
              {kExpiries.map((choice) => <option value={choice.days}>{choice.label}</option>)}
            </select>
          </Field>
        </div>
        <div class="form__actions"><button class="button" type="submit" disabled={busy}>Create token</button></div>
      </form>
    </section>
  );
}

// The secret of a token just created: shown this once, with a button that copies it.
function NewSecret({ token, onDone }: { token: NewToken; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState("");
  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied("Copied.");
    } catch {
      // Without clipboard access (plain http on another host, say): select it for Ctrl+C.
      input.current?.select();
      setCopied(document.execCommand("copy") ? "Copied." : "The browser did not allow copying: the token is selected, copy it with Ctrl+C (⌘C).");
    }
  }
  return (
    <div class="alert alert--info token-secret" role="status">
      <p><strong>Copy it now:</strong> this is the only time “{token.name}” is shown. If it is lost, revoke it and create another.</p>
      <div class="token-secret__row">
        <label class="visually-hidden" for="token-secret">The new token</label>
        <input id="token-secret" class="token" readOnly value={token.token} ref={input} onFocus={(event) => event.currentTarget.select()} />
        <button class="button" type="button" onClick={() => void copy()}>Copy</button>
        <button class="button button--quiet" type="button" onClick={onDone}>Done</button>
      </div>
      {copied && <p class="token-secret__copied">{copied}</p>}
    </div>
  );
}
