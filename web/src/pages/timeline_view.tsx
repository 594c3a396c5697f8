import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { take } from "../prefetch";
import { ExternalLink } from "../components/external_link";
import { Empty, Loading, Problem, Time } from "../components/status";
import { formatClock, formatDuration, fromLocalInput, toLocalInput } from "../time";
import { explainDiscrepancy, itemSummary, layoutTimeline } from "../timeline_layout";
import { api, ApiError } from "../api";
import { asSentence } from "../text";
import type { Incident, Participant, Timeline, TimelineEvent, TimelineImportResult, TimelineItem, TimelineSuggestions } from "../types";
import { ImportDialog } from "./import_dialog";
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
function Suggestions({ suggestions, incident, items, onIncidentChange, reload }: {
  suggestions: TimelineSuggestions;
  incident?: Incident;
  items: TimelineItem[];
  onIncidentChange?: (incident: Incident) => void;
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
          return (
            <li>
              An entry at {formatClock(entry.at)} and the {event.event?.kind ?? "event"} at {formatClock(event.at)} both
              name <code>{link.shared}</code>: {itemSummary(event)}. Its author can link them as seen.
            </li>
          );
        })}
      </ul>
    </div>
  );
}

// Where an event came from and the evidence behind it.
function EventFacts({ event }: { event: TimelineEvent }) {
  const links = event.evidence_links ?? [];
  return (
    <>
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

export function TimelineView({ incidentKey, participants, incident, canWrite, onIncidentChange }: {
  incidentKey: string;
  participants: Participant[];
  incident?: Incident;
  canWrite?: boolean;
  onIncidentChange?: (incident: Incident) => void;
}) {
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<TimelineImportResult | undefined>();
  const [knownBy, setKnownBy] = useState("");
  const [knownAt, setKnownAt] = useState("");
  const [zoom, setZoom] = useState(2);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<TimelineItem | undefined>();
  const grid = useRef<HTMLDivElement>(null);
  const detail = useRef<HTMLElement>(null);

  // Closing the detail hands focus back to the item it was opened from, so keyboard users carry
  // on moving through the timeline where they were.
  function closeDetail() {
    const ref = selected?.ref;
    setSelected(undefined);
    if (ref) grid.current?.querySelector<HTMLElement>(`[data-ref="${CSS.escape(ref)}"]`)?.focus();
  }

  // Opening an item moves focus into its detail (read out at once; Tab reaches its buttons);
  // Escape closes it from anywhere on the page, unless a dialog is open and takes Escape itself.
  useEffect(() => {
    if (!selected) return;
    detail.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented || document.querySelector("dialog[open], [role=alertdialog]")) return;
      event.preventDefault();
      closeDetail();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [selected?.ref]);

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

  if (timeline.loading && !timeline.data) return <Loading what="the timeline" />;
  if (timeline.error !== undefined) return <Problem error={timeline.error} retry={timeline.reload} />;
  const data = timeline.data!;

  const importButton = canWrite && (
    <button class="button" type="button" onClick={() => { setImported(undefined); setImporting(true); }}>Import events…</button>
  );
  const importParts = (
    <>
      {importing && (
        <ImportDialog incidentKey={incidentKey} startedAt={incident?.started_at ?? undefined} onClose={() => setImporting(false)}
          onImported={(result) => { setImporting(false); setImported(result); timeline.reload(); }} />
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
        <Empty title="Nothing on the timeline yet.">
          <p>Accounts appear here once their authors share them; imported alerts and events appear straight away.</p>
          {importButton}
        </Empty>
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
        {importButton}
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

      {data.suggestions && (
        <Suggestions suggestions={data.suggestions} incident={incident} items={data.items}
          onIncidentChange={onIncidentChange} reload={timeline.reload} />
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
                        <button type="button" data-ref={item.ref} class={`timeline-item timeline-item--${item.event?.kind ?? "entry"}${flagged ? " timeline-item--flagged" : ""}${item.known === false ? " timeline-item--unknown" : ""}`}
                          aria-pressed={selected?.ref === item.ref} aria-label={`${laneLabel(item.lane)}, ${formatClock(item.at)}: ${describe(item)}${flagged ? ". Disagreement flagged." : ""}${item.known === false ? ". Not known at the chosen time." : ""}`}
                          onClick={() => setSelected(item)}>
                          <span class="timeline-item__text">{itemSummary(item)}</span>
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

        {selected && (
          <aside class="card item-detail" aria-labelledby="item-detail-title" tabIndex={-1} ref={detail}>
            <div class="card__header">
              <h3 id="item-detail-title">{laneLabel(selected.lane)} · <Time iso={selected.at} /></h3>
              <button class="button button--quiet" type="button" aria-keyshortcuts="Escape" onClick={closeDetail}>Close</button>
            </div>
            <p class="item-detail__text">{describe(selected)}</p>
            {selected.event && <EventFacts event={selected.event} />}
            {(layout!.discrepanciesByRef.get(selected.ref) ?? []).map((discrepancy) => <p class="alert alert--warning">{explain(discrepancy)}</p>)}
            {knownBy === "" && participants.length > 0 && (
              <button class="button" type="button" onClick={() => { setKnownBy(String(selected.participant_id ?? participants[0].id)); setKnownAt(toLocalInput(selected.at)); }}>
                What could {selected.participant_id ? laneLabel(selected.lane) : "someone"} know at this moment?
              </button>
            )}
          </aside>
        )}
      </div>
    </section>
  );
}
