// Past postmortems uploaded from the browser: Markdown files, or a zip of them. The server reads
// each (title, date, timeline rows, contributing factors, action items, lessons), or says why it
// does not read, and shows what it found before anything is stored; importing then stores the
// whole archive at once, each file a resolved incident whose review is drafting, and only once
// every file reads. A file imported before adds nothing.
import { useState } from "preact/hooks";
import { api, ApiError, type FieldError } from "../api";
import { Field } from "../components/field";
import { Link } from "../components/link";
import { Time } from "../components/status";
import { readBase64 } from "../files";
import { withFullStop } from "../text";
import { viewerTimeZone } from "../time";
import type { PostmortemImportResult, PostmortemItem, PostmortemRead, PostmortemUnreadable } from "../types";

type Upload =
  | { kind: "files"; files: { name: string; content: string }[] }
  | { kind: "zip"; name: string; base64: string };

const isMarkdown = (name: string) => /\.(md|markdown)$/i.test(name);
const isZip = (name: string) => /\.zip$/i.test(name);

const isUnreadable = (item: PostmortemItem): item is PostmortemUnreadable => "error" in item;
const isRead = (item: PostmortemItem): item is PostmortemRead => !isUnreadable(item);

// The server's message shown beside its file: it starts with the file's name and line
// ("bad.md:3: …"), so its first letter stays as written.
const fileMessage = (item: PostmortemUnreadable) => withFullStop(item.error);

// `preview` with the files an import was refused for (one error per file that does not read, its
// message starting with the file's name) marked beside them; undefined when it names none of them.
function markUnreadable(preview: PostmortemImportResult, written: FieldError[]): PostmortemImportResult | undefined {
  let marked = false;
  const items = preview.items.map((item): PostmortemItem => {
    const problem = written.find((error) => error.field === "files" && error.detail.startsWith(`${item.name}:`));
    if (!problem) return item;
    marked = true;
    return { name: item.name, error: problem.detail };
  });
  return marked ? { ...preview, items } : undefined;
}

