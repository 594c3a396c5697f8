// Wording of text the server writes for people to read (problem details, field errors, reasons).

// Marks that already end a sentence, and closing quotes or brackets that may follow them.
const kFinalPunctuation = /[.!?…][)\]"'”’»]*$/;

// `text` as a sentence: trimmed, its first letter capitalised, a full stop added when it has no
// final punctuation. The server writes its messages in lower case without a stop so that they
// can also be embedded in other text; the UI shows them on their own.
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") return "";
  const first = trimmed.codePointAt(0)!;
  const firstLength = first > 0xffff ? 2 : 1;
  const capitalised = String.fromCodePoint(first).toUpperCase() + trimmed.slice(firstLength);
  return kFinalPunctuation.test(capitalised) ? capitalised : `${capitalised}.`;
}

// `text` with a full stop when it has no final punctuation, its first letter as written: for
// messages that start with a name whose case matters ("bad.md:3: the front matter …").
export function withFullStop(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "" || kFinalPunctuation.test(trimmed)) return trimmed;
  return `${trimmed}.`;
}

// A field's error as a sentence that names the field by its label: the server starts its
// messages with the field's name ("chat_webhook_url must be …"), which reads as code on a form.
export function withFieldLabel(detail: string, field: string, label: string): string {
  const sentence = asSentence(detail);
  if (!sentence.toLowerCase().startsWith(`${field.toLowerCase()} `)) return sentence;
  return asSentence(`${label}${sentence.slice(field.length)}`);
}
