import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Field } from "../components/field";
import { Loading, Problem, Time } from "../components/status";
import type { AllowEntry, AllowEntryList, DismissalReport } from "../types";
import { useLoad } from "../use_load";

type RuleDismissals = DismissalReport["rules"][number];

const kSeverityBadge: { [severity: string]: string } = { error: "badge--sev1", warning: "badge--sev2" };

// What people say about the language hints: which rules and phrases they mark "not blame here"
// most, and the phrases the organisation allows. Admins turn a phrase that keeps being dismissed
// into an allow-entry with one click; the sentences themselves are never shown (only a hash of
// each is kept), so an account's words stay its author's.
export function LanguageFeedback() {
  const report = useLoad(() => api.get<DismissalReport>("/lint/dismissals"), "lint-dismissals");
  const allowed = useLoad(() => api.get<AllowEntryList>("/lint/allowed"), "lint-allowed");
  const [changeError, setChangeError] = useState("");
  const [form, setForm] = useState({ phrase: "", rule: "" });
  const [formError, setFormError] = useState<ApiError | undefined>();

  const reload = () => {
    report.reload();
    allowed.reload();
  };
  async function allow(phrase: string, rule: string | null) {
    try {
      await api.post("/lint/allowed", { phrase, rule });
      setChangeError("");
      reload();
    } catch (reason) {
      setChangeError(`“${phrase}” was not allowed: ${reason instanceof ApiError ? reason.detail : String(reason)}`);
    }
  }
  async function forget(rule: string, phrase: string | null) {
    if (!confirm(`Show the “${rule}” hints people dismissed${phrase ? ` on “${phrase}”` : ""} again?`)) return;
    try {
      await api.remove(`/lint/dismissals?${new URLSearchParams({ rule, phrase: phrase ?? "" })}`);
      setChangeError("");
      reload();
    } catch (reason) {
      setChangeError(`The dismissals were kept: ${reason instanceof ApiError ? reason.detail : String(reason)}`);
    }
  }
  async function remove(entry: AllowEntry) {
    try {
      await api.remove(`/lint/allowed/${entry.id}`);
      setChangeError("");
      reload();
    } catch (reason) {
      setChangeError(`“${entry.phrase}” is still allowed: ${reason instanceof ApiError ? reason.detail : String(reason)}`);
    }
  }
  async function add(event: Event) {
    event.preventDefault();
    try {
      await api.post("/lint/allowed", { phrase: form.phrase, rule: form.rule.trim() || null });
      setForm({ phrase: "", rule: "" });
      setFormError(undefined);
      reload();
    } catch (reason) {
      setFormError(reason instanceof ApiError ? reason : undefined);
    }
  }

  const rules = report.data?.rules ?? [];
  const entries = allowed.data?.allowed ?? [];
  return (
    <section class="card" aria-labelledby="language-feedback-title">
      <h2 id="language-feedback-title">Language hints</h2>
      <p class="muted">When someone marks a hint “not blame here”, the same sentence draws no hint of that rule again, for anyone. Rules people dismiss often may need a phrase allowed for the whole organisation.</p>
      {changeError && <p class="alert alert--error" role="alert">{changeError}</p>}
      <h3>Most dismissed</h3>
      {report.error !== undefined && <Problem error={report.error} retry={report.reload} />}
      {report.loading && !report.data && <Loading what="dismissals" />}
      {report.data && rules.length === 0 && <p class="muted">Nobody has dismissed a hint yet.</p>}
      {rules.length > 0 && (
        <table class="table language-feedback__table" aria-label="Dismissed hints by rule">
          <thead>
            <tr><th scope="col">Rule</th><th scope="col">Phrase</th><th scope="col">Dismissed</th><th scope="col">Sentences</th><th scope="col">People</th><th scope="col"><span class="visually-hidden">Action</span></th></tr>
          </thead>
          <tbody>
            {rules.flatMap((rule: RuleDismissals) => rule.phrases.map((phrase, index) => (
              <tr key={`${rule.rule}|${phrase.phrase ?? ""}`}>
                {index === 0 && (
                  <th scope="row" rowSpan={rule.phrases.length}>
                    <code>{rule.rule}</code>{" "}
                    {rule.severity && <span class={`badge ${kSeverityBadge[rule.severity] ?? ""}`}>{rule.severity}</span>}
                    {rule.message && <p class="muted">{rule.message}</p>}
                  </th>
                )}
                <td>{phrase.phrase ? <q>{phrase.phrase}</q> : <span class="muted">{rule.learned ? "whole sentences" : "other wording"}</span>}</td>
                <td>{phrase.dismissals}</td>
                <td>{phrase.sentences}</td>
                <td>{phrase.people}</td>
                <td>
                  {phrase.allow_entry !== null ? (
                    <span class="badge">allowed</span>
                  ) : phrase.phrase ? (
                    <button type="button" class="button button--quiet" onClick={() => void allow(phrase.phrase ?? "", rule.rule)}>
                      Allow “{phrase.phrase}”
                    </button>
                  ) : null}{" "}
                  <button type="button" class="button button--quiet" onClick={() => void forget(rule.rule, phrase.phrase)}>
                    Show again
                  </button>
                </td>
              </tr>
            )))}
          </tbody>
        </table>
      )}
      <h3>Allowed phrases</h3>
      {allowed.error !== undefined && <Problem error={allowed.error} retry={allowed.reload} />}
      {allowed.data && entries.length === 0 && <p class="muted">No phrase is allowed beyond the rule pack's own.</p>}
      {entries.length > 0 && (
        <ul class="allow-entries">
          {entries.map((entry) => (
            <li key={entry.id}>
              <q>{entry.phrase}</q> {entry.rule ? <>for <code>{entry.rule}</code></> : "for every rule"}{" "}
              <span class="muted">since <Time iso={entry.created_at} /></span>{" "}
              <button type="button" class="button button--quiet" onClick={() => void remove(entry)}>Stop allowing</button>
            </li>
          ))}
        </ul>
      )}
      <form class="record-form" onSubmit={add} aria-label="Allow a phrase">
        <h3>Allow a phrase</h3>
        {formError && !formError.field && <p class="alert alert--error" role="alert">{formError.detail}</p>}
        <div class="record-form__fields">
          <Field id="allow-phrase" label="Phrase" error={formError?.field === "phrase" ? formError.detail : undefined} hint="A hint inside these words is not shown, such as “just prior to”.">
            <input id="allow-phrase" value={form.phrase} onInput={(event) => setForm({ ...form, phrase: event.currentTarget.value })} />
          </Field>
          <Field id="allow-rule" label="Rule" error={formError?.field === "rule" ? formError.detail : undefined} hint="A rule id; empty for every rule.">
            <input id="allow-rule" value={form.rule} onInput={(event) => setForm({ ...form, rule: event.currentTarget.value })} />
          </Field>
        </div>
        <div class="form__actions"><button class="button button--primary" type="submit">Allow phrase</button></div>
      </form>
    </section>
  );
}
