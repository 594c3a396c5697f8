// The incident's imports, on its timeline page: what each brought in (its file or pasted text,
// and the format), who imported it and when, how many events it added and how many were there
// already. Each is undone whole (every event it added leaves the timeline) until the review is
// published; an undone one stays listed with how many events went.
import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Time } from "../components/status";
import type { EventImport, Participant } from "../types";
import { useLoad } from "../use_load";
import { importFormatLabel } from "./import_dialog";

export const importsPath = (incidentKey: string) => `/incidents/${encodeURIComponent(incidentKey)}/imports`;

const events = (count: number) => `${count.toLocaleString()} ${count === 1 ? "event" : "events"}`;

// The server's reason, for a published review, where the Undo buttons would be.
const kPublishedReason = "The review is published, so its timeline stays as published: reopen the review to undo an import.";

export function ImportList({ incidentKey, initial, reloadKey, participants, myUserId, canWrite, published, onUndone }: {
  incidentKey: string;
  // The imports as the incident's page payload brought them; read again only after a change.
  initial: EventImport[];
  // Changes when an import was added, so the list reads again.
  reloadKey: number;
  participants: Participant[];
  myUserId?: number;
  canWrite?: boolean;
  published?: boolean;
  // With what to tell the person (the timeline says it: this list may be drawn anew, empty or not).
  onUndone: (undone: EventImport, notice: string) => void;
}) {
  const loaded = useLoad(
    () => (reloadKey === 0 ? Promise.resolve({ items: initial }) : api.get<{ items: EventImport[] }>(importsPath(incidentKey))),
    `${incidentKey}:${reloadKey}`);
  const [busy, setBusy] = useState<number | undefined>();
  const [failure, setFailure] = useState("");
  const imports = loaded.data?.items ?? [];
  // Nothing to show before the first import (or while it loads): the timeline says how to import.
  if (imports.length === 0) return null;

  const who = (userId: number | null) => {
    if (userId !== null && userId === myUserId) return "you";
    return participants.find((participant) => participant.user_id !== null && participant.user_id === userId)?.name ?? "someone";
  };

  async function undo(item: EventImport) {
    const what = item.added === 0
      ? "It added no events (they were all on the timeline already), so nothing leaves the timeline."
      : `The ${events(item.added)} it added leave the timeline, including any corrected or starred since.`;
    if (!confirm(`Undo the import of “${item.name}”? ${what} Importing the same text again would bring them back.`)) return;
    setBusy(item.id);
    setFailure("");
    try {
      const undone = await api.remove<EventImport>(`${importsPath(incidentKey)}/${item.id}`);
      loaded.set({ items: imports.map((other) => (other.id === undone.id ? undone : other)) });
      onUndone(undone, `Undid the import of “${item.name}”: ${events(undone.removed)} removed from the timeline.`);
    } catch (reason) {
      const problem = reason instanceof ApiError ? reason : undefined;
      // 409: the review was published meanwhile (the server says so); 412: already undone.
      setFailure(`The import of “${item.name}” was not undone. ${problem?.detail ?? "The server did not answer."}`);
      if (problem?.status === 412 || problem?.status === 404) loaded.reload();
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section class="card imports" aria-labelledby="imports-title">
      <h3 id="imports-title">Imports</h3>
      <p class="muted">
        What was brought in from files and pasted text.{canWrite && !published && " An import that was wrong can be undone whole: every event it added leaves the timeline."}
      </p>
      {failure && <p class="alert alert--error" role="alert">{failure}</p>}
      <ul class="imports__list" aria-label="Imports, newest first">
        {imports.map((item) => (
          <li class={`import${item.undone_at ? " import--undone" : ""}`} data-import-id={item.id}>
            <div class="import__body">
              <p class="import__what">
                <strong>{item.name}</strong> <span class="muted">· {importFormatLabel(item.format)}</span>
                {item.undone_at && <> <span class="badge badge--undone">undone</span></>}
              </p>
              <p class="import__meta">
                Imported by {who(item.created_by)}, <Time iso={item.created_at} year />: {events(item.added)} added
                {item.skipped > 0 && <>, {events(item.skipped)} already on the timeline</>}.
              </p>
              {item.undone_at && (
                <p class="import__meta">
                  Undone by {who(item.undone_by)}, <Time iso={item.undone_at} year />: {events(item.removed)} removed.
                </p>
              )}
            </div>
            {canWrite && !published && !item.undone_at && (
              <button class="button" type="button" disabled={busy !== undefined} aria-label={`Undo import: ${item.name}`}
                onClick={() => void undo(item)}>
                {busy === item.id ? "Undoing…" : "Undo import"}
              </button>
            )}
            {canWrite && published && !item.undone_at && <p class="import__reason">{kPublishedReason}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
