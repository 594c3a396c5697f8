// The questions a review template asks in one section of the review, each with its answer:
// Markdown, written in place and saved as an answer record of the incident.
import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Field } from "../components/field";
import { Markdown } from "../components/markdown";
import { ProseInput } from "../components/prose_input";
import type { AskedQuestion } from "../review_template";
import type { ReviewAnswer, ReviewSectionName } from "../types";

// Said on a section the template does not show, which is shown only because it holds something.
export function NotInTemplate() {
  return (
    <p class="review-section__hidden">
      <span class="badge">Not in the template</span>{" "}
      <span class="muted">This review's template does not show this section. It stays in view because it holds what was written here before.</span>
    </p>
  );
}

export function SectionQuestions({ incidentKey, section, items, canWrite, onSaved, onStale }: {
  incidentKey: string;
  section: ReviewSectionName;
  items: AskedQuestion[];
  canWrite: boolean;
  // An answer was added, changed (the record as saved) or deleted (undefined).
  onSaved: (question: string, answer: ReviewAnswer | undefined) => void;
  // Someone else changed an answer meanwhile: load them all again.
  onStale: () => void;
}) {
  return (
    <ul class="questions" aria-label="Questions of the template">
      {items.map((item, index) => (
        // Keyed by the question alone: an answer saved by someone else meanwhile must not
        // replace the editor holding this person's words.
        <Question key={item.question} item={item} id={`question-${section}-${index}`}
          path={`/incidents/${encodeURIComponent(incidentKey)}/answers`} section={section} canWrite={canWrite}
          onSaved={(answer) => onSaved(item.question, answer)} onStale={onStale} />
      ))}
    </ul>
  );
}

function Question({ item, id, path, section, canWrite, onSaved, onStale }: {
  item: AskedQuestion;
  id: string;
  path: string;
  section: ReviewSectionName;
  canWrite: boolean;
  onSaved: (answer: ReviewAnswer | undefined) => void;
  onStale: () => void;
}) {
  const { question, answer, asked } = item;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(answer?.answer ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  // Someone else saved an answer while this one was written: theirs is shown above the editor.
  const [overtaken, setOvertaken] = useState(false);

  function stale() {
    setOvertaken(true);
    setError("Someone else saved an answer to this question while you were writing; theirs is shown above yours. Keep what you need from it, then save to replace it, or cancel.");
    onStale();
  }

  async function save(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError("");
    try {
      const saved = answer
        ? await api.patch<ReviewAnswer>(`${path}/${answer.id}`, { answer: text }, answer.version)
        : await api.post<ReviewAnswer>(path, { section, question, answer: text });
      setEditing(false);
      setOvertaken(false);
      onSaved(saved);
    } catch (reason) {
      // 409: answered by someone else first; 412: their change came first.
      if (reason instanceof ApiError && (reason.status === 409 || reason.status === 412)) stale();
      else setError(`The answer was not saved. ${reason instanceof ApiError ? reason.detail : "The server did not answer."}`);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!answer || !confirm("Delete this answer?")) return;
    try {
      await api.remove(`${path}/${answer.id}`, answer.version);
      onSaved(undefined);
    } catch (reason) {
      if (reason instanceof ApiError && reason.status === 412) {
        setError("Someone changed this answer since it was shown; here is their version. Delete again if it should still go.");
        onStale();
      } else {
        setError(`The answer was not deleted. ${reason instanceof ApiError ? reason.detail : "The server did not answer."}`);
      }
    }
  }

  const titleId = `${id}-title`;
  return (
    <li class="question" id={answer ? `answer-${answer.id}` : undefined}>
      {editing ? (
        <form class="record-form" onSubmit={save} aria-label={`Answer: ${question}`}>
          {overtaken && answer && (
            <div class="record__prose">
              <p class="record__label">Their answer, saved meanwhile</p>
              <Markdown text={answer.answer} />
            </div>
          )}
          {error && <p class="alert alert--error" role="alert">{error}</p>}
          <Field id={id} label={question} hint="Markdown." wide>
            <ProseInput id={id} rows={4} value={text} describedBy={`${id}-hint`} onValue={setText} />
          </Field>
          <div class="form__actions">
            <button class="button button--primary" type="submit" disabled={busy}>{busy ? "Saving…" : "Save answer"}</button>
            <button class="button" type="button" onClick={() => { setEditing(false); setOvertaken(false); setError(""); setText(answer?.answer ?? ""); }}>Cancel</button>
          </div>
        </form>
      ) : (
        <>
          <h3 class="question__text" id={titleId}>{question}</h3>
          {!asked && <p class="muted question__retired">The template no longer asks this; the answer stays with the review.</p>}
          {answer && answer.answer.trim() ? <Markdown text={answer.answer} /> : <p class="muted">Not answered yet.</p>}
          {error && <p class="alert alert--error" role="alert">{error}</p>}
          {canWrite && (
            <div class="form__actions">
              <button class="button" type="button" aria-describedby={titleId}
                onClick={() => { setText(answer?.answer ?? ""); setError(""); setEditing(true); }}>
                {answer ? "Edit answer" : "Answer"}
              </button>
              {answer && <button class="button button--quiet" type="button" aria-describedby={titleId} onClick={() => void remove()}>Delete answer</button>}
            </div>
          )}
        </>
      )}
    </li>
  );
}
