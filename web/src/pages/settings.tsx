// Settings for every signed-in person: who they are signed in as, and their own API tokens.
import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Field } from "../components/field";
import type { User } from "../types";

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
        <Tokens />
      </div>
    </main>
  );
}

function Tokens() {
  const [name, setName] = useState("");
  const [token, setToken] = useState("");
  const [error, setError] = useState("");
  return (
    <section class="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p class="muted">For scripts and CI: send it as <code>Authorization: Bearer …</code>. It acts as you, and is shown only once.</p>
      <form class="form" aria-label="Create an API token" onSubmit={async (event) => {
        event.preventDefault();
        try {
          const created = await api.post<{ token: string }>("/me/tokens", { name });
          setToken(created.token);
          setName("");
          setError("");
        } catch (reason) {
          setError(reason instanceof ApiError ? reason.detail : "Creating the token failed.");
        }
      }}>
        <Field id="token-name" label="What it is for" error={error || undefined}>
          <input id="token-name" value={name} placeholder="e.g. alert importer" onInput={(event) => setName(event.currentTarget.value)} />
        </Field>
        <div class="form__actions"><button class="button" type="submit">Create token</button></div>
      </form>
      {token && <p class="alert alert--info" role="status">Copy it now: <code class="token">{token}</code></p>}
    </section>
  );
}
