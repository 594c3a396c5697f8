import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { take } from "../prefetch";
import { ExternalLink } from "../components/external_link";
import { Link } from "../components/link";
import { Empty, Loading, Problem, Time } from "../components/status";
import { formatClock, formatDuration, fromLocalInput, toLocalInput } from "../time";
import { explainDiscrepancy, itemSummary, layoutTimeline } from "../timeline_layout";
import { api, ApiError } from "../api";
import { asSentence } from "../text";
import type { AudienceMembership, EventImport, Incident, Participant, Timeline, TimelineEvent, TimelineImportResult, TimelineItem, TimelineSuggestions } from "../types";
import { EventForm } from "./event_form";
import { ImportDialog } from "./import_dialog";
import { AudiencesPanel } from "./audiences_panel";
import { FacilitatorPanel } from "./facilitator_panel";
import { ImportList } from "./timeline_imports";
import { useLoad } from "../use_load";

const kZoomLevels = [0, 1, 2, 4, 8];

function describe(item: TimelineItem): string {
  if (item.event) return `${item.event.kind}: ${item.event.text}`;
  const entry = item.entry!;
  return [
    entry.did && `Did: ${entry.did}`,
    entry.saw && `Saw: ${entry.saw}`,
    entry.expected && `Expected: ${entry.expected}`,
    entry.assumed && `Assumed: ${entry.assumed}`,
    entry.looking_at && `Looking at: ${entry.looking_at}`,
  ].filter(Boolean).join(" · ");
}

// Needs only the incident's key, so its data loads in parallel with the incident's own.
// Key moments read off imported alerts, for the facilitator to take with one click (the incident
// changes only then), and entries that may describe an imported event.
function Suggestions({ suggestions, incident, incidentKey, items, myAccountId, onIncidentChange, onAccountsChange, onNotice, reload }: {
  suggestions: TimelineSuggestions;
  incident?: Incident;
  incidentKey: string;
  items: TimelineItem[];
  // The reader's own account: they may link its entries; nobody else can.
  myAccountId?: number;
  onIncidentChange?: (incident: Incident) => void;
  // An entry of the reader's own account changed (its version with it).
  onAccountsChange?: () => void;
  onNotice: (notice: string) => void;
  reload: () => void;
}) {
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  if (suggestions.key_moments.length === 0 && suggestions.links.length === 0) return null;
  const label = { detected_at: "Detected", resolved_at: "Resolved" };
  const byRef = new Map(items.map((item) => [item.ref, item]));

  async function take(field: "detected_at" | "resolved_at", at: string) {
    if (!incident) return;
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api.patch<Incident>(`/incidents/${encodeURIComponent(incident.key)}`, { [field]: at }, incident.version);
      onIncidentChange?.(saved);
      reload();
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : undefined);
    } finally {
      setBusy(false);
    }
  }

  // "I saw this": the entry's author adds the event to its seen_event_ids, and the suggestion
  // is made no more.
  async function linkAsSeen(entryItem: TimelineItem, eventItem: TimelineItem) {
    const entry = entryItem.entry!;
    const eventId = eventItem.event!.id;
    setBusy(true);
    setError(undefined);
    try {
      await api.patch(`/incidents/${encodeURIComponent(incidentKey)}/accounts/${entryItem.account_id}/entries/${entry.id}`,
        { seen_event_ids: [...entry.seen_event_ids.filter((id) => id !== eventId), eventId] }, entry.version);
      onAccountsChange?.();
      onNotice(`Linked: your moment at ${formatClock(entryItem.at)} now says you saw the ${eventItem.event?.kind ?? "event"} at ${formatClock(eventItem.at)}.`);
    } catch (reason) {
      setError(reason instanceof ApiError && reason.status === 412
        ? new ApiError(412, "Your moment was changed since the timeline loaded (in another window, perhaps). The timeline is up to date again: link it if it still fits.", undefined, [])
        : reason instanceof ApiError ? reason : new ApiError(0, "Linking failed.", undefined, []));
    } finally {
      setBusy(false);
      reload();
    }
  }

  return (
    <div class="card suggestions" aria-labelledby="suggestions-title">
      <h3 id="suggestions-title">Suggested from imported events</h3>
      <p class="muted">Read off alerts and logs, not decided: take what is right.</p>
      {error && <p class="alert alert--error" role="alert">{error.message}</p>}
      <ul>
        {suggestions.key_moments.map((moment) => (
          <li>
            <strong>{label[moment.field]}</strong> at <Time iso={moment.at} clock />. {asSentence(moment.reason)}{" "}
            {incident && (
              <button class="button" type="button" disabled={busy} onClick={() => take(moment.field, moment.at)}>
                Set {label[moment.field].toLowerCase()} time
              </button>
            )}
          </li>
        ))}
        {suggestions.links.map((link) => {
          const entry = byRef.get(link.entry_ref);
          const event = byRef.get(link.event_ref);
          if (!entry || !event) return null;
          const mine = myAccountId !== undefined && entry.account_id === myAccountId && !!entry.entry;
          return mine ? (
            <li class="suggestion suggestion--mine">
              Your moment at {formatClock(entry.at)} and the {event.event?.kind ?? "event"} at {formatClock(event.at)} both
              name <code>{link.shared}</code>: {itemSummary(event)}. Did you see it?{" "}
              <button class="button" type="button" disabled={busy} onClick={() => void linkAsSeen(entry, event)}
                aria-label={`Link as seen: your moment at ${formatClock(entry.at)} saw the ${event.event?.kind ?? "event"} at ${formatClock(event.at)}`}>
                Link as seen
              </button>
            </li>
          ) : (
            <li class="suggestion">
              An entry at {formatClock(entry.at)} and the {event.event?.kind ?? "event"} at {formatClock(event.at)} both
              name <code>{link.shared}</code>: {itemSummary(event)}. Its author can link them as seen.
            </li>
          );
        })}
      </ul>
    </div>
  );
}

