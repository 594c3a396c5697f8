// The facilitator's walk through the review meeting (GET /incidents/{key}/facilitation, theirs
// alone): one question at a time at the item it is about, where an expectation was not met or a
// moment was told twice, counterfactual cards that open what the person judged could know then,
// and work-as-done judged against a procedure dated after the incident began. Questions to ask,
// never verdicts: nothing here is shown to anyone else.
import { useState } from "preact/hooks";
import { api } from "../api";
import { Time } from "../components/status";
import { formatClock, toLocalInput } from "../time";
import type { Facilitation, Participant } from "../types";
import { useLoad } from "../use_load";

const kPromptLabels: Record<string, string> = {
  obvious: "Hindsight",
  knew: "Certainty",
  decision: "Decision",
  observation: "Observation",
};

type Belief = Facilitation["beliefs"][number];

// The question in the reader's own clock (the server's sentence gives UTC).
function askBelief(belief: Belief, nameOf: (id: number | null | undefined) => string): string {
  const first = belief.first_participant_id ? nameOf(belief.first_participant_id) : "The record";
  const second = belief.second_participant_id ? nameOf(belief.second_participant_id) : "";
  const quote = (text: string) => `“${text.length > 140 ? `${text.slice(0, 140)}…` : text}”`;
  const firstAt = formatClock(belief.first_at);
  const secondAt = formatClock(belief.second_at);
  if (belief.kind === "expectation_not_met") {
    return `${first} expected ${quote(belief.first_said)} at ${firstAt}; at ${secondAt} ` +
      `${second ? `${second} wrote` : "the record shows"} ${quote(belief.second_said)}. What made that expectation look right at the time?`;
  }
  if (belief.kind === "assumptions_differ") {
    return `${first} took ${quote(belief.first_said)} for granted at ${firstAt}; ${second || "the record"}, at ${secondAt}, ` +
      `${quote(belief.second_said)}. What made each look right from where they were?`;
  }
  return `${first} at ${firstAt} (${quote(belief.first_said)}) and ${second || "the record"} at ${secondAt} ` +
    `(${quote(belief.second_said)}) both name ${belief.subject}: the same moment, seen from two places?`;
}

