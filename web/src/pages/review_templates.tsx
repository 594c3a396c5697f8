// Admin: review templates. For the default (every severity without its own) or one severity of
// the scale: which sections a review shows, in what order, and the questions each asks.
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Field } from "../components/field";
import { Loading, Problem } from "../components/status";
import { type DraftSection, draftOf, kSectionTitles, moveSection, placeProblems, sectionsOf, type TemplateProblem } from "../review_template";
import type { ReviewSectionName, ReviewTemplate, TemplateSection } from "../types";
import { useLoad } from "../use_load";

const kDefault = "default";
const kMaxQuestionLength = 300;

interface Templates {
  items: ReviewTemplate[];
  built_in: ReviewTemplate;
  // The organisation's severity scale, which the review rules list.
  severities: string[];
}

const templateName = (severity: string) => (severity === kDefault ? "the default template" : `the ${severity} template`);

// Where a problem is, for the summary above the form's buttons ("Contributing factors, question 2: ").
const placeName = (problem: TemplateProblem) =>
  problem.section ? `${kSectionTitles[problem.section]}${problem.question === undefined ? "" : `, question ${problem.question + 1}`}: ` : "";

export function ReviewTemplates() {
  const loaded = useLoad(async (): Promise<Templates> => {
    const [templates, rules] = await Promise.all([
      api.get<{ items: ReviewTemplate[]; built_in: ReviewTemplate }>("/review-templates"),
      api.get<{ severities: string[] }>("/review-rules"),
    ]);
    return { ...templates, severities: rules.severities };
  }, "review-templates");
  const [choice, setChoice] = useState(kDefault);
  const [message, setMessage] = useState("");
  const data = loaded.data;
  const own = data?.items.find((template) => template.severity === choice);
  const fallback = data && (choice === kDefault
    ? data.built_in
    : data.items.find((template) => template.severity === kDefault) ?? data.built_in);

  const replace = (severity: string, template: ReviewTemplate | undefined) => {
    if (!data) return;
    const others = data.items.filter((item) => item.severity !== severity);
    loaded.set({ ...data, items: template ? [...others, template] : others });
  };

  return (
    <section class="card" aria-labelledby="templates-title">
      <h2 id="templates-title">Review templates</h2>
      <p class="muted">How reviews are written: which sections a review shows, in what order, and the questions each section asks, answered in the review. The default is for every severity without a template of its own; without any template, reviews show every section and ask, in the lessons, what went right and where luck helped.</p>
      {loaded.loading && !data && <Loading what="review templates" />}
      {loaded.error !== undefined && <Problem error={loaded.error} retry={loaded.reload} />}
      {data && fallback && (
        <>
          <Field id="template-choice" label="Template for">
            <select id="template-choice" value={choice} onChange={(event) => { setChoice(event.currentTarget.value); setMessage(""); }}>
              <option value={kDefault}>Default (every severity without its own)</option>
              {data.severities.map((severity) => (
                <option value={severity}>
                  {severity}{data.items.some((template) => template.severity === severity) ? "" : " (follows the default)"}
                </option>
              ))}
            </select>
          </Field>
          {message && <p class="alert alert--info" role="status">{message}</p>}
          <TemplateEditor key={`${choice}:${own?.version ?? 0}`} severity={choice} own={own} start={own ?? fallback}
            onSaved={(saved) => { replace(choice, saved); setMessage(`Saved ${templateName(choice)}. Reviews that follow it show it from now on.`); }}
            onRemoved={() => {
              replace(choice, undefined);
              setMessage(choice === kDefault
                ? "Removed the default template: reviews without a template of their own show every section again."
                : `Removed the ${choice} template: ${choice} reviews follow the default template again.`);
            }}
            onStale={() => { setMessage(""); loaded.reload(); }} />
        </>
      )}
    </section>
  );
}