// Where an event came from, who could see it and the evidence behind it.
function EventFacts({ event, participants }: { event: TimelineEvent; participants: Participant[] }) {
  const links = event.evidence_links ?? [];
  const audience = (value: string) =>
    participants.find((participant) => `participant:${participant.id}` === value)?.name ?? value.replace(/^[a-z]+:/, "");
  const visible = (event.visible_to ?? []).filter((value) => value !== "all");
  return (
    <>
      {event.original_text && (
        <p class="item-detail__original">Corrected; the source wrote: <span class="item-detail__original-text">“{event.original_text}”</span></p>
      )}
      {visible.length > 0 && <p class="muted">Could be seen then by {visible.map(audience).join(", ")}.</p>}
      {(event.actor || event.source) && (
        <p class="muted item-detail__source">
          {event.actor && <>By {event.actor}</>}{event.actor && event.source && " · "}{event.source && <>From {event.source}</>}
        </p>
      )}
      {links.length > 0 && (
        <>
          <p class="record__label" id="item-detail-evidence">Evidence</p>
          <ul class="item-detail__links" aria-labelledby="item-detail-evidence">
            {links.map((link) => <li><ExternalLink url={link} /></li>)}
          </ul>
        </>
      )}
    </>
  );
}

// What an entry is linked to: the moments it describes too, and the events its author saw.
function EntryLinks({ item, items, laneLabel }: { item: TimelineItem; items: TimelineItem[]; laneLabel: (lane: string) => string }) {
  const entry = item.entry;
  if (!entry) return null;
  const name = (ref: string) => {
    const other = items.find((candidate) => candidate.ref === ref);
    if (!other) return "an item you cannot see";
    return `${other.event ? `the ${other.event.kind}` : laneLabel(other.lane)} at ${formatClock(other.at)}: ${itemSummary(other).slice(0, 80)}`;
  };
  return (
    <>
      {entry.same_as.length > 0 && (
        <div class="item-detail__linked">
          <p class="record__label" id="item-detail-same">Same moment as</p>
          <ul aria-labelledby="item-detail-same">{entry.same_as.map((ref) => <li>{name(ref)}</li>)}</ul>
        </div>
      )}
      {entry.seen_event_ids.length > 0 && (
        <div class="item-detail__linked">
          <p class="record__label" id="item-detail-seen">Saw</p>
          <ul aria-labelledby="item-detail-seen">{entry.seen_event_ids.map((id) => <li>{name(`event:${id}`)}</li>)}</ul>
        </div>
      )}
    </>
  );
}