export function FacilitatorPanel({ incidentKey, participants, reloadKey, onShowItem, onOpenKnowledge }: {
  incidentKey: string;
  participants: Participant[];
  // Read again when the timeline changes.
  reloadKey: string;
  // Selects the item a question is about on the timeline, if it is drawn there.
  onShowItem: (ref: string) => void;
  // Opens "what could this person know then" on the timeline.
  onOpenKnowledge: (participantId: number, localAt: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState(0);
  const path = `/incidents/${encodeURIComponent(incidentKey)}/facilitation`;
  const loaded = useLoad(() => (open ? api.get<Facilitation>(path) : Promise.resolve(undefined)), `${path}:${open}:${reloadKey}`);
  const nameOf = (id: number | null | undefined) =>
    participants.find((participant) => participant.id === id)?.name ?? "someone";

  if (!open) {
    return (
      <section class="facilitator" aria-label="Facilitator mode">
        <button class="button" type="button" onClick={() => setOpen(true)}>Facilitator mode</button>
        <span class="muted"> Questions to ask in the review meeting, item by item. Only you, as facilitator, see them.</span>
      </section>
    );
  }
  const data = loaded.data;
  if (loaded.error) return <section class="facilitator"><p class="form-error" role="alert">The facilitator's questions could not be read.</p></section>;
  if (!data) return <section class="facilitator"><p class="muted">Reading the timeline for questions…</p></section>;
  const questions = data.questions;
  const current = questions[Math.min(step, Math.max(questions.length - 1, 0))];
  const go = (to: number) => {
    setStep(to);
    const question = questions[to];
    if (question) onShowItem(question.ref);
  };
  return (
    <section class="facilitator" aria-label="Facilitator mode">
      <header class="facilitator__header">
        <h3>Facilitator mode</h3>
        <span class="muted">Questions to ask, never verdicts. Only you see them.</span>
        <button class="button button--quiet" type="button" onClick={() => setOpen(false)}>Close</button>
      </header>

      {questions.length === 0 ? (
        <p class="muted">No released account or decision point asks a question yet.</p>
      ) : current && (
        <div class="facilitator__walk" aria-label="Question at this item">
          <p class="facilitator__step">
            <span class="badge">{kPromptLabels[current.kind] ?? current.kind}</span>{" "}
            <Time iso={current.at} clock /> · {current.participant_id ? nameOf(current.participant_id) : "decision point"}
            <span class="muted"> · question {Math.min(step, questions.length - 1) + 1} of {questions.length}</span>
          </p>
          <p class="facilitator__question">{current.question}</p>
          <div class="button-row">
            <button class="button" type="button" disabled={step <= 0} onClick={() => go(step - 1)}>Previous</button>
            {!current.ref.startsWith("decision:") && (
              <button class="button" type="button" onClick={() => onShowItem(current.ref)}>Show on the timeline</button>
            )}
            <button class="button" type="button" disabled={step >= questions.length - 1} onClick={() => go(step + 1)}>Next</button>
          </div>
        </div>
      )}

      {data.beliefs.length > 0 && (
        <div class="facilitator__group">
          <h4>Where what people expected and what happened part</h4>
          <ul class="facilitator__list">
            {data.beliefs.map((belief) => (
              <li key={`${belief.first}-${belief.second}`} class="facilitator__belief">
                <p>{askBelief(belief, nameOf)}</p>
                <div class="button-row">
                  <button class="button button--quiet" type="button" onClick={() => onShowItem(belief.first)}>Show <Time iso={belief.first_at} clock /></button>
                  <button class="button button--quiet" type="button" onClick={() => onShowItem(belief.second)}>Show <Time iso={belief.second_at} clock /></button>
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}

      {data.counterfactuals.length > 0 && (
        <div class="facilitator__group">
          <h4>From "should have" to what made sense then</h4>
          <ul class="facilitator__list">
            {data.counterfactuals.map((card) => (
              <li key={`${card.ref}-${card.field}-${card.missed}`} class="counterfactual-card">
                <p class="counterfactual-card__quote">“{card.quote}”</p>
                <p>
                  It judges {nameOf(card.participant_id)} at <Time iso={card.at} clock /> for not having {card.missed || "done something"}.
                  By then they could know {card.known_items} item{card.known_items === 1 ? "" : "s"} of this timeline;{" "}
                  {card.missed_seen.length === 0
                    ? <strong>nothing among them names it: as far as the record shows, it was not on their screen.</strong>
                    : <>{card.missed_seen.length} of them name{card.missed_seen.length === 1 ? "s" : ""} it.</>}
                </p>
                {card.looking_at && <p>They were looking at: {card.looking_at}</p>}
                {card.decision && (
                  <p>
                    The decision then: {card.decision.situation || "(no situation written)"}
                    {card.decision.pressures.length > 0 ? <> — under {card.decision.pressures.join(", ")}</> : <> — its pressures are not written yet</>}
                  </p>
                )}
                <div class="button-row">
                  <button class="button" type="button" onClick={() => onOpenKnowledge(card.participant_id, toLocalInput(card.at))}>
                    Open what {nameOf(card.participant_id)} could know then
                  </button>
                  {card.missed_seen.map((ref) => (
                    <button key={ref} class="button button--quiet" type="button" onClick={() => onShowItem(ref)}>Show where it appears</button>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}

      {data.judged_later.length > 0 && (
        <div class="facilitator__group">
          <h4>Judged against a rule they did not have</h4>
          <ul class="facilitator__list">
            {data.judged_later.map((record) => (
              <li key={record.work_as_done_id}>
                “{record.procedure}” is dated <Time iso={record.procedure_dated} year />, after the incident began: ask what
                the people had in front of them then, not what it says now.
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