function TemplateEditor({ severity, own, start, onSaved, onRemoved, onStale }: {
  severity: string;
  // Its own template, when it has one.
  own: ReviewTemplate | undefined;
  // What the editor starts from: its own, else what it follows now.
  start: ReviewTemplate;
  onSaved: (template: ReviewTemplate) => void;
  onRemoved: () => void;
  onStale: () => void;
}) {
  const [draft, setDraft] = useState<DraftSection[]>(() => draftOf(start));
  const [error, setError] = useState<ApiError | undefined>();
  // The server's problems with the last template sent: all in the summary, and each beside its
  // section or question until that section's questions change (`edited`), as their places may
  // have moved.
  const [problems, setProblems] = useState<TemplateProblem[]>([]);
  const [edited, setEdited] = useState<ReviewSectionName[]>([]);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  // The control to focus after a change moved or added it (a moved section's button, a new question).
  const [focusId, setFocusId] = useState("");
  useEffect(() => {
    if (!focusId) return;
    const element = document.getElementById(focusId) as HTMLButtonElement | HTMLInputElement | null;
    // A section moved to either end: its other button, as this one cannot be used again.
    const usable = element?.disabled ? document.getElementById(focusId.replace(/-(up|down)$/, (_, way) => (way === "up" ? "-down" : "-up"))) : element;
    usable?.focus();
    setFocusId("");
  }, [focusId]);

  const update = (index: number, patch: Partial<DraftSection>) => {
    setDraft(draft.map((item, position) => (position === index ? { ...item, ...patch } : item)));
    if (patch.questions && !edited.includes(draft[index].section)) setEdited([...edited, draft[index].section]);
  };

  // `submitted`: the sections sent, which the server's field errors count by.
  function failed(reason: unknown, what: string, submitted: TemplateSection[] = []) {
    const problem = reason instanceof ApiError ? reason : new ApiError(0, `${what} The server did not answer.`, undefined, []);
    // 412: changed since it was shown; 409: created meanwhile by someone else.
    const isStale = problem.status === 412 || problem.status === 409;
    setStale(isStale);
    setError(problem);
    setProblems(isStale ? [] : placeProblems(problem.errors, submitted));
    setEdited([]);
  }

  async function save(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setProblems([]);
    const sections = sectionsOf(draft);
    try {
      onSaved(await api.put<ReviewTemplate>(`/review-templates/${encodeURIComponent(severity)}`, { sections }, own?.version));
    } catch (reason) {
      failed(reason, "The template was not saved.", sections);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!own || !confirm(`Remove ${templateName(severity)}?`)) return;
    setError(undefined);
    setProblems([]);
    try {
      await api.remove(`/review-templates/${encodeURIComponent(severity)}`, own.version);
      onRemoved();
    } catch (reason) {
      failed(reason, "The template was not removed.");
    }
  }

  const follows = severity === kDefault
    ? "There is no default template yet: reviews show every section, as below. Saving creates it."
    : `${severity} has no template of its own: its reviews follow the one below. Saving creates a template for ${severity} alone.`;
  return (
    <form class="template-editor" onSubmit={save} aria-label={`Edit ${templateName(severity)}`}>
      <p class="muted">{own ? "Untick a section to hide it from reviews that follow this template; a hidden section that already holds something stays in view there, marked as not in the template." : follows}</p>
      <ol class="template-sections">
        {draft.map((item, index) => {
          const title = kSectionTitles[item.section];
          const id = `template-${item.section}`;
          const mine = edited.includes(item.section) ? [] : problems.filter((problem) => problem.section === item.section);
          const aboutSection = mine.filter((problem) => problem.question === undefined);
          return (
            <li key={item.section} class={`template-section${item.shown ? "" : " template-section--hidden"}`}>
              <div class="template-section__header">
                <label class="template-section__show">
                  <input id={`${id}-shown`} type="checkbox" checked={item.shown} onChange={(event) => update(index, { shown: event.currentTarget.checked })} />
                  Show <strong>{title}</strong>
                </label>
                <span class="template-section__move">
                  <button id={`${id}-up`} class="button button--quiet" type="button" disabled={index === 0} aria-label={`Move ${title} up`}
                    onClick={() => { setDraft(moveSection(draft, index, -1)); setFocusId(`${id}-up`); }}>↑ Up</button>
                  <button id={`${id}-down`} class="button button--quiet" type="button" disabled={index === draft.length - 1} aria-label={`Move ${title} down`}
                    onClick={() => { setDraft(moveSection(draft, index, 1)); setFocusId(`${id}-down`); }}>↓ Down</button>
                </span>
              </div>
              {aboutSection.map((problem) => <p class="field__error template-section__error">{problem.detail}</p>)}
              {item.shown ? (
                <div class="template-section__questions">
                  {item.questions.map((question, position) => {
                    const questionId = `${id}-question-${position}`;
                    const problem = mine.find((candidate) => candidate.question === position);
                    return (
                      <>
                        <div class={`template-question${problem ? " field--invalid" : ""}`}>
                          <label class="visually-hidden" for={questionId}>Question {position + 1} of {title}</label>
                          <input id={questionId} value={question} maxLength={kMaxQuestionLength}
                            aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${questionId}-error` : undefined}
                            onInput={(event) => update(index, { questions: item.questions.map((text, at) => (at === position ? event.currentTarget.value : text)) })} />
                          <button class="button button--quiet" type="button" aria-label={`Remove question ${position + 1} of ${title}`}
                            onClick={() => update(index, { questions: item.questions.filter((_, at) => at !== position) })}>Remove</button>
                        </div>
                        {problem && <p class="field__error" id={`${questionId}-error`}>{problem.detail}</p>}
                      </>
                    );
                  })}
                  <button class="button button--quiet" type="button" aria-label={`Add a question to ${title}`}
                    onClick={() => { update(index, { questions: [...item.questions, ""] }); setFocusId(`${id}-question-${item.questions.length}`); }}>
                    Add a question
                  </button>
                </div>
              ) : (
                <p class="muted template-section__note">Hidden{item.questions.length > 0 ? ": its questions are not asked" : ""}.</p>
              )}
            </li>
          );
        })}
      </ol>
      {error && (
        <div class="alert alert--error" role="alert">
          {stale && <p>Someone else changed {templateName(severity)} since it was shown. Load theirs, then make your change again.</p>}
          {!stale && problems.length === 0 && <p>{error.detail}</p>}
          {!stale && problems.length > 0 && (
            <>
              <p>The template was not saved{problems.some((problem) => problem.section) ? ". Each problem below is also marked in the form" : ""}:</p>
              <ul>{problems.map((problem) => <li>{placeName(problem)}{problem.detail}</li>)}</ul>
            </>
          )}
          {stale && <button class="button" type="button" onClick={onStale}>Load their version</button>}
        </div>
      )}
      <div class="form__actions">
        <button class="button button--primary" type="submit" disabled={busy}>{busy ? "Saving…" : `Save ${templateName(severity)}`}</button>
        {own && (
          <button class="button" type="button" onClick={() => void remove()}>
            Remove {templateName(severity)}{severity === kDefault ? "" : " (it follows the default again)"}
          </button>
        )}
      </div>
    </form>
  );
}