export function PostmortemImport({ canWrite }: { canWrite: boolean }) {
  const [upload, setUpload] = useState<Upload | undefined>();
  // Chosen files that are neither Markdown nor a zip, passed over.
  const [passedOver, setPassedOver] = useState<string[]>([]);
  const [timeZone, setTimeZone] = useState(viewerTimeZone);
  const [preview, setPreview] = useState<PostmortemImportResult | undefined>();
  const [imported, setImported] = useState<PostmortemImportResult | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  if (!canWrite) {
    return (
      <main class="page page--narrow" id="main">
        <h1>Import past postmortems</h1>
        <div class="card" role="note">
          <p>Importing postmortems is for members. Reviews imported by others are in the <Link href="/library">Library</Link> once they are published.</p>
        </div>
      </main>
    );
  }

  async function choose(event: Event) {
    const chosen = [...((event.currentTarget as HTMLInputElement).files ?? [])];
    setPreview(undefined);
    setImported(undefined);
    setError(undefined);
    const zips = chosen.filter((file) => isZip(file.name));
    if (zips.length > 0 && chosen.length > 1) {
      setUpload(undefined);
      setPassedOver([]);
      setError(new ApiError(0, "Choose Markdown files, or one .zip of them, not both.", undefined, []));
      return;
    }
    if (zips.length === 1) {
      setPassedOver([]);
      setUpload({ kind: "zip", name: zips[0].name, base64: await readBase64(zips[0]) });
      return;
    }
    const markdown = chosen.filter((file) => isMarkdown(file.name));
    setPassedOver(chosen.filter((file) => !isMarkdown(file.name)).map((file) => file.name));
    const files = await Promise.all(markdown.map(async (file) => ({ name: file.name, content: await file.text() })));
    setUpload(files.length ? { kind: "files", files } : undefined);
  }

  async function send(dryRun: boolean) {
    if (!upload) return;
    setBusy(true);
    setError(undefined);
    const body = upload.kind === "zip"
      ? { archive_base64: upload.base64, file_name: upload.name, time_zone: timeZone, dry_run: dryRun }
      : { files: upload.files, time_zone: timeZone, dry_run: dryRun };
    try {
      const result = await api.post<PostmortemImportResult>("/postmortems/import", body);
      if (dryRun) {
        setPreview(result);
      } else {
        setImported(result);
        setPreview(undefined);
        setUpload(undefined);
      }
    } catch (reason) {
      const failure = reason instanceof ApiError ? reason : new ApiError(0, String(reason), undefined, []);
      // Refused as a file no longer reads as the preview read it: each marked beside its file.
      const marked = !dryRun && preview && failure.status === 400 ? markUnreadable(preview, failure.written) : undefined;
      setPreview(marked);
      if (marked) {
        setError(new ApiError(400, "Nothing was stored, as not every file reads: each that does not is marked below.", undefined, []));
      } else {
        setError(failure.status === 413
          ? new ApiError(413, `${failure.detail} That is more than the server takes from a browser: import them with “debrief import markdown FILES”.`, undefined, [])
          : failure);
      }
    } finally {
      setBusy(false);
    }
  }

  const names = upload?.kind === "files" ? upload.files.map((file) => file.name) : upload ? [upload.name] : [];
  const unreadable = preview?.items.filter(isUnreadable) ?? [];
  const readable = preview ? preview.items.length - unreadable.length : 0;
  return (
    <main class="page page--narrow" id="main">
      <h1>Import past postmortems</h1>
      <p class="muted">Postmortems written before debrief, as Markdown files or a zip of them. Each becomes a resolved incident with its timeline, contributing factors, action items and lessons, and a review in drafting to finish here. You see what each file holds before anything is stored, and a file imported before adds nothing.</p>
      <form class="card postmortem-import" aria-label="Choose postmortems" onSubmit={(event) => { event.preventDefault(); void send(true); }}>
        <div class="form__row">
          <Field id="postmortem-files" label="Markdown files or a .zip" hint="Choose several files at once, or one zip of them.">
            <input id="postmortem-files" type="file" multiple accept=".md,.markdown,.zip,text/markdown,application/zip" onChange={choose} />
          </Field>
          <Field id="postmortem-zone" label="Time zone" hint="Of times the files write without a zone." error={error?.field === "time_zone" ? error.detail : undefined}>
            <input id="postmortem-zone" value={timeZone} onInput={(event) => { setTimeZone(event.currentTarget.value); setPreview(undefined); }} />
          </Field>
        </div>
        {names.length > 0 && (
          <ul class="postmortem-import__files" aria-label="Chosen">
            {names.map((name) => <li>{name}</li>)}
          </ul>
        )}
        {passedOver.length > 0 && <p class="muted">Passed over, as they are not Markdown: {passedOver.join(", ")}.</p>}
        {busy && <p class="muted" role="status"><span class="spinner" aria-hidden="true" /> Reading the postmortems…</p>}
        {error && error.field !== "time_zone" && <p class="alert alert--error" role="alert">{error.detail}</p>}
        {preview && <PreviewTable preview={preview} />}
        {unreadable.length > 0 && (
          <p class="alert alert--warning" id="postmortem-unreadable">
            Nothing can be imported until every file reads: fix or remove {unreadable.length === 1 ? "the file that does not" : `the ${unreadable.length.toLocaleString()} files that do not`} ({unreadable.map((item) => item.name).join(", ")}){upload?.kind === "zip" ? " in the zip" : ""}, then choose {upload?.kind === "zip" ? "it" : "the files"} again.
          </p>
        )}
        <div class="form__actions">
          <button class="button" type="submit" disabled={busy || !upload}>Preview</button>
          <button class="button button--primary" type="button" disabled={busy || !preview || readable === 0 || unreadable.length > 0}
            aria-describedby={unreadable.length > 0 ? "postmortem-unreadable" : undefined} onClick={() => void send(false)}>
            {preview && unreadable.length === 0 ? `Import ${readable.toLocaleString()} postmortem${readable === 1 ? "" : "s"}` : "Import"}
          </button>
        </div>
      </form>
      {imported && (
        <section class="card postmortem-import__done" aria-labelledby="postmortems-imported-title">
          <h2 id="postmortems-imported-title">Imported</h2>
          <p role="status">
            {imported.added === 1 ? "1 incident was added" : `${imported.added.toLocaleString()} incidents were added`}
            {imported.added < imported.items.length && `; ${(imported.items.length - imported.added).toLocaleString()} had been imported before`}.
            Their reviews are drafting: open one to finish it.
          </p>
          <ul class="postmortem-import__incidents">
            {imported.items.filter(isRead).map((item) => (
              <li>
                {item.key && <Link href={`/incidents/${encodeURIComponent(item.key)}`}><span class="key">{item.key}</span> {item.title}</Link>}
                <span class="muted"> from {item.name}{item.already_there ? ", imported before" : ""}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

function PreviewTable({ preview }: { preview: PostmortemImportResult }) {
  const total = preview.items.length;
  const unreadable = preview.items.filter(isUnreadable).length;
  return (
    <section class="import-preview" aria-labelledby="postmortem-preview-title">
      <h2 id="postmortem-preview-title">Preview</h2>
      <p role="status">
        {unreadable === 0
          ? `${total === 1 ? "1 postmortem" : `${total.toLocaleString()} postmortems`} read. Nothing is stored until you import.`
          : `${(total - unreadable).toLocaleString()} of ${total.toLocaleString()} postmortems read; ${unreadable === 1 ? "1 does not, for the reason beside it" : `${unreadable.toLocaleString()} do not, for the reasons beside them`}.`}
      </p>
      <table class="table">
        <caption class="visually-hidden">What each file holds</caption>
        <thead>
          <tr>
            <th scope="col">File</th><th scope="col">Title</th><th scope="col">Date</th><th scope="col">Timeline rows</th>
            <th scope="col">Factors</th><th scope="col">Action items</th><th scope="col">Lessons</th>
          </tr>
        </thead>
        <tbody>
          {preview.items.map((item) => isUnreadable(item) ? (
            <tr class="postmortem-import__unreadable">
              <th scope="row">{item.name}</th>
              <td colSpan={6}><span class="field__error">{fileMessage(item)}</span></td>
            </tr>
          ) : (
            <tr>
              <th scope="row">{item.name}</th>
              <td>{item.title}</td>
              <td>{item.date ?? <span class="muted">none found</span>}</td>
              <td>
                {item.timeline_rows.toLocaleString()}
                {item.placed_rows < item.timeline_rows && <span class="muted"> ({(item.timeline_rows - item.placed_rows).toLocaleString()} without a day or time stay in the text)</span>}
              </td>
              <td>{item.factors.toLocaleString()}</td>
              <td>{item.action_items.toLocaleString()}</td>
              <td>{item.lessons.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.items.filter(isRead).filter((item) => (item.rows?.length ?? 0) > 0).map((item) => <RowsRead item={item} />)}
    </section>
  );
}

const kConfidence: Record<string, string> = {
  high: "sure",
  medium: "day inferred",
  low: "zone assumed",
  none: "not placed",
};

// How each timeline row of one file was read: the time as written, where it was placed, in
// which zone and how sure that is. A file that names no zone says so first: its times were read
// in the zone chosen above.
function RowsRead({ item }: { item: PostmortemRead }) {
  const rows = item.rows ?? [];
  const assumed = rows.find((row) => row.zone_from === "default" && row.at !== null);
  const unsure = rows.filter((row) => row.confidence !== "high").length;
  return (
    <details class="postmortem-rows">
      <summary>
        {item.name}: how its {rows.length.toLocaleString()} timeline {rows.length === 1 ? "row was" : "rows were"} placed
        {unsure > 0 && <span class="muted"> ({unsure.toLocaleString()} less than sure)</span>}
      </summary>
      {assumed && (
        <p class="alert alert--warning">
          The file states no time zone: its times were read as {assumed.zone}. If they were written in another zone, choose it above and preview again.
        </p>
      )}
      <table class="table">
        <caption class="visually-hidden">The timeline rows of {item.name}</caption>
        <thead>
          <tr><th scope="col">Line</th><th scope="col">Written</th><th scope="col">Placed at</th><th scope="col">How sure</th><th scope="col">Text</th></tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr class={`postmortem-rows__row postmortem-rows__row--${row.confidence}`}>
              <td>{row.line}</td>
              <td>{row.time_text}</td>
              <td>
                {row.at ? <Time iso={row.at} year /> : row.day ? <>{row.day} <span class="muted">(day)</span></> : <span class="muted">{row.unplaced_reason}</span>}
              </td>
              <td title={row.at || row.day ? `day from: ${row.day_from}; zone ${row.zone} from: ${row.zone_from}` : undefined}>{kConfidence[row.confidence] ?? row.confidence}</td>
              <td class="import-preview__text">{row.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(item.unread_lines?.length ?? 0) > 0 && (
        <p class="muted">Read as no row: {item.unread_lines!.map((line) => `line ${line.line}`).join(", ")}.</p>
      )}
    </details>
  );
}
