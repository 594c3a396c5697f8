import { useState } from "preact/hooks";

// Downloads of the review as a file. The server sends each as an attachment, so a plain link
// works with the session cookie and nothing is held in the page. "Key events only" is the short
// export: the timeline keeps only the events starred as key events.
export function ExportLinks({ incidentKey }: { incidentKey: string }) {
  const [anonymised, setAnonymised] = useState(false);
  const [keyEvents, setKeyEvents] = useState(false);
  const href = (format: string) =>
    `/api/v1/incidents/${encodeURIComponent(incidentKey)}/export?format=${format}${anonymised ? "&anonymised=true" : ""}${keyEvents ? "&events=starred" : ""}`;
  return (
    <section class="export" aria-labelledby="export-title">
      <h3 id="export-title">Export</h3>
      <p class="muted export__note">The review as shared: released accounts only.</p>
      <label class="export__option">
        <input type="checkbox" checked={anonymised} onChange={(event) => setAnonymised(event.currentTarget.checked)} />
        Replace names with roles
      </label>
      <label class="export__option">
        <input type="checkbox" checked={keyEvents} onChange={(event) => setKeyEvents(event.currentTarget.checked)} />
        Key events only (the starred ones)
      </label>
      <p class="export__links">
        <a class="button" href={href("md")} download>Markdown</a>
        <a class="button" href={href("html")} download>Web page</a>
        <a class="button" href={href("json")} download>JSON</a>
      </p>
    </section>
  );
}
