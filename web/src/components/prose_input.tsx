import { createContext } from "preact";
import { useContext, useEffect, useRef, useState } from "preact/hooks";
import { applyReplacement, dismissalKey, LanguageFinding, lintBatcher, recordDismissal, segments, stillValid } from "../language";

// The incident whose participants' names the checker should know ("Priya forgot" is a finding
// only when Priya is someone). Set once by the incident page.
export const LintIncident = createContext("");

const kDelayMs = 250;
const kStorageKey = "debrief.dismissed-hints";
const kMaxRemembered = 1000;

function loadDismissed(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(kStorageKey) ?? "[]") as string[]);
  } catch {
    return new Set();
  }
}

function saveDismissed(keys: Set<string>): void {
  try {
    localStorage.setItem(kStorageKey, JSON.stringify([...keys].slice(-kMaxRemembered)));
  } catch {
    // Private windows may refuse storage; the dismissal then lasts until the page closes.
  }
}

interface Props {
  id: string;
  value: string;
  onValue: (value: string) => void;
  rows?: number;
  describedBy?: string;
}

// A textarea that checks its own words as people type: phrases that get in the way of
// learning are underlined in place (a backdrop drawn under the transparent textarea, so the
// text never moves), and a line below, always the same height, says how many hints there are.
// Opening it explains each one, with its reframe to apply, or "not blame here" to dismiss it.
export function ProseInput({ id, value, onValue, rows = 3, describedBy }: Props) {
  const incident = useContext(LintIncident);
  const [findings, setFindings] = useState<LanguageFinding[]>([]);
  const [open, setOpen] = useState(false);
  const [dismissed, setDismissed] = useState(loadDismissed);
  // Set when the server could not record a dismissal: the hint is hidden here all the same, and
  // the writer learns that it was not counted for the organisation (offline, or over the limit).
  const [notice, setNotice] = useState("");
  const backdrop = useRef<HTMLDivElement>(null);
  const checked = useRef(false);

  useEffect(() => {
    let current = true;
    // The first check runs at once, batched with the page's other fields; later ones wait for
    // a pause in typing.
    const timer = setTimeout(() => {
      lintBatcher.check(value, incident).then(
        (found) => current && setFindings(found),
        () => {
          // Hints are advice: if the check fails, the field works as a plain textarea.
        },
      );
    }, checked.current ? kDelayMs : 0);
    checked.current = true;
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [value, incident]);

  const visible = stillValid(findings, value).filter((finding) => !dismissed.has(`${id}|${dismissalKey(finding)}`));
  // "Not blame here": hidden at once in this field, and told to the server, which stops raising
  // it for these words anywhere and counts it for the admins.
  const dismiss = (finding: LanguageFinding) => {
    const next = new Set(dismissed);
    next.add(`${id}|${dismissalKey(finding)}`);
    saveDismissed(next);
    setDismissed(next);
    setNotice("");
    recordDismissal(value, finding, incident).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : "the server did not answer";
      setNotice(`Hidden here only, not recorded: ${reason}`);
    });
  };
  const syncScroll = (event: Event) => {
    if (backdrop.current) backdrop.current.scrollTop = (event.currentTarget as HTMLTextAreaElement).scrollTop;
  };
  const hintsId = `${id}-language`;
  const count = visible.length;

  return (
    <div class="prose-input">
      <div class="prose-input__box">
        <div class="prose-input__backdrop" aria-hidden="true" ref={backdrop}>
          {segments(value, visible).map((segment) =>
            segment.finding ? (
              <mark class={`lang-mark lang-mark--${segment.finding.severity}`}>{segment.text}</mark>
            ) : (
              segment.text
            ),
          )}
          {"\n"}
        </div>
        <textarea id={id} rows={rows} value={value} class="prose-input__text" spellcheck
          aria-describedby={[describedBy, hintsId].filter(Boolean).join(" ")}
          onInput={(event) => onValue(event.currentTarget.value)} onScroll={syncScroll} />
      </div>
      <div class="prose-input__status" id={hintsId} aria-live="polite">
        {count > 0 && (
          <button type="button" class="lang-toggle" aria-expanded={open} aria-controls={`${id}-language-list`}
            onClick={() => setOpen(!open)}>
            {count === 1 ? "1 language hint" : `${count} language hints`}
          </button>
        )}
        {notice && <span class="prose-input__notice muted">{notice}</span>}
      </div>
      {open && count > 0 && (
        <ul class="lang-hints" id={`${id}-language-list`}>
          {visible.map((finding) => (
            <li class={`lang-hint lang-hint--${finding.severity}`} key={`${finding.start}-${finding.rule}`}>
              <p class="lang-hint__what">
                <q>{finding.excerpt}</q>
                {finding.quoted && <span class="muted"> (in a quotation)</span>}: {finding.message}
              </p>
              <p class="lang-hint__instead">Instead: {finding.suggestion}</p>
              <div class="lang-hint__actions">
                {finding.replacement !== undefined && (
                  <button type="button" class="button" onClick={() => onValue(applyReplacement(value, finding))}>
                    {finding.replacement ? `Replace with “${finding.replacement}”` : `Remove “${finding.excerpt}”`}
                  </button>
                )}
                <button type="button" class="button button--quiet" onClick={() => dismiss(finding)}
                  title="Hide this hint; the same sentence will not draw it again, for anyone">
                  Not blame here
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
