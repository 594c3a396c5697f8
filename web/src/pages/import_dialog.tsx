import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Field } from "../components/field";
import { Time } from "../components/status";
import { readBase64 } from "../files";
import { fromLocalInput, viewerTimeZone } from "../time";
import { kEventKinds, type TimelineImportResult } from "../types";

// Each format the server reads, with what the dialog asks for it. Formats that are neither lines
// nor records are presets: the server knows their fields and their times carry their zone, so
// nothing is asked but the file. A Slack export is a zip, sent as base64.
const kFormats: { id: string; label: string; hint: string; lines?: boolean; records?: boolean; zip?: boolean }[] = [
  { id: "paste", label: "Lines with a time first", hint: "One event per line: 14:05 - pool exhausted, or 2026-03-14T14:05Z text. Lines without a time continue the one before.", lines: true },
  { id: "chat", label: "Chat log (IRC, bridges)", hint: "[10:02] <priya> text, 10:02 priya: text, full dates or 12-hour clocks.", lines: true },
  { id: "jsonl", label: "JSON Lines", hint: "One JSON object per line, with a time and a message field.", records: true },
  { id: "csv", label: "CSV with a header row", hint: "Columns named time and message (or set the fields below).", records: true },
  { id: "json", label: "JSON document (array of records)", hint: "An array of objects, or one under a key you name.", records: true },
  { id: "journald", label: "journald (journalctl -o json)", hint: "Entries keep their unit and host." },
  { id: "kubectl", label: "Kubernetes events (kubectl get events -o json)", hint: "Each event with its object and reason." },
  { id: "pagerduty", label: "PagerDuty incident log entries", hint: "The log_entries JSON of PagerDuty's REST API." },
  { id: "alertmanager", label: "Alertmanager notifications or alerts (JSON)", hint: "Webhook notifications as Alertmanager sends them (one, a list, or one per line), or the alerts its API lists. Each alert firing and resolved." },
  { id: "opsgenie", label: "Opsgenie alerts/webhooks (JSON)", hint: "Opsgenie's webhook payloads (one, a list, or one per line): each action on an alert, with who took it." },
  { id: "slack", label: "Slack export (.zip)", hint: "A workspace export as Slack makes it. Once it is read, choose the channel to import.", zip: true },
];
const kKinds: readonly string[] = kEventKinds;

// What an import's format is called here ("paste" is "Lines with a time first").
export function importFormatLabel(format: string): string {
  return kFormats.find((candidate) => candidate.id === format)?.label ?? format;
}
const kPastedKind = "observation";

interface Settings {
  format: string;
  content: string;
  // A zip's bytes (Slack exports).
  contentBase64: string;
  fileName: string;
  date: string;
  timeZone: string;
  eventKind: string;
  delimiter: string;
  records: string;
  timeField: string;
  text: string;
  idField: string;
  // Slack exports: the channel, every message or only the key ones, and a window (local times).
  channel: string;
  allMessages: boolean;
  from: string;
  to: string;
}

function requestBody(settings: Settings, dryRun: boolean) {
  const format = kFormats.find((candidate) => candidate.id === settings.format)!;
  if (format.zip) {
    const body: { [name: string]: string | boolean } = { format: settings.format, content_base64: settings.contentBase64, dry_run: dryRun };
    if (settings.fileName) body.file_name = settings.fileName;
    if (settings.channel) body.channel = settings.channel;
    if (settings.allMessages) body.all_messages = true;
    for (const bound of ["from", "to"] as const) {
      const at = fromLocalInput(settings[bound]);
      if (at) body[bound] = at;
    }
    return body;
  }
  const body: { [name: string]: string | boolean } = { format: settings.format, content: settings.content, dry_run: dryRun };
  if (settings.fileName) body.file_name = settings.fileName;
  if ((format.lines || format.records) && settings.timeZone) body.time_zone = settings.timeZone;
  if (format.lines && settings.date) body.date = settings.date;
  if ((format.lines || format.records) && settings.eventKind && settings.format !== "chat") body.event_kind = settings.eventKind;
  if (settings.format === "csv" && settings.delimiter) body.delimiter = settings.delimiter;
  if (settings.format === "json" && settings.records) body.records = settings.records;
  if (format.records) {
    if (settings.timeField) body.time_field = settings.timeField;
    if (settings.text) body.text = settings.text;
    if (settings.idField) body.id_field = settings.idField;
  }
  return body;
}

