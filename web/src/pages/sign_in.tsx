import { useEffect, useState } from "preact/hooks";
import { api, ApiError, setCsrfToken } from "../api";
import { Field } from "../components/field";
import type { User } from "../types";

// The ways in this server offers: a password, the organisation's identity provider, or both;
// and, after a sign-in at the provider failed, why (said once).
interface SignInMethods {
  password: boolean;
  providers: { id: string; name: string; start: string }[];
  failure?: string;
}

export function SignIn({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const [methods, setMethods] = useState<SignInMethods | undefined>(undefined);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.get<SignInMethods>("/auth/methods").then(
      (loaded) => {
        setMethods(loaded);
        if (loaded.failure) setError(loaded.failure);
      },
      // An older or unreachable server: the password form, as before.
      () => setMethods({ password: true, providers: [] }),
    );
  }, []);

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

  // Back where the person was headed once the provider lets them in.
  const returnTo = encodeURIComponent(window.location.pathname + window.location.search);
  const providers = methods?.providers ?? [];
  const passwordAllowed = methods?.password ?? false;

  return (
    <main class="sign-in">
      <div class="card sign-in__card">
        <p class="brand brand--large" aria-hidden="true">debrief</p>
        <h1 id="sign-in-title">Sign in</h1>
        <p class="muted">Blameless reviews: what happened, as the people closest to it saw it.</p>
        {error && (
          <p class="alert alert--error" role="alert">
            {error}
          </p>
        )}
        {providers.map((provider) => (
          <a key={provider.id} class="button button--primary button--wide sign-in__provider"
            href={`${provider.start}?return_to=${returnTo}`}>
            Sign in with {provider.name}
          </a>
        ))}
        {providers.length > 0 && passwordAllowed && <p class="sign-in__or muted">or with your password</p>}
        {passwordAllowed && (
          <form onSubmit={submit} aria-labelledby="sign-in-title">
            <Field id="email" label="Email">
              <input id="email" type="email" autocomplete="username" required value={email}
                onInput={(event) => setEmail(event.currentTarget.value)} />
            </Field>
            <Field id="password" label="Password">
              <input id="password" type="password" autocomplete="current-password" required value={password}
                onInput={(event) => setPassword(event.currentTarget.value)} />
            </Field>
            <button class={`button ${providers.length > 0 ? "" : "button--primary "}button--wide`}
              type="submit" disabled={busy}>
              {busy ? "Signing in…" : "Sign in"}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
