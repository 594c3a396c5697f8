// Publishing the review: what still stands in the way (an unresolved incident, accounts not yet
// released), the language findings to read and acknowledge, and the versions published so far.
import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Time } from "../components/status";
import { asSentence } from "../text";
import type { Incident, PublishCheck, PublishedVersion as Version, VersionChange as Change } from "../types";
import { useLoad } from "../use_load";

const kMomentNames: Record<string, string> = { started: "Start", detected: "Detection", mitigated: "Mitigation", resolved: "Resolution", hand_off: "Hand-off" };
const kRecordNames: { [record: string]: string } = {
  incident: "the incident", account: "an account", entry: "a moment", event: "a timeline event",
  decision: "a decision point", factor: "a contributing factor", work_as_done: "a work-as-done record",
  action: "an action item", lesson: "a lesson",
};

const kSectionNouns: { [section: string]: string } = {
  incident: "the incident", participants: "person", accounts: "account", entries: "moment",
  events: "timeline event", decisions: "decision point", factors: "contributing factor",
  work_as_done: "work-as-done record", actions: "action item", lessons: "lesson",
};

// One line a reader understands: "Added lesson “Alert on queue age”", "Changed the incident: title".
function describe(change: Change): string {
  const noun = kSectionNouns[change.section] ?? change.section;
  if (change.change === "changed") {
    const fields = Object.keys(change.fields ?? {}).map((field) => field.replace(/_/g, " "));
    return `Changed ${noun}: ${fields.join(", ")}`;
  }
  const record = change.record ?? {};
  const name = ["title", "name", "text", "did", "situation", "procedure"].map((field) => record[field])
    .find((value) => typeof value === "string" && value !== "") as string | undefined;
  const shown = name && name.length > 80 ? `${name.slice(0, 77)}…` : name;
  return `${change.change === "added" ? "Added" : "Removed"} ${noun}${shown ? ` “${shown}”` : ""}`;
}

function VersionChanges({ base, number }: { base: string; number: number }) {
  const diff = useLoad(() => api.get<{ changes: Change[] }>(`${base}/versions/${number}/diff`), `${base}:${number}`);
  if (!diff.data) return <p class="muted">Loading the changes…</p>;
  if (!diff.data.changes.length) return <p class="muted">Nothing changed in the content.</p>;
  return (
    <ul class="publish__changes">
      {diff.data.changes.map((change) => <li>{describe(change)}</li>)}
    </ul>
  );
}

export function PublishPanel({ incident, canWrite, onPublished }: {
  incident: Incident;
  canWrite: boolean;
  onPublished: () => void;
}) {
  const base = `/incidents/${encodeURIComponent(incident.key)}`;
  const load = useLoad(async () => ({
    check: await api.get<PublishCheck>(`${base}/publish`),
    versions: (await api.get<{ items: Version[] }>(`${base}/versions`)).items,
  }), `${incident.key}:${incident.version}`);
  const [acknowledged, setAcknowledged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [opened, setOpened] = useState<number | null>(null);
  if (!load.data) return null;
  const { check, versions } = load.data;

  async function publish() {
    setBusy(true);
    setError("");
    try {
      await api.post(`${base}/publish`, { acknowledge_findings: acknowledged }, incident.version);
      setAcknowledged(false);
      onPublished();
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.detail : "Publishing failed.");
    } finally {
      setBusy(false);
    }
  }

  // "Not blame here" on a listed finding: recorded for the organisation, and the check read again.
  async function dismiss(finding: (typeof check.findings)[number]) {
    setError("");
    try {
      await api.post(`${base}/publish/dismissals`, {
        record: finding.record, record_id: finding.record_id, field: finding.field, index: finding.index ?? null,
        rule: finding.rule, start: finding.start, end: finding.end,
      });
      load.reload();
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.detail : "The hint was not dismissed.");
    }
  }

  const needsAcknowledging = check.findings.length > 0;
  return (
    <section class="card publish" aria-labelledby="publish-title">
      <h2 id="publish-title">Publish</h2>
      {!check.resolved && <p class="muted">The incident is not resolved yet; its review is published afterwards.</p>}
      {check.resolved && check.review_blocker && <p class="muted publish__blocker">{asSentence(check.review_blocker.replace(/ with POST \S+/g, ""))}</p>}
      {check.unreleased_accounts.length > 0 && (
        <div>
          <p>Waiting for these accounts to be released to the review or withdrawn by their authors:</p>
          <ul class="publish__list">
            {check.unreleased_accounts.map((account) => <li>{account.participant} ({account.visibility.replace("_", " ")})</li>)}
          </ul>
        </div>
      )}
      {(check.coverage?.length ?? 0) > 0 && check.coverage!.some((moment) => moment.told < moment.involved) && (
        <div class="publish__coverage">
          <p>Whose released accounts tell of each key moment and hand-off (for you as facilitator; a hint, not a requirement):</p>
          <ul class="publish__list">
            {check.coverage!.map((moment) => (
              moment.moment === "hand_off" ? (
                <li>
                  Hand-off at <Time iso={moment.at} clock />, {moment.between}:{" "}
                  {moment.told >= moment.involved ? "told from both sides" : moment.told === 1 ? "one side only — ask the other what they handed over or took on" : "told from no side yet"}
                </li>
              ) : (
                <li>
                  {kMomentNames[moment.moment] ?? moment.moment} (<Time iso={moment.at} clock />): {moment.told} of {moment.involved} involved {moment.involved === 1 ? "person" : "people"}
                  {moment.told === 0 ? " — told from no side yet" : moment.told < moment.involved ? " — ask the others what they saw then" : ""}
                </li>
              )
            ))}
          </ul>
        </div>
      )}
      {needsAcknowledging && (
        <div>
          <p>{check.findings.length === 1
            ? "One phrase may get in the way of learning. Read it before publishing:"
            : `${check.findings.length} phrases may get in the way of learning. Read them before publishing:`}</p>
          <ul class="publish__list">
            {check.findings.map((finding) => (
              <li><q>{finding.excerpt}</q> in {kRecordNames[finding.record] ?? finding.record} ({finding.field.replace(/_/g, " ")}): {finding.message}
                {canWrite && <>{" "}<button type="button" class="button button--quiet" onClick={() => void dismiss(finding)}>Not blame here</button></>}
              </li>
            ))}
          </ul>
          {canWrite && (
            <label class="publish__acknowledge">
              <input type="checkbox" checked={acknowledged} onChange={(event) => setAcknowledged(event.currentTarget.checked)} />
              I have read these and want to publish as written
            </label>
          )}
        </div>
      )}
      {error && <p class="alert alert--error" role="alert">{error}</p>}
      {canWrite && (
        <button class="button button--primary" type="button" onClick={() => void publish()}
          disabled={busy || !check.ready || (needsAcknowledging && !acknowledged)}>
          {versions.length ? `Publish version ${versions.length + 1}` : "Publish the review"}
        </button>
      )}
      {versions.length > 0 && (
        <div>
          <h3>Published versions</h3>
          <ol class="publish__versions" reversed>
            {versions.map((version) => (
              <li>
                Version {version.number}, <Time iso={version.published_at} />{" "}
                <a class="button button--quiet" href={`/api/v1${base}/versions/${version.number}/export?format=html`}
                  target="_blank" rel="noopener">Read</a>{" "}
                {version.number > 1 && (
                  <button type="button" class="button button--quiet" aria-expanded={opened === version.number}
                    onClick={() => setOpened(opened === version.number ? null : version.number)}>
                    What changed
                  </button>
                )}
                {opened === version.number && <VersionChanges base={base} number={version.number} />}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