const kKeyMoments = [
  { field: "started_at", label: "Started" },
  { field: "detected_at", label: "Detected" },
  { field: "mitigated_at", label: "Mitigated" },
  { field: "resolved_at", label: "Resolved" },
] as const;

// The incident's key times above the timeline (they are also marked in it), changed on the
// overview.
function KeyTimes({ incident, canWrite }: { incident: Incident; canWrite?: boolean }) {
  return (
    <div class="timeline__key-times">
      <dl aria-label="Key times">
        {kKeyMoments.map(({ field, label }) => (
          <div><dt>{label}</dt><dd><Time iso={incident[field]} none="not set" /></dd></div>
        ))}
      </dl>
      {canWrite && <Link href={`/incidents/${encodeURIComponent(incident.key)}`}>Edit key times on the overview</Link>}
    </div>
  );
}

// Why the chosen person could (or could not) know an item at the chosen time, as the server
// worked it out: reviewers judging a choice need the path the information took, not a yes/no.
function knowledgeReason(item: TimelineItem): string {
  switch (item.known_because) {
    case "own_entry":
      return "Known then: their own entry.";
    case "said_seen":
      return "Known then: their account says they saw it.";
    case "named":
      return "Known then: it was shown to them by name.";
    case "audience": {
      const via = item.known_via ?? "";
      const since = item.known_since ? ` since ${formatClock(item.known_since)}` : "";
      const [kind, name] = via.includes(":") ? [via.slice(0, via.indexOf(":")), via.slice(via.indexOf(":") + 1)] : ["", via];
      if (kind === "channel") return `Known then: posted in ${name}, ${since ? `where they had been${since}` : "where they were a member"}.`;
      if (kind === "receiver") return `Known then: paged via ${name}${since ? `, on it${since}` : ""}.`;
      if (kind === "pagerduty") return `Known then: on PagerDuty incident ${name}${since ? `, which reached them at ${formatClock(item.known_since!)}` : ""}.`;
      return `Known then: it reached them in ${via}${since}.`;
    }
    case "everyone":
      return "Known then: it was shown to everyone.";
    default:
      return "Not known then: it had not reached them by the chosen time.";
  }
}

