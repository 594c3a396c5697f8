// Language hints for every prose field: the server's checker, asked as people type, and the
// pure helpers that place its findings on the text and apply a reframe.
import { api } from "./api";
import type { Finding } from "./types";

// Offsets count UTF-16 code units into the text that was checked, end exclusive; a replacement,
// when the rule offers one, is a mechanical edit ("" deletes the phrase).
export type LanguageFinding = Finding;

// Text cut into plain runs and marked runs, for drawing underlines under a textarea.
export interface Segment {
  text: string;
  finding?: LanguageFinding;
}

// Findings still standing on `text`: the ones whose phrase is where it was when checked. While
// someone types, findings from the previous check stay only where the text has not moved.
export function stillValid(findings: LanguageFinding[], text: string): LanguageFinding[] {
  return findings.filter((finding) => text.slice(finding.start, finding.end) === finding.excerpt);
}

export function segments(text: string, findings: LanguageFinding[]): Segment[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let position = 0;
  for (const finding of sorted) {
    if (finding.start < position) continue; // Overlapping findings: underline the first.
    if (finding.start > position) out.push({ text: text.slice(position, finding.start) });
    out.push({ text: text.slice(finding.start, finding.end), finding });
    position = finding.end;
  }
  if (position < text.length) out.push({ text: text.slice(position) });
  return out;
}

// Replaces the finding's phrase; deleting a word also takes the space or comma it leaves, and
// keeps a sentence's capital letter ("Obviously, the disk" -> "The disk").
export function applyReplacement(text: string, finding: LanguageFinding): string {
  const replacement = finding.replacement ?? "";
  let before = text.slice(0, finding.start);
  let after = text.slice(finding.end);
  if (replacement !== "") return before + matchCase(finding.excerpt, replacement) + after;
  after = after.replace(/^,?[ \t]*/, "");
  if (before.endsWith(" ") && (after === "" || /^[\s.,;:!?]/.test(after))) before = before.trimEnd();
  const startsSentence = /(^|[.!?]\s+|\n\s*)$/.test(before);
  if (startsSentence && isLower(after[0] ?? "") && isUpper(finding.excerpt[0] ?? "")) {
    after = after[0].toUpperCase() + after.slice(1);
  }
  return before + after;
}

// Letters of any script that have case; toUpperCase() is cheaper in the bundle than \p{Lu}.
function isUpper(letter: string): boolean {
  return letter !== letter.toLowerCase();
}
function isLower(letter: string): boolean {
  return letter !== letter.toUpperCase();
}

function matchCase(original: string, replacement: string): string {
  if (isUpper(original[0] ?? "") && replacement) return replacement[0].toUpperCase() + replacement.slice(1);
  return replacement;
}

// The key a dismissal is remembered by: the rule and the words, not the position, so a
// dismissed hint stays dismissed when text around it changes.
export function dismissalKey(finding: LanguageFinding): string {
  return `${finding.rule}:${finding.excerpt.toLowerCase()}`;
}

interface Pending {
  text: string;
  resolve: (findings: LanguageFinding[]) => void;
  reject: (reason: unknown) => void;
}

// Every field that asks before the next timer tick shares one request: a page of entries
// opening at once costs one round trip, not one per field.
export class LintBatcher {
  private queue = new Map<string, Pending[]>();
  private scheduled = false;

  constructor(private readonly send: (incident: string, texts: string[]) => Promise<LanguageFinding[][]>) {}

  check(text: string, incident = ""): Promise<LanguageFinding[]> {
    if (!text.trim()) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const waiting = this.queue.get(incident) ?? [];
      waiting.push({ text, resolve, reject });
      this.queue.set(incident, waiting);
      if (!this.scheduled) {
        this.scheduled = true;
        setTimeout(() => this.flush(), 0);
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const queue = this.queue;
    this.queue = new Map();
    for (const [incident, waiting] of queue) {
      this.send(incident, waiting.map((pending) => pending.text)).then(
        (results) => waiting.forEach((pending, index) => pending.resolve(results[index] ?? [])),
        (reason) => waiting.forEach((pending) => pending.reject(reason)),
      );
    }
  }
}

// Tells the server a finding is not blame: it keeps the rule and a hash of the sentence, and the
// same words draw no finding of that rule again. `text` is the text the finding stands on.
export async function recordDismissal(text: string, finding: LanguageFinding, incident = ""): Promise<void> {
  const body: { text: string; rule: string; start: number; end: number; incident?: string } = {
    text,
    rule: finding.rule,
    start: finding.start,
    end: finding.end,
  };
  if (incident) body.incident = incident;
  await api.post("/lint/dismissals", body);
}

export const lintBatcher = new LintBatcher(async (incident, texts) => {
  const body: { texts: string[]; incident?: string } = { texts };
  if (incident) body.incident = incident;
  const answer = await api.post<{ results: { findings: LanguageFinding[] }[] }>("/lint", body);
  return answer.results.map((result) => result.findings);
});
