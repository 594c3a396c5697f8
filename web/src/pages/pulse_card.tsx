// The review pulse: after the review meeting, the incident's participants answer two questions
// once ("did you learn something that will change how you work?", "would you come to another
// review like this?") until the review is published. Answers are counted, never kept beside who
// gave them, and the counts are shown once the review is published and enough people answered
// that no one's answer can be read off them.
import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import type { Incident, Pulse } from "../types";
import { useLoad } from "../use_load";

const kAnswerLabels: Record<string, string> = { yes: "Yes", somewhat: "Somewhat", maybe: "Maybe", no: "No" };

export function PulseCard({ incident }: { incident: Incident }) {
  const path = `/incidents/${encodeURIComponent(incident.key)}/pulse`;
  const loaded = useLoad(() => api.get<Pulse>(path), `${path}:${incident.status}`);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState("");
  const [busy, setBusy] = useState(false);
  const pulse = loaded.data;
  if (!pulse || incident.status !== "resolved") return null;
  if (!pulse.can_answer && !pulse.answered && pulse.responses === 0) return null;

  async function send(event: Event) {
    event.preventDefault();
    setBusy(true);
    setFailure("");
    try {
      loaded.set(await api.post<Pulse>(path, { learned: chosen.learned, again: chosen.again }));
    } catch (reason) {
      setFailure(`Your answers were not sent. ${reason instanceof ApiError ? reason.detail : "The server did not answer."}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card pulse" aria-labelledby="pulse-title">
      <h2 id="pulse-title">Review pulse</h2>
      {pulse.can_answer ? (
        <form onSubmit={send}>
          <p class="muted">Two questions, answered once. Answers are only counted: nobody, not even an admin, can see what you chose.</p>
          {pulse.questions.map((question) => (
            <fieldset key={question.name} class="pulse__question">
              <legend>{question.text}</legend>
              {question.answers.map((answer) => (
                <label key={answer} class="pulse__answer">
                  <input type="radio" name={`pulse-${question.name}`} value={answer} checked={chosen[question.name] === answer}
                    onChange={() => setChosen({ ...chosen, [question.name]: answer })} />
                  {kAnswerLabels[answer] ?? answer}
                </label>
              ))}
            </fieldset>
          ))}
          {failure && <p class="form-error" role="alert">{failure}</p>}
          <button class="button button--primary" type="submit" disabled={busy || !chosen.learned || !chosen.again}>Send my answers</button>
        </form>
      ) : pulse.answered ? (
        <p role="status">Thank you: your answers are counted.</p>
      ) : null}
      {pulse.counts ? (
        <dl class="pulse__counts" aria-label="What people answered">
          {pulse.questions.map((question) => (
            <div key={question.name}>
              <dt>{question.text}</dt>
              <dd>{question.answers.map((answer) => `${kAnswerLabels[answer] ?? answer}: ${pulse.counts?.[question.name as "learned" | "again"]?.[answer] ?? 0}`).join(" · ")}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p class="muted">
          {pulse.responses} {pulse.responses === 1 ? "person" : "people"} answered{pulse.closed ? "" : " so far"};{" "}
          {pulse.closed
            ? `the counts show only when at least ${pulse.shown_from} answered, so that no one's answer can be told from them.`
            : `the counts show once the review is published, if at least ${pulse.shown_from} answered, so that no one's answer can be told from them.`}
        </p>
      )}
    </section>
  );
}
