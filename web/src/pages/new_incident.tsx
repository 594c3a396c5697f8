import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { describedBy, Field } from "../components/field";
import { navigate } from "../router";
import { fromLocalInput } from "../time";
import type { Incident } from "../types";
import { ProseInput } from "../components/prose_input";

export function NewIncident() {
  const [title, setTitle] = useState("");
  const [severity, setSeverity] = useState("SEV3");
  const [kind, setKind] = useState<"incident" | "near_miss">("incident");
  const [services, setServices] = useState("");
  const [startedAt, setStartedAt] = useState("");
  const [summary, setSummary] = useState("");
  const [restricted, setRestricted] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body: { [name: string]: unknown } = {
        title,
        severity,
        kind,
        summary,
        restricted,
        services: services.split(",").map((service) => service.trim()).filter(Boolean),
      };
      const started = fromLocalInput(startedAt);
      if (started) body.started_at = started;
      const incident = await api.post<Incident>("/incidents", body);
      navigate(`/incidents/${incident.key}`);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : new ApiError(0, "Saving failed.", undefined, []));
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (name: string) => error?.forField(name);
  return (
    <main class="page page--narrow" id="main">
      <h1>New incident</h1>
      <form class="card form" onSubmit={submit} noValidate>
        {error && !error.errors.length && <p class="alert alert--error" role="alert">{error.detail}</p>}
        <Field id="title" label="Title" error={fieldError("title")} hint="What people noticed, not who caused it.">
          <input id="title" value={title} required maxLength={200} aria-invalid={!!fieldError("title")}
            aria-describedby={describedBy("title", fieldError("title"), true)}
            onInput={(event) => setTitle(event.currentTarget.value)} />
        </Field>
        <Field id="severity" label="Severity" error={fieldError("severity")}>
          <select id="severity" value={severity} onChange={(event) => setSeverity(event.currentTarget.value)}>
            {["SEV1", "SEV2", "SEV3", "SEV4"].map((level) => <option value={level}>{level}</option>)}
          </select>
        </Field>
        <Field id="kind" label="What happened" error={fieldError("kind")}
          hint="A near miss: harm that did not happen this time, worth learning from all the same.">
          <select id="kind" value={kind} aria-describedby={describedBy("kind", fieldError("kind"), true)}
            onChange={(event) => setKind(event.currentTarget.value as "incident" | "near_miss")}>
            <option value="incident">An incident</option>
            <option value="near_miss">A near miss</option>
          </select>
        </Field>
        <Field id="services" label="Services" error={fieldError("services")} hint="Comma-separated, e.g. checkout, payments">
          <input id="services" value={services} aria-describedby={describedBy("services", fieldError("services"), true)}
            onInput={(event) => setServices(event.currentTarget.value)} />
        </Field>
        <Field id="started_at" label="Started (your time zone)" error={fieldError("started_at")}>
          <input id="started_at" type="datetime-local" value={startedAt}
            onInput={(event) => setStartedAt(event.currentTarget.value)} />
        </Field>
        <label class="checkbox">
          <input id="restricted" type="checkbox" checked={restricted}
            onChange={(event) => setRestricted(event.currentTarget.checked)} />
          {" "}Restricted from the start (a security incident, say): only you, the people you add and the readers you name can see it
        </label>
        <Field id="summary" label="Summary" error={fieldError("summary")} hint="Markdown. What people noticed and what it meant for them.">
          <ProseInput id="summary" rows={4} value={summary} onValue={setSummary} describedBy="summary-hint" />
        </Field>
        <div class="form__actions">
          <button class="button button--primary" type="submit" disabled={busy}>{busy ? "Opening…" : "Open incident"}</button>
          <button class="button" type="button" onClick={() => history.back()}>Cancel</button>
        </div>
      </form>
    </main>
  );
}
