import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Field } from "../components/field";
import type { ErasureReport, Person } from "../types";

export type { ErasureReport };

// Erasing a person on request: their name and address give way to a label everywhere, the accounts
// they kept to themselves go, what they released stays under the label. It cannot be undone, so
// the admin types the address to confirm, and reads what it changed afterwards.
export function ErasePerson({ person, onErased }: { person: Person; onErased: (report: ErasureReport) => void }) {
  const [open, setOpen] = useState(false);
  const [confirmation, setConfirmation] = useState("");
  const [otherNames, setOtherNames] = useState("");
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const id = `erase-${person.id}`;
  if (!open) {
    return <button class="button button--quiet" type="button" onClick={() => setOpen(true)}>Erase…</button>;
  }
  async function erase(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      const also_known_as = otherNames.split(",").map((name) => name.trim()).filter((name) => name !== "");
      const report = await api.post<ErasureReport>(`/users/${person.id}/erasure`, { also_known_as }, person.version);
      setError(undefined);
      onErased(report);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : undefined);
    } finally {
      setBusy(false);
    }
  }
  const confirmed = confirmation.trim().toLowerCase() === person.email.toLowerCase();
  return (
    <form class="record-form" onSubmit={erase} aria-label={`Erase ${person.name}`}>
      <p>
        Erasing replaces {person.name}'s name and address with a label in every incident, published review, library
        entry, notification and log entry. Accounts they kept to themselves are deleted; accounts they released to a
        review stay under the label. They can no longer sign in. This cannot be undone, and backups taken before still
        hold them.
      </p>
      {error && <p class="alert alert--error" role="alert">{error.detail}</p>}
      <div class="record-form__fields">
        <Field id={`${id}-names`} label="Other names they went by (optional)" hint="A chat handle or nickname the records may hold, separated by commas.">
          <input id={`${id}-names`} value={otherNames} onInput={(event) => setOtherNames(event.currentTarget.value)} />
        </Field>
        <Field id={`${id}-confirm`} label={`Type ${person.email} to confirm`}>
          <input id={`${id}-confirm`} autocomplete="off" value={confirmation} onInput={(event) => setConfirmation(event.currentTarget.value)} />
        </Field>
      </div>
      {busy && (
        <p role="status" class="muted">
          Erasing: every incident, published review and log entry is read and rewritten. On a large database this takes a
          minute or more; keep this page open.
        </p>
      )}
      <div class="form__actions">
        <button class="button button--danger" type="submit" disabled={!confirmed || busy}>{busy ? "Erasing…" : "Erase for good"}</button>
        <button class="button button--quiet" type="button" onClick={() => setOpen(false)}>Cancel</button>
      </div>
    </form>
  );
}

export function ErasureSummary({ report }: { report: ErasureReport }) {
  const hidden = report.restricted_incidents_changed;
  return (
    <div role="status" class="alert">
      <p>Erased: now “{report.label}”.</p>
      <ul>
        <li>{report.records_rewritten} records rewritten in {report.incidents.length + hidden} incidents{hidden > 0 ? ` (${hidden} restricted, not named here)` : ""}{report.incidents.length > 0 ? `: ${report.incidents.map((incident) => incident.key).join(", ")}` : ""}</li>
        <li>{report.accounts_deleted} private accounts deleted, {report.accounts_kept} released accounts kept under the label</li>
        <li>{report.published_incidents_rewritten} published reviews and {report.library_entries_rebuilt} library entries rewritten</li>
        <li>{report.audit_entries_rewritten} audit entries, {report.notifications_rewritten} notifications and {report.webhook_deliveries_rewritten} webhook deliveries rewritten</li>
        <li>{report.sessions_ended} sessions ended, {report.identities_removed} sign-in identities removed</li>
      </ul>
    </div>
  );
}
