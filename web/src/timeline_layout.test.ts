import { describe, expect, it } from "vitest";
import { explainDiscrepancy, layoutTimeline } from "./timeline_layout";
import type { Timeline, TimelineItem } from "./types";

function item(ref: string, lane: string, at: string, group: number): TimelineItem {
  return { ref, lane, at, group, uncertainty_seconds: 0, type: ref.startsWith("entry") ? "entry" : "event" };
}

const timeline: Timeline = {
  incident: "INC-2026-0001",
  items: [
    item("event:1", "alerts", "2026-03-14T10:00:00Z", 0),
    item("entry:1", "participant:1", "2026-03-14T10:00:30Z", 0),
    item("entry:2", "participant:2", "2026-03-14T10:20:00Z", 1),
    item("event:2", "alerts", "2026-03-14T11:00:00Z", 2),
  ],
  groups: [],
  discrepancies: [
    { kind: "times_disagree", refs: ["entry:2", "entry:1"], difference_seconds: 1170, allowed_seconds: 60, explanation: "" },
  ],
  gaps: [{ from: "2026-03-14T10:20:00Z", to: "2026-03-14T11:00:00Z", seconds: 2400 }],
  lanes: [
    { id: "participant:1", label: "Priya" },
    { id: "participant:2", label: "Marcus" },
    { id: "participant:3", label: "Nobody" },
    { id: "alerts", label: "alerts" },
  ],
  metrics: { time_to_detect_seconds: null, time_to_mitigate_seconds: null, time_to_resolve_seconds: null },
};

describe("layoutTimeline", () => {
  it("puts each group on a row and each item in its lane", () => {
    const layout = layoutTimeline(timeline, { hiddenLanes: new Set(), pixelsPerMinute: 2 });
    expect(layout.lanes.map((lane) => lane.id)).toEqual(["participant:1", "participant:2", "alerts"]);
    const moments = layout.rows.filter((row) => row.kind === "moment");
    expect(moments).toHaveLength(3);
    if (moments[0].kind !== "moment") throw new Error();
    expect(Object.keys(moments[0].cells).sort()).toEqual(["alerts", "participant:1"]);
  });

  it("spaces rows by the time between them, within a limit", () => {
    const layout = layoutTimeline(timeline, { hiddenLanes: new Set(), pixelsPerMinute: 2 });
    const spacings = layout.rows.flatMap((row) => (row.kind === "moment" ? [row.spacing] : []));
    expect(spacings).toEqual([0, 40, 80]);
  });

  it("places gaps between the moments around them and flags discrepancies", () => {
    const layout = layoutTimeline(timeline, { hiddenLanes: new Set(), pixelsPerMinute: 2 });
    expect(layout.rows.map((row) => row.kind)).toEqual(["moment", "moment", "gap", "moment"]);
    const flagged = layout.rows.flatMap((row) => (row.kind === "moment" && row.flagged ? [row.at] : []));
    expect(flagged).toEqual(["2026-03-14T10:00:00Z", "2026-03-14T10:20:00Z"]);
  });

  it("hides filtered lanes and the moments left empty", () => {
    const layout = layoutTimeline(timeline, { hiddenLanes: new Set(["alerts"]), pixelsPerMinute: 1 });
    expect(layout.lanes.map((lane) => lane.id)).toEqual(["participant:1", "participant:2"]);
    expect(layout.rows.filter((row) => row.kind === "moment")).toHaveLength(2);
  });
});

describe("explainDiscrepancy", () => {
  it("names people and times instead of references", () => {
    const text = explainDiscrepancy(timeline.discrepancies[0], timeline.items,
      (lane) => ({ "participant:1": "Priya", "participant:2": "Marcus" })[lane] ?? lane, (iso) => iso.slice(11, 16));
    expect(text).toBe("Marcus (10:20) and Priya (10:00) describe the same moment 20 min apart; their stated uncertainty allows 1 min.");
  });
});

describe("key moments", () => {
  it("are marked in time order among the rows", () => {
    const layout = layoutTimeline(timeline, {
      hiddenLanes: new Set(),
      pixelsPerMinute: 1,
      keyMoments: [
        { label: "Resolved", at: "2026-03-14T12:00:00Z" },
        { label: "Started", at: "2026-03-14T09:55:00Z" },
        { label: "Detected", at: "2026-03-14T10:00:00Z" },
        { label: "Mitigated", at: null },
      ],
    });
    expect(layout.rows.map((row) => (row.kind === "marker" ? row.label : row.kind))).toEqual(
      ["Started", "Detected", "moment", "moment", "gap", "moment", "Resolved"]);
  });
});
