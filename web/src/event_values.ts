// A timeline event as its form holds it (the text people type) and as the API takes it: the
// conversions both ways, what the form checks before sending, and how the conflict dialog shows
// each field. Pure, so that it is tested on its own.
import { ApiError } from "./api";
import { isSafeLink } from "./links";
import { fromLocalInput, toLocalInput } from "./time";
import type { TimelineEvent } from "./types";

// The form's own values: as typed, before they become the API's fields.
export interface EventValues {
  at: string; // datetime-local, in the viewer's zone
  kind: string;
  text: string;
  actor: string;
  links: string; // one per line
  visible: string[]; // visible_to
}

export const kEventFields: (keyof EventValues)[] = ["at", "kind", "text", "actor", "links", "visible"];

export const kEventLabels: { [field in keyof EventValues]: string } = {
  at: "When",
  kind: "Kind",
  text: "What happened",
  actor: "Who or what",
  links: "Evidence links",
  visible: "Who could see it then",
};

export function valuesOf(event: TimelineEvent): EventValues {
  return {
    at: toLocalInput(event.at),
    kind: event.kind,
    text: event.text,
    actor: event.actor,
    links: (event.evidence_links ?? []).join("\n"),
    visible: [...(event.visible_to ?? [])],
  };
}

const lines = (text: string) => text.split("\n").map((line) => line.trim()).filter(Boolean);

// The request body for these (changed) values.
export function bodyOf(values: Partial<EventValues>): { [field: string]: unknown } {
  const body: { [field: string]: unknown } = {};
  if (values.at !== undefined) body.at = fromLocalInput(values.at);
  if (values.kind !== undefined) body.kind = values.kind;
  if (values.text !== undefined) body.text = values.text;
  if (values.actor !== undefined) body.actor = values.actor.trim();
  if (values.links !== undefined) body.evidence_links = lines(values.links);
  if (values.visible !== undefined) body.visible_to = values.visible;
  return body;
}

function fieldError(field: string, detail: string): ApiError {
  return new ApiError(400, detail, field, [{ field, detail }]);
}

// What the server would refuse anyway, said before sending and beside the field.
export function checkEventValues(values: EventValues): ApiError | undefined {
  if (!fromLocalInput(values.at)) return fieldError("at", "Choose when it happened");
  if (!values.text.trim()) return fieldError("text", "Say what happened");
  const unsafe = lines(values.links).find((link) => !isSafeLink(link));
  if (unsafe !== undefined) {
    return fieldError("evidence_links", `Each line must be a web address starting with https:// or http://; “${unsafe}” is not`);
  }
  return undefined;
}

export const showEventValue = (field: keyof EventValues, value: unknown) => {
  if (field === "at") return String(value).replace("T", " ");
  if (field === "visible") return (value as string[]).length ? (value as string[]).join(", ") : "everyone";
  return value === "" || value === undefined ? "(empty)" : String(value);
};