// The format a file's name suggests; the one chosen stays when the name says nothing more.
function guessFormat(fileName: string, chosen: string): string {
  if (/\.zip$/i.test(fileName)) return "slack";
  if (/\.(jsonl|ndjson)$/i.test(fileName)) return "jsonl";
  if (/\.(csv|tsv)$/i.test(fileName)) return "csv";
  const lineFormat = chosen === "paste" || chosen === "chat";
  if (/\.json$/i.test(fileName) && lineFormat) return "json";
  return chosen;
}

// Import events from a file or pasted text: the server reads the text with the same importers as
// `debrief import`, first as a preview that stores nothing, then for real once the preview looks
// right. A malformed input is refused with its line, and nothing lands.
export function ImportDialog({ incidentKey, startedAt, onClose, onImported }: {
  incidentKey: string;
  startedAt?: string;
  onClose: () => void;
  onImported: (result: TimelineImportResult) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [settings, setSettings] = useState<Settings>({
    format: "paste", content: "", contentBase64: "", fileName: "", date: startedAt ? startedAt.slice(0, 10) : "",
    timeZone: viewerTimeZone(), eventKind: "", delimiter: ",", records: "", timeField: "", text: "", idField: "",
    channel: "", allMessages: false, from: "", to: "",
  });
  const [preview, setPreview] = useState<TimelineImportResult | undefined>();
  // A Slack export's channels, from a preview without one: the export's, until another is read.
  const [channels, setChannels] = useState<string[] | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const format = kFormats.find((candidate) => candidate.id === settings.format)!;

  const previewSection = useRef<HTMLElement>(null);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  // The preview appears below the form: bring it into view, so the counts are seen.
  useEffect(() => {
    if (preview) previewSection.current?.scrollIntoView({ block: "nearest" });
  }, [preview]);

  // Any change makes the preview stale: the import sends what was previewed, never something else.
  function change(patch: Partial<Settings>) {
    setSettings({ ...settings, ...patch });
    setPreview(undefined);
    setError(undefined);
  }

  async function readFile(event: Event) {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    const guessed = guessFormat(file.name, settings.format);
    setChannels(undefined);
    if (kFormats.find((candidate) => candidate.id === guessed)?.zip) {
      change({ contentBase64: await readBase64(file), content: "", fileName: file.name, format: guessed, channel: "" });
    } else {
      change({ content: await file.text(), contentBase64: "", fileName: file.name, format: guessed });
    }
  }

  async function send(dryRun: boolean) {
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.post<TimelineImportResult>(`/incidents/${encodeURIComponent(incidentKey)}/timeline/import`, requestBody(settings, dryRun));
      if (result.channels) setChannels(result.channels);
      // Without a channel, a Slack export's preview only lists its channels to choose from.
      if (format.zip && !settings.channel) return;
      if (dryRun) setPreview(result);
      else onImported(result);
    } catch (reason) {
      setPreview(undefined);
      const failure = reason instanceof ApiError ? reason : new ApiError(0, String(reason), undefined, []);
      setError(failure.status === 413
        ? new ApiError(413, `${failure.detail} That is more than the server takes from a browser: import it with “debrief import ${settings.format} FILE --incident ${incidentKey}”.`, undefined, [])
        : failure);
    } finally {
      setBusy(false);
    }
  }

  // The review step for a Slack export's people who are no participants: added here, the
  // preview is asked again, and their time in the channel is kept with the import.
  async function addParticipant(name: string) {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/incidents/${encodeURIComponent(incidentKey)}/participants`, { name, role: "responder" });
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : new ApiError(0, String(reason), undefined, []));
      setBusy(false);
      return;
    }
    setBusy(false);
    await send(true);
  }

  const fieldError = (name: string) => error?.field === name ? error.detail : undefined;
  const ready = format.zip ? settings.contentBase64 !== "" : settings.content.trim() !== "";
  // The kind the server gives pasted lines when none is chosen.
  const pasteDefault = settings.format === "paste" ? kPastedKind : undefined;

  return (
    <dialog ref={dialog} class="card import-dialog" aria-labelledby="import-title" onClose={onClose} onCancel={onClose}>
      <form method="dialog" onSubmit={(event) => { event.preventDefault(); send(true); }}>
        <div class="card__header">
          <h2 id="import-title">Import events</h2>
          <button class="button button--quiet" type="button" onClick={onClose}>Close</button>
        </div>
        <p class="muted">Evidence first: alerts, deploys, chat and logs from the systems you already use. You see what will be added before anything is stored, and importing the same file again adds nothing.</p>
        <Field id="import-format" label="What the text is" hint={format.hint} error={fieldError("format")}>
          <select id="import-format" value={settings.format} onChange={(event) => change({ format: event.currentTarget.value })}>
            {kFormats.map((candidate) => <option value={candidate.id}>{candidate.label}</option>)}
          </select>
        </Field>
        <Field id="import-file" label="A file" error={fieldError("content_base64")}
          hint={format.zip
            ? (settings.contentBase64 ? `Read ${settings.fileName}.` : "The export's .zip file.")
            : (settings.fileName && settings.content ? `Read ${settings.fileName} (${settings.content.length.toLocaleString()} characters).` : "Or paste the text below.")}>
          <input id="import-file" type="file" accept={format.zip ? ".zip,application/zip" : undefined} onChange={readFile} />
        </Field>
        {!format.zip && (
          <Field id="import-content" label="Text" error={fieldError("content")}>
            <textarea id="import-content" rows={8} spellcheck={false} value={settings.content}
              placeholder={format.lines ? "14:05 - payments 5xx rising\n14:07 priya: paged the database team" : ""}
              onInput={(event) => change({ content: event.currentTarget.value, fileName: "" })} />
          </Field>
        )}
        {format.zip && channels && (
          <div class="form__row">
            <Field id="import-channel" label="Channel" error={fieldError("channel")}
              hint={channels.length ? `${channels.length.toLocaleString()} in this export.` : "This export holds no channels."}>
              <select id="import-channel" value={settings.channel} onChange={(event) => change({ channel: event.currentTarget.value })}>
                <option value="">Choose a channel</option>
                {channels.map((channel) => <option value={channel}>#{channel}</option>)}
              </select>
            </Field>
            <Field id="import-from" label="From (optional)" hint="Messages at or after." error={fieldError("from")}>
              <input id="import-from" type="datetime-local" value={settings.from} onInput={(event) => change({ from: event.currentTarget.value })} />
            </Field>
            <Field id="import-to" label="To (optional)" hint="Messages before." error={fieldError("to")}>
              <input id="import-to" type="datetime-local" value={settings.to} onInput={(event) => change({ to: event.currentTarget.value })} />
            </Field>
          </div>
        )}
        {format.zip && channels && (
          <label class="import-dialog__option">
            <input type="checkbox" checked={settings.allMessages} onChange={(event) => change({ allMessages: event.currentTarget.checked })} />
            All messages, not only the key ones (pinned, or with a :pushpin:, :round_pushpin: or :key: reaction)
          </label>
        )}
        <div class="form__row">
          {format.lines && (
            <Field id="import-date" label="Day of the first line" hint="For lines that give a time only." error={fieldError("date")}>
              <input id="import-date" type="date" value={settings.date} onInput={(event) => change({ date: event.currentTarget.value })} />
            </Field>
          )}
          {(format.lines || format.records) && (
            <Field id="import-zone" label="Time zone" hint="Of times written without an offset." error={fieldError("time_zone")}>
              <input id="import-zone" value={settings.timeZone} onInput={(event) => change({ timeZone: event.currentTarget.value })} />
            </Field>
          )}
          {(settings.format === "paste" || format.records) && (
            <Field id="import-kind" label="Kind of every event" error={fieldError("event_kind")}>
              <select id="import-kind" value={settings.eventKind} onChange={(event) => change({ eventKind: event.currentTarget.value })}>
                {/* The empty choice sends no kind and lets the server decide: for pasted lines that
                    is "observation", so that kind is this choice, named once, not listed again. */}
                <option value="">{pasteDefault ? `${pasteDefault} (default)` : "As each record says (default)"}</option>
                {kKinds.filter((kind) => kind !== pasteDefault).map((kind) => <option value={kind}>{kind}</option>)}
              </select>
            </Field>
          )}
          {settings.format === "csv" && (
            <Field id="import-delimiter" label="Delimiter" error={fieldError("delimiter")}>
              <select id="import-delimiter" value={settings.delimiter} onChange={(event) => change({ delimiter: event.currentTarget.value })}>
                <option value=",">comma</option>
                <option value=";">semicolon</option>
                <option value="tab">tab</option>
                <option value="|">bar</option>
              </select>
            </Field>
          )}
          {settings.format === "json" && (
            <Field id="import-records" label="Key of the records" hint="Empty: the document is the array.">
              <input id="import-records" value={settings.records} onInput={(event) => change({ records: event.currentTarget.value })} />
            </Field>
          )}
        </div>
        {format.records && (
          <details class="import-dialog__mapping">
            <summary>Fields of the records</summary>
            <div class="form__row">
              <Field id="import-time-field" label="Time field" hint="Default: time, timestamp, ts or @timestamp." error={fieldError("time_field")}>
                <input id="import-time-field" value={settings.timeField} onInput={(event) => change({ timeField: event.currentTarget.value })} />
              </Field>
              <Field id="import-text" label="Text" hint="A template: {service} {version} deployed." error={fieldError("text")}>
                <input id="import-text" value={settings.text} onInput={(event) => change({ text: event.currentTarget.value })} />
              </Field>
              <Field id="import-id-field" label="Id field" hint="Default: each record by its content." error={fieldError("id_field")}>
                <input id="import-id-field" value={settings.idField} onInput={(event) => change({ idField: event.currentTarget.value })} />
              </Field>
            </div>
          </details>
        )}
        {busy && <p class="muted" role="status"><span class="spinner" aria-hidden="true" /> Reading {settings.fileName || "the text"}…</p>}
        {format.zip && channels && !settings.channel && !busy && <p class="muted" role="status">Choose the channel to import, then preview it.</p>}
        {error && <p class="alert alert--error" role="alert">{error.detail}</p>}
        {preview && (
          <section class="import-preview" aria-labelledby="import-preview-title" ref={previewSection}>
            <h3 id="import-preview-title">Preview</h3>
            <p role="status">
              {preview.events === 0 ? (format.zip
                ? `#${settings.channel} holds no messages to import${settings.from || settings.to ? " in this window" : ""}.${settings.allMessages ? "" : " Only key messages are imported unless you choose all messages."}`
                : "The text holds no events.") : (
                <>{preview.added.toLocaleString()} of {preview.events.toLocaleString()} events are new
                  {preview.skipped > 0 && <>; {preview.skipped.toLocaleString()} are on the timeline already and will be passed over</>}.</>
              )}
              {preview.shortened > 0 && <> {preview.shortened} long texts will be cut to 10,000 characters.</>}
            </p>
            {preview.audience_memberships !== undefined && (format.zip || preview.audience_memberships > 0) && (
              <p class="import-preview__people">
                {preview.audience_memberships > 0
                  ? (format.zip
                    ? `When each participant was in #${settings.channel} is kept (${preview.audience_memberships} spans), so the timeline can show what each could see.`
                    : `When the events reached each participant is kept (${preview.audience_memberships} spans, from assignments, notifications and acknowledgements), so the timeline can show what each could see.`)
                  : `No participant of this incident is in #${settings.channel}.`}
              </p>
            )}
            {(preview.people_not_participants?.length ?? 0) > 0 && (
              <div class="import-preview__strangers">
                <p>{format.zip ? "In the channel" : "Reached by these events"} but not participants of this incident; add those who took part to know what they could see:</p>
                <ul>
                  {preview.people_not_participants!.map((person) => (
                    <li key={person}>
                      {person}{" "}
                      <button type="button" class="button button--quiet" disabled={busy} onClick={() => addParticipant(person)}>
                        Add as participant
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {preview.preview.length > 0 && (
              <table class="table">
                <caption class="visually-hidden">The first events as they will appear</caption>
                <thead><tr><th scope="col">Time</th><th scope="col">Kind</th><th scope="col">Who</th><th scope="col">Text</th></tr></thead>
                <tbody>
                  {preview.preview.map((event) => (
                    <tr>
                      <td><Time iso={event.at} /></td>
                      <td>{event.kind}</td>
                      <td>{event.actor}</td>
                      <td class="import-preview__text">{event.text}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {preview.events > preview.preview.length && <p class="muted">… and {(preview.events - preview.preview.length).toLocaleString()} more.</p>}
          </section>
        )}
        <div class="form__actions">
          <button class="button" type="submit" disabled={busy || !ready || (format.zip && channels !== undefined && !settings.channel)}>
            {format.zip && !channels ? "Read the channels" : "Preview"}
          </button>
          <button class="button button--primary" type="button" disabled={busy || !preview || preview.added === 0} onClick={() => send(false)}>
            {preview ? `Import ${preview.added.toLocaleString()} events` : "Import"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