export function TimelineView({ incidentKey, participants, incident, imports, audiences, canWrite, myAccountId, myUserId, onIncidentChange, onAccountsChange }: {
  incidentKey: string;
  participants: Participant[];
  incident?: Incident;
  // The incident's imports from its page payload; the list shows once they are there.
  imports?: EventImport[];
  // Who was in which audience, from the same payload; read again after a change.
  audiences?: AudienceMembership[];
  canWrite?: boolean;
  // The reader: the imports they made are "you".
  myUserId?: number;
  // The reader's own account on this incident, if they have one.
  myAccountId?: number;
  onIncidentChange?: (incident: Incident) => void;
  // The reader's own account changed here ("Link as seen"), so "My account" reads it afresh.
  onAccountsChange?: () => void;
}) {
  // The facilitator walks the review meeting through the timeline (their questions, theirs alone).
  const facilitating = incident !== undefined && myUserId !== undefined && incident.facilitator_id === myUserId;
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<TimelineImportResult | undefined>();
  // Counts imports made here, so the list of imports reads again.
  const [importsVersion, setImportsVersion] = useState(0);
  const [knownBy, setKnownBy] = useState("");
  const [knownAt, setKnownAt] = useState("");
  const [zoom, setZoom] = useState(2);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<TimelineItem | undefined>();
  // Adding an event (a form above the timeline), or changing the open one (in its detail).
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const editDirty = useRef(false);
  const [notice, setNotice] = useState("");
  const [detailError, setDetailError] = useState("");
  // An item to bring into view and focus once the timeline has reloaded with it.
  const [reveal, setReveal] = useState<string | undefined>();
  const grid = useRef<HTMLDivElement>(null);
  const detail = useRef<HTMLElement>(null);

  // An edit in progress is never dropped without asking.
  function mayLeaveEdit(): boolean {
    if (!editing || !editDirty.current) return true;
    return confirm("Leave the event you are changing? Your changes are not saved.");
  }

  function select(item: TimelineItem | undefined) {
    if (item?.ref === selected?.ref) return;
    if (!mayLeaveEdit()) return;
    setEditing(false);
    editDirty.current = false;
    setDetailError("");
    setSelected(item);
  }

  // Closing the detail hands focus back to the item it was opened from, so keyboard users carry
  // on moving through the timeline where they were.
  function closeDetail() {
    if (!mayLeaveEdit()) return;
    const ref = selected?.ref;
    setEditing(false);
    editDirty.current = false;
    setDetailError("");
    setSelected(undefined);
    if (ref) grid.current?.querySelector<HTMLElement>(`[data-ref="${CSS.escape(ref)}"]`)?.focus();
  }

  // Opening an item moves focus into its detail (read out at once; Tab reaches its buttons);
  // Escape closes it from anywhere on the page, unless a dialog is open and takes Escape itself,
  // or the item is being changed (Cancel does that, so nothing typed is lost to a stray key).
  useEffect(() => {
    if (!selected) return;
    if (!editing) detail.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented || editing || document.querySelector("dialog[open], [role=alertdialog]")) return;
      event.preventDefault();
      closeDetail();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [selected?.ref, editing]);

  const knowledge = knownBy && fromLocalInput(knownAt) ? `?known_by=${knownBy}&known_at=${encodeURIComponent(fromLocalInput(knownAt)!)}` : "";
  const timeline = useLoad(
    () => take<Timeline>(`/incidents/${encodeURIComponent(incidentKey)}/timeline${knowledge}`).then((data) => {
      performance.mark("timeline:data");
      return data;
    }),
    `${incidentKey}${knowledge}`,
  );
  const layout = useMemo(
    () => timeline.data && layoutTimeline(timeline.data, {
      hiddenLanes: hidden,
      pixelsPerMinute: kZoomLevels[zoom],
      keyMoments: incident ? [
        { label: "Started", at: incident.started_at },
        { label: "Detected", at: incident.detected_at },
        { label: "Mitigated", at: incident.mitigated_at },
        { label: "Resolved", at: incident.resolved_at },
      ] : [],
    }),
    [timeline.data, hidden, zoom, incident],
  );

  // How long the page takes from data to pixels; web/bench/timeline_render.mjs reads it.
  useEffect(() => {
    if (!timeline.data) return;
    requestAnimationFrame(() => {
      performance.mark("timeline:rendered");
      performance.measure("timeline:render", "timeline:data", "timeline:rendered");
    });
  }, [timeline.data]);

  // A new event, once the reloaded timeline holds it: scrolled to and focused.
  useEffect(() => {
    if (!reveal || !timeline.data) return;
    const button = grid.current?.querySelector<HTMLElement>(`[data-ref="${CSS.escape(reveal)}"]`);
    if (!button) return;
    button.scrollIntoView({ block: "center" });
    button.focus();
    setReveal(undefined);
  }, [timeline.data, reveal]);

  if (timeline.loading && !timeline.data) return <Loading what="the timeline" />;
  if (timeline.error !== undefined) return <Problem error={timeline.error} retry={timeline.reload} />;
  const data = timeline.data!;
  // The open item as the timeline has it now (it may have changed since it was opened).
  const current = selected && (data.items.find((item) => item.ref === selected.ref) ?? selected);
  const latest = data.items[data.items.length - 1]?.at;

  async function deleteEvent(item: TimelineItem) {
    const event = item.event!;
    const imported = event.source.startsWith("import:");
    if (!confirm(`Delete the event “${event.text.slice(0, 80)}” at ${formatClock(event.at)}?${imported ? " It was imported: importing the same file again would add it back." : ""}`)) return;
    try {
      await api.remove(`/incidents/${encodeURIComponent(incidentKey)}/events/${event.id}`, event.version);
      setSelected(undefined);
      setDetailError("");
      setNotice(`Deleted the ${event.kind} at ${formatClock(event.at)}.`);
    } catch (reason) {
      if (reason instanceof ApiError && reason.status === 404) {
        setSelected(undefined);
        setNotice("That event had already been deleted.");
      } else {
        setDetailError(reason instanceof ApiError && reason.status === 412
          ? "Someone changed this event since it was shown: it now shows their version. Delete it again if it should still go."
          : `The event was not deleted. ${reason instanceof ApiError ? reason.detail : "The server did not answer."}`);
      }
    }
    timeline.reload();
  }

  // An undone import's events are gone: an open one closes, and the timeline reads again.
  function onImportUndone(undone: EventImport, message: string) {
    setImported(undefined);
    setNotice(message);
    // The list may be drawn anew (an empty timeline shows it elsewhere): it reads the imports
    // again instead of starting from the page's.
    setImportsVersion(importsVersion + 1);
    if (current?.event?.import_id === undone.id) {
      setEditing(false);
      editDirty.current = false;
      setDetailError("");
      setSelected(undefined);
    }
    timeline.reload();
  }

  // Stars (or unstars) an event as a key event. Only `starred` is sent, so when someone changed
  // the event meanwhile (412) it is starred in their version: nothing of theirs is undone.
  async function setStarred(item: TimelineItem, starred: boolean) {
    const path = `/incidents/${encodeURIComponent(incidentKey)}/events/${item.event!.id}`;
    setDetailError("");
    try {
      let saved: TimelineEvent;
      try {
        saved = await api.patch<TimelineEvent>(path, { starred }, item.event!.version);
      } catch (reason) {
        if (!(reason instanceof ApiError && reason.status === 412)) throw reason;
        const theirs = await api.get<TimelineEvent>(path);
        saved = theirs.starred === starred ? theirs : await api.patch<TimelineEvent>(path, { starred }, theirs.version);
      }
      const updated = { ...item, event: { ...item.event!, ...saved } };
      timeline.set({ ...data, items: data.items.map((other) => (other.ref === item.ref ? updated : other)) });
      setSelected(updated);
      setNotice(starred
        ? `Starred the ${saved.kind} at ${formatClock(saved.at)} as a key event.`
        : `The ${saved.kind} at ${formatClock(saved.at)} is no longer a key event.`);
    } catch (reason) {
      if (reason instanceof ApiError && reason.status === 404) {
        setSelected(undefined);
        setNotice("That event had been deleted.");
        timeline.reload();
      } else {
        setDetailError(`The star was not saved. ${reason instanceof ApiError ? reason.detail : "The server did not answer."}`);
      }
    }
  }

  const importList = imports && (
    <ImportList incidentKey={incidentKey} initial={imports} reloadKey={importsVersion} participants={participants} myUserId={myUserId}
      canWrite={canWrite} published={incident?.review_status === "published"} onUndone={onImportUndone} />
  );

  const importButton = canWrite && (
    <button class="button" type="button" onClick={() => { setImported(undefined); setImporting(true); }}>Import events…</button>
  );
  const addButton = canWrite && !adding && (
    <button class="button button--primary" type="button" onClick={() => { setNotice(""); setAdding(true); }}>Add an event</button>
  );
  const importParts = (
    <>
      {notice && <p class="alert alert--info" role="status">{notice}</p>}
      {adding && (
        <section class="card" aria-labelledby="new-event-title">
          <h3 id="new-event-title">New event</h3>
          <EventForm incidentKey={incidentKey} participants={participants}
            defaultAt={current?.at ?? latest ?? incident?.started_at ?? undefined}
            onSaved={(event) => {
              setAdding(false);
              setNotice(`Added the ${event.kind} at ${formatClock(event.at)}.`);
              setReveal(`event:${event.id}`);
              timeline.reload();
            }}
            onDiscarded={() => setAdding(false)} onCancel={() => setAdding(false)} />
        </section>
      )}
      {importing && (
        <ImportDialog incidentKey={incidentKey} startedAt={incident?.started_at ?? undefined} onClose={() => setImporting(false)}
          onImported={(result) => { setImporting(false); setImported(result); setImportsVersion(importsVersion + 1); timeline.reload(); }} />
      )}
      {imported && (
        <p class="alert alert--info" role="status">
          Imported {imported.added.toLocaleString()} events{imported.skipped > 0 && `; ${imported.skipped.toLocaleString()} were on the timeline already`}.
        </p>
      )}
    </>
  );
  if (data.items.length === 0) {
    return (
      <>
        {importParts}
        {incident && <div class="card"><KeyTimes incident={incident} canWrite={canWrite} /></div>}
        <Empty title="Nothing on the timeline yet.">
          {canWrite ? (
            <>
              <p>Add what happened by hand, import alerts, chat or deploy logs, or write your account: shared accounts appear here in their own lanes.</p>
              <div class="state__actions">
                {addButton}
                {importButton}
                <Link class="button" href={`/incidents/${encodeURIComponent(incidentKey)}/account`}>Write your account</Link>
              </div>
            </>
          ) : (
            <p>Events and the accounts people share with the review appear here.</p>
          )}
        </Empty>
        {importList}
      </>
    );
  }
  const allLanes = data.lanes.filter((lane) => data.items.some((item) => item.lane === lane.id));
  const laneLabel = (id: string) => data.lanes.find((lane) => lane.id === id)?.label ?? id;
  const explain = (discrepancy: Timeline["discrepancies"][number]) =>
    explainDiscrepancy(discrepancy, data.items, laneLabel, formatClock);

  // Arrow keys move between items in time order; Home and End jump to the ends.
  function onKeyDown(event: KeyboardEvent) {
    const target = event.target as HTMLElement;
    if (!target.matches(".timeline-item")) return;
    const items = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>(".timeline-item")];
    const index = items.indexOf(target);
    const next = { ArrowDown: index + 1, ArrowRight: index + 1, ArrowUp: index - 1, ArrowLeft: index - 1, Home: 0, End: items.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    items[Math.max(0, Math.min(items.length - 1, next))]?.focus();
  }

  return (
    <section class="timeline" aria-labelledby="timeline-title">
      {importParts}
      <div class="timeline__toolbar card">
        <h2 id="timeline-title">Merged timeline</h2>
        {incident && <KeyTimes incident={incident} canWrite={canWrite} />}
        {(addButton || importButton) && <div class="timeline__actions">{addButton}{importButton}</div>}
        <fieldset class="lane-filter">
          <legend>Lanes</legend>
          {allLanes.map((lane) => (
            <label>
              <input type="checkbox" checked={!hidden.has(lane.id)} onChange={() => {
                const next = new Set(hidden);
                if (next.has(lane.id)) next.delete(lane.id);
                else next.add(lane.id);
                setHidden(next);
              }} /> {lane.label}
            </label>
          ))}
        </fieldset>
        <div class="zoom" role="group" aria-label="Zoom">
          <button class="button" type="button" aria-label="Zoom out" disabled={zoom === 0} onClick={() => setZoom(zoom - 1)}>−</button>
          <span aria-live="polite">{zoom === 0 ? "Compact" : `${kZoomLevels[zoom]} px/min`}</span>
          <button class="button" type="button" aria-label="Zoom in" disabled={zoom === kZoomLevels.length - 1} onClick={() => setZoom(zoom + 1)}>+</button>
        </div>
        <fieldset class="knowledge">
          <legend>What could someone know?</legend>
          <label for="known-by">Person</label>
          <select id="known-by" value={knownBy} onChange={(event) => setKnownBy(event.currentTarget.value)}>
            <option value="">Everyone, with hindsight</option>
            {participants.map((participant) => <option value={String(participant.id)}>{participant.name}</option>)}
          </select>
          <label for="known-at">At</label>
          <input id="known-at" type="datetime-local" value={knownAt} disabled={!knownBy}
            onInput={(event) => setKnownAt(event.currentTarget.value)} />
        </fieldset>
      </div>

      {knowledge && (
        <p class="alert alert--info" role="status">
          Greyed-out items are what {participants.find((participant) => String(participant.id) === knownBy)?.name} could not have known
          at {new Date(fromLocalInput(knownAt)!).toLocaleString()}: judge their choices by the rest.
        </p>
      )}

      {facilitating && (
        <FacilitatorPanel incidentKey={incidentKey} participants={participants} reloadKey={`${data.items.length}:${importsVersion}`}
          onShowItem={(ref) => {
            const item = data.items.find((candidate) => candidate.ref === ref);
            if (!item) return;
            select(item);
            grid.current?.querySelector<HTMLElement>(`[data-ref="${CSS.escape(ref)}"]`)?.scrollIntoView({ block: "center" });
          }}
          onOpenKnowledge={(participantId, localAt) => {
            setKnownBy(String(participantId));
            setKnownAt(localAt);
            document.getElementById("known-by")?.scrollIntoView({ block: "center" });
          }} />
      )}

      {data.suggestions && (
        <Suggestions suggestions={data.suggestions} incident={incident} incidentKey={incidentKey} items={data.items}
          myAccountId={myAccountId} onIncidentChange={onIncidentChange} onAccountsChange={onAccountsChange}
          onNotice={setNotice} reload={timeline.reload} />
      )}

      {data.discrepancies.length > 0 && (
        <div class="card discrepancies" aria-labelledby="discrepancies-title">
          <h3 id="discrepancies-title">Where accounts disagree ({data.discrepancies.length})</h3>
          <p class="muted">Disagreement is normal: memories differ. These are worth a conversation, not a verdict.</p>
          <ul>
            {data.discrepancies.map((discrepancy) => <li>{explain(discrepancy)}</li>)}
          </ul>
        </div>
      )}

      {/* With an item open, its detail sits beside the timeline (below it on narrow screens), in
          the flow of the page: it never covers the cards above or the timeline itself. */}
      <div class={`timeline__body${selected ? " timeline__body--detail" : ""}`}>
        <div class="timeline__scroller">
          <div class="timeline__grid" role="grid" ref={grid} aria-label="Timeline items by time and lane" aria-rowcount={layout!.rows.length}
            style={{ gridTemplateColumns: `6.5rem repeat(${layout!.lanes.length}, minmax(11rem, 1fr))` }} onKeyDown={onKeyDown}>
            <div class="timeline__head" role="row">
              <div role="columnheader" class="timeline__time-head">Time</div>
              {layout!.lanes.map((lane) => <div role="columnheader" class="timeline__lane-head">{lane.label}{lane.role && <span class="muted"> · {lane.role.replace(/_/g, " ")}</span>}</div>)}
            </div>
            {layout!.rows.map((row) => row.kind === "marker" ? (
              <div class="timeline__marker" role="row">
                <div role="gridcell" class="timeline__marker-cell">
                  <strong>{row.label}</strong> <Time iso={row.at} clock />
                </div>
              </div>
            ) : row.kind === "gap" ? (
              <div class="timeline__gap" role="row">
                <div role="gridcell" class="timeline__gap-cell">
                  Nothing recorded for {formatDuration(row.gap.seconds)} (<Time iso={row.gap.from} clock /> – <Time iso={row.gap.to} clock />). What was happening?
                </div>
              </div>
            ) : (
              <div class={`timeline__row${row.flagged ? " timeline__row--flagged" : ""}`} role="row" style={{ marginTop: `${row.spacing}px` }}>
                <div role="rowheader" class="timeline__time"><Time iso={row.at} clock /></div>
                {layout!.lanes.map((lane) => (
                  <div role="gridcell" class="timeline__cell">
                    {(row.cells[lane.id] ?? []).map((item) => {
                      const flagged = layout!.discrepanciesByRef.has(item.ref);
                      return (
                        <button type="button" data-ref={item.ref} class={`timeline-item timeline-item--${item.event?.kind ?? "entry"}${flagged ? " timeline-item--flagged" : ""}${item.known === false ? " timeline-item--unknown" : ""}${item.event?.starred ? " timeline-item--starred" : ""}`}
                          aria-pressed={selected?.ref === item.ref} aria-label={`${laneLabel(item.lane)}, ${formatClock(item.at)}: ${describe(item)}${[item.event?.starred && ". Key event", flagged && ". Disagreement flagged", item.known === false && ". Not known at the chosen time"].filter(Boolean).join("")}${item.event?.starred || flagged || item.known === false ? "." : ""}`}
                          onClick={() => select(item)}>
                          <span class="timeline-item__text">{itemSummary(item)}</span>
                          {/* After the text, as its name says it; shown above it (CSS order). */}
                          {item.event?.starred && <span class="timeline-item__star" aria-hidden="true">★ key event</span>}
                          {item.uncertainty_seconds > 0 && <span class="timeline-item__about">± {Math.round(item.uncertainty_seconds / 60)} min</span>}
                          {flagged && <span class="timeline-item__flag" aria-hidden="true">disagreement</span>}
                        </button>
                      );
                    })}
                  </div>
                ))}
              </div>
            ))}
          </div>
        </div>

        {current && (
          <aside class="card item-detail" aria-labelledby="item-detail-title" tabIndex={-1} ref={detail}>
            <div class="card__header">
              <h3 id="item-detail-title">{laneLabel(current.lane)} · <Time iso={current.at} /></h3>
              <button class="button button--quiet" type="button" aria-keyshortcuts="Escape" onClick={closeDetail}>Close</button>
            </div>
            {detailError && <p class="alert alert--error" role="alert">{detailError}</p>}
            {editing && current.event ? (
              <EventForm key={current.event.id} incidentKey={incidentKey} event={current.event} participants={participants}
                onDirty={(dirty) => { editDirty.current = dirty; }}
                onSaved={(event) => {
                  setEditing(false);
                  editDirty.current = false;
                  setNotice(`Saved the ${event.kind} at ${formatClock(event.at)}.`);
                  setSelected({ ...current, at: event.at, event });
                  timeline.reload();
                }}
                onDiscarded={() => { setEditing(false); editDirty.current = false; timeline.reload(); }}
                onCancel={() => { setEditing(false); editDirty.current = false; detail.current?.focus(); }} />
            ) : (
              <>
                {current.known_because && <p class="item-detail__known">{knowledgeReason(current)}</p>}
                {current.event?.starred && !canWrite && <p class="item-detail__star"><span aria-hidden="true">★</span> Key event</p>}
                <p class="item-detail__text">{describe(current)}</p>
                {current.event && <EventFacts event={current.event} participants={participants} />}
                {current.entry && <EntryLinks item={current} items={data.items} laneLabel={laneLabel} />}
                {(layout!.discrepanciesByRef.get(current.ref) ?? []).map((discrepancy) => <p class="alert alert--warning">{explain(discrepancy)}</p>)}
                <div class="item-detail__actions">
                  {canWrite && current.event && (
                    <>
                      <button class={`button star-toggle${current.event.starred ? " star-toggle--on" : ""}`} type="button" aria-pressed={current.event.starred}
                        title="Key events are marked on the timeline and make the short export (“Key events only”)."
                        onClick={() => void setStarred(current, !current.event!.starred)}>
                        <span aria-hidden="true">{current.event.starred ? "★" : "☆"}</span> Key event
                      </button>
                      <button class="button" type="button" onClick={() => { setNotice(""); setDetailError(""); setEditing(true); }}>Edit event</button>
                      <button class="button button--quiet" type="button" onClick={() => void deleteEvent(current)}>Delete event</button>
                    </>
                  )}
                  {current.entry && myAccountId !== undefined && current.account_id === myAccountId && (
                    <Link class="button" href={`/incidents/${encodeURIComponent(incidentKey)}/account`}>Change on My account</Link>
                  )}
                  {knownBy === "" && participants.length > 0 && (
                    <button class="button" type="button" onClick={() => { setKnownBy(String(current.participant_id ?? participants[0].id)); setKnownAt(toLocalInput(current.at)); }}>
                      What could {current.participant_id ? laneLabel(current.lane) : "someone"} know at this moment?
                    </button>
                  )}
                </div>
              </>
            )}
          </aside>
        )}
      </div>

      {/* Below the timeline: what was brought in, each import undone whole. */}
      {importList}
      {audiences && <AudiencesPanel incidentKey={incidentKey} initial={audiences} reloadKey={importsVersion} items={data.items} participants={participants} canWrite={canWrite}
        published={incident?.review_status === "published"} onChanged={timeline.reload} />}
    </section>
  );
}
