// The review's workflow: where it stands, when it is due, who is asked to review it and what they
// decided. Members ask for review; a named reviewer approves or asks for changes with a note; a
// published review is reopened for its next version.
import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Markdown } from "../components/markdown";
import { ProseInput } from "../components/prose_input";
import { Time } from "../components/status";
import type { Incident, User } from "../types";
import type { DirectoryEntry, ReviewState, Reviewer } from "../types";
import { useLoad } from "../use_load";

type Decision = Reviewer["decision"];
type Person = DirectoryEntry;
export type { ReviewState } from "../types";

const kStatusText: { [status: string]: string } = {
  none: "Not started",
  drafting: "Drafting",
  in_review: "In review",
  approved: "Approved",
  changes_requested: "Changes requested",
  published: "Published",
  reopened: "Reopened for a new version",
};

const kDecisionText: { [decision in Decision]: string } = {
  pending: "has not decided yet",
  approved: "approved",
  changes_requested: "asked for changes",
};

function ruleText(state: ReviewState): string {
  const { rule } = state;
  const approvals = `${state.approvals_needed} approval${state.approvals_needed === 1 ? "" : "s"}`;
  const review = rule.review_required
    ? `${rule.severity} reviews need ${approvals} before they are published`
    : `${rule.severity} reviews may be published without approval`;
  const due = rule.due_business_days !== null
    ? `, within ${rule.due_business_days} business day${rule.due_business_days === 1 ? "" : "s"} of resolution`
    : "";
  return `${review}${due}.`;
}

export function ReviewWorkflow({ incident, me, onChange }: { incident: Incident; me: User; onChange: () => void }) {
  const base = `/incidents/${encodeURIComponent(incident.key)}`;
  const canWrite = me.role !== "viewer";
  const load = useLoad(async () => ({
    state: await api.get<ReviewState>(`${base}/review`),
    people: canWrite ? (await api.get<{ items: Person[] }>("/directory")).items : [],
  }), `${incident.key}:${incident.version}`);
  const [choosing, setChoosing] = useState(false);
  const [chosen, setChosen] = useState<number[]>([]);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  if (!load.data) return null;
  const { state, people } = load.data;
  const mine = state.reviewers.find((reviewer) => reviewer.user_id === me.id);
  const published = state.status === "published";
  const deciding = mine && ["in_review", "approved", "changes_requested"].includes(state.status);
  const candidates = people.filter((person) => person.id !== me.id && person.role !== "viewer");

  async function act(run: () => Promise<unknown>) {
    setBusy(true);
    setError("");
    try {
      await run();
      setChoosing(false);
      setNote("");
      onChange();
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.detail : "That did not work; try again.");
    } finally {
      setBusy(false);
    }
  }
  const request = () => act(() => api.post(`${base}/review/request`, { reviewers: chosen }, state.version));
  const decide = (decision: "approve" | "request_changes") =>
    act(() => api.post(`${base}/review/decision`, { decision, ...(note.trim() ? { note } : {}) }, state.version));
  const reopen = () => act(() => api.post(`${base}/review/reopen`, undefined, state.version));
  const startChoosing = () => {
    setChosen(state.reviewers.map((reviewer) => reviewer.user_id).filter((id) => id !== me.id));
    setChoosing(true);
  };

  return (
    <section class="card workflow" aria-labelledby="workflow-title">
      <h2 id="workflow-title">Review</h2>
      <p class="workflow__status">
        <span class={`badge badge--review-${state.status}`}>{kStatusText[state.status] ?? state.status}</span>{" "}
        {state.due_on && !published && state.status !== "reopened" && (
          state.overdue
            ? <span class="badge badge--overdue">Overdue: due {state.due_on}</span>
            : <span class="muted">Due {state.due_on}</span>
        )}
      </p>
      <p class="muted">{ruleText(state)}</p>
      {state.reviewers.length > 0 && (
        <ul class="workflow__reviewers">
          {state.reviewers.map((reviewer) => (
            <li class={`workflow__reviewer workflow__reviewer--${reviewer.decision}`}>
              <strong>{reviewer.name}</strong> {kDecisionText[reviewer.decision]}
              {reviewer.decided_at && <> · <Time iso={reviewer.decided_at} /></>}
              {reviewer.note && <blockquote><Markdown text={reviewer.note} /></blockquote>}
            </li>
          ))}
        </ul>
      )}
      {state.reviewers.length > 0 && (
        <p class="muted">{state.approvals} of {state.approvals_needed} approval{state.approvals_needed === 1 ? "" : "s"}</p>
      )}
      {error && <p class="alert alert--error" role="alert">{error}</p>}
      {deciding && (
        <div class="workflow__decide">
          <label for="review-note">Your note to the authors</label>
          <ProseInput id="review-note" value={note} onValue={setNote} rows={2} />
          <div class="form__actions">
            <button class="button button--primary" type="button" disabled={busy} onClick={() => void decide("approve")}>Approve</button>
            <button class="button" type="button" disabled={busy || !note.trim()} onClick={() => void decide("request_changes")}
              title={note.trim() ? undefined : "Say what should change in the note first"}>
              Request changes
            </button>
          </div>
        </div>
      )}
      {canWrite && !published && !choosing && (
        <button class="button" type="button" onClick={startChoosing} disabled={incident.status !== "resolved"}>
          {state.reviewers.length ? "Change reviewers or ask again" : "Ask for review"}
        </button>
      )}
      {canWrite && !published && incident.status !== "resolved" && (
        <p class="muted">Review starts once the incident is resolved.</p>
      )}
      {choosing && (
        <fieldset class="workflow__choose">
          <legend>Who should review? Asking again starts a new round.</legend>
          {candidates.map((person) => (
            <label class="workflow__person">
              <input type="checkbox" checked={chosen.includes(person.id)}
                onChange={(event) => setChosen(event.currentTarget.checked
                  ? [...chosen, person.id]
                  : chosen.filter((id) => id !== person.id))} />
              {person.name}
            </label>
          ))}
          <div class="form__actions">
            <button class="button button--primary" type="button" disabled={busy || !chosen.length} onClick={() => void request()}>
              Ask {chosen.length || ""} to review
            </button>
            <button class="button button--quiet" type="button" onClick={() => setChoosing(false)}>Cancel</button>
          </div>
        </fieldset>
      )}
      {canWrite && published && (
        <button class="button" type="button" disabled={busy} onClick={() => void reopen()}>Reopen for a new version</button>
      )}
    </section>
  );
}
