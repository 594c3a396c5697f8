// Lays the merged timeline out as rows of moments (one per group of items about the same moment)
// across lanes (one per person and per source), with spacing proportional to the time between
// moments (the zoom) and the unrecorded stretches shown as gap rows.
import type { Discrepancy, Gap, Lane, Timeline, TimelineItem } from "./types";

export interface MomentRow {
  kind: "moment";
  at: string;
  spacing: number; // Pixels above this row, for the time since the previous one.
  cells: { [lane: string]: TimelineItem[] };
  flagged: boolean; // An item of this row is part of a discrepancy.
}

export interface GapRow {
  kind: "gap";
  gap: Gap;
}

// A key moment of the incident (started, detected, mitigated, resolved).
export interface MarkerRow {
  kind: "marker";
  label: string;
  at: string;
}

export type Row = MomentRow | GapRow | MarkerRow;

export interface KeyMoment {
  label: string;
  at: string | null;
}

export interface LayoutOptions {
  hiddenLanes: Set<string>;
  pixelsPerMinute: number;
  keyMoments?: KeyMoment[];
}

export interface Layout {
  lanes: Lane[];
  rows: Row[];
  discrepanciesByRef: Map<string, Discrepancy[]>;
}

const kMaxSpacing = 160;

export function layoutTimeline(timeline: Timeline, options: LayoutOptions): Layout {
  const discrepanciesByRef = new Map<string, Discrepancy[]>();
  for (const discrepancy of timeline.discrepancies) {
    for (const ref of discrepancy.refs) {
      discrepanciesByRef.set(ref, [...(discrepanciesByRef.get(ref) ?? []), discrepancy]);
    }
  }
  const used = new Set(timeline.items.map((item) => item.lane));
  const lanes = timeline.lanes.filter(
    (lane) => used.has(lane.id) && !options.hiddenLanes.has(lane.id),
  );
  const visible = new Set(lanes.map((lane) => lane.id));

  // Items arrive in time order; a group's row sits at its first item.
  const byGroup = new Map<number, TimelineItem[]>();
  for (const item of timeline.items) {
    if (!visible.has(item.lane)) continue;
    byGroup.set(item.group, [...(byGroup.get(item.group) ?? []), item]);
  }
  const moments = [...byGroup.values()].sort(
    (a, b) => Date.parse(a[0].at) - Date.parse(b[0].at),
  );

  const rows: Row[] = [];
  const gaps = [...timeline.gaps].sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
  let gapIndex = 0;
  let previous: number | undefined;
  for (const items of moments) {
    const at = Date.parse(items[0].at);
    while (gapIndex < gaps.length && Date.parse(gaps[gapIndex].from) < at) {
      rows.push({ kind: "gap", gap: gaps[gapIndex++] });
    }
    const minutes = previous === undefined ? 0 : (at - previous) / 60000;
    const cells: { [lane: string]: TimelineItem[] } = {};
    for (const item of items) (cells[item.lane] ??= []).push(item);
    rows.push({
      kind: "moment",
      at: items[0].at,
      spacing: Math.min(kMaxSpacing, Math.max(0, minutes * options.pixelsPerMinute)),
      cells,
      flagged: items.some((item) => discrepanciesByRef.has(item.ref)),
    });
    previous = at;
  }
  while (gapIndex < gaps.length) rows.push({ kind: "gap", gap: gaps[gapIndex++] });
  return { lanes, rows: withMarkers(rows, options.keyMoments ?? []), discrepanciesByRef };
}

function rowTime(row: Row): number {
  if (row.kind === "gap") return Date.parse(row.gap.from);
  return Date.parse(row.at);
}

// Places each key moment before the first row at or after it (at the end if none is).
function withMarkers(rows: Row[], moments: KeyMoment[]): Row[] {
  const markers: MarkerRow[] = moments
    .filter((moment): moment is { label: string; at: string } => !!moment.at)
    .map((moment) => ({ kind: "marker" as const, label: moment.label, at: moment.at }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const result: Row[] = [];
  let next = 0;
  for (const row of rows) {
    while (next < markers.length && Date.parse(markers[next].at) <= rowTime(row)) result.push(markers[next++]);
    result.push(row);
  }
  return [...result, ...markers.slice(next)];
}

// The disagreement in people's words: who, when, and by how much.
export function explainDiscrepancy(
  discrepancy: Discrepancy,
  items: TimelineItem[],
  laneLabel: (lane: string) => string,
  clock: (iso: string) => string,
): string {
  const describe = (ref: string) => {
    const item = items.find((candidate) => candidate.ref === ref);
    if (!item) return ref;
    const who = item.type === "entry" ? laneLabel(item.lane) : `the ${item.event?.kind ?? "event"}`;
    return `${who} (${clock(item.at)})`;
  };
  const [first, second] = discrepancy.refs.map(describe);
  const minutes = (seconds: number) => `${Math.round(seconds / 60)} min`;
  if (discrepancy.kind === "seen_before_it_happened") {
    return `${first} mentions seeing ${second}, which happened ${minutes(discrepancy.difference_seconds)} later.`;
  }
  return `${first} and ${second} describe the same moment ${minutes(discrepancy.difference_seconds)} apart; their stated uncertainty allows ${minutes(discrepancy.allowed_seconds)}.`;
}

// A short label for an item: what the person did or saw, or the event's text.
export function itemSummary(item: TimelineItem): string {
  if (item.event) return item.event.text;
  const entry = item.entry;
  if (!entry) return "";
  return entry.did || entry.saw || entry.expected || entry.assumed || entry.looking_at;
}
