import { useState } from "preact/hooks";
import { api, ApiError, setCsrfToken } from "../api";
import { Field } from "../components/field";
import type { User } from "../types";

export function SignIn({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError("");
    try {
      const result = await api.post<{ user: User; csrf_token: string }>("/session", { email, password });
      setCsrfToken(result.csrf_token);
      onSignedIn({ ...result.user, csrf_token: result.csrf_token });
    } catch (reason) {
      if (reason instanceof ApiError && reason.status === 429) {
        setError("Too many attempts. For your account's safety, wait 15 minutes before trying again.");
      } else if (reason instanceof ApiError && reason.status === 401) {
        setError("That email and password do not match. Check both and try again.");
      } else {
        setError(reason instanceof ApiError ? reason.detail : "Signing in failed.");
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="sign-in">
      <form class="card sign-in__card" onSubmit={submit} aria-labelledby="sign-in-title">
        <p class="brand brand--large" aria-hidden="true">debrief</p>
        <h1 id="sign-in-title">Sign in</h1>
        <p class="muted">Blameless reviews: what happened, as the people closest to it saw it.</p>
        {error && (
          <p class="alert alert--error" role="alert">
            {error}
          </p>
        )}
        <Field id="email" label="Email">
          <input id="email" type="email" autocomplete="username" required value={email}
            onInput={(event) => setEmail(event.currentTarget.value)} />
        </Field>
        <Field id="password" label="Password">
          <input id="password" type="password" autocomplete="current-password" required value={password}
            onInput={(event) => setPassword(event.currentTarget.value)} />
        </Field>
        <button class="button button--primary button--wide" type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
