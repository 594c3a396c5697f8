import { describe, expect, it } from "vitest";
import { bodyOf, checkEventValues, type EventValues, showEventValue, valuesOf } from "./event_values";
import { fromLocalInput, toLocalInput } from "./time";
import type { TimelineEvent } from "./types";

const event: TimelineEvent = {
  id: 7, version: 3, created_at: "2026-03-14T10:06:00Z", updated_at: "2026-03-14T10:06:00Z",
  at: "2026-03-14T10:05:30Z", kind: "change", text: "checkout 4.2.1 deployed", actor: "deploy-bot",
  source: "import:deploy:42", evidence_links: ["https://ci.example.com/runs/42", "https://grafana.example.com/d/checkout"],
  visible_to: ["participant:2", "channel:#incident"], starred: false, original_text: "", import_id: 4,
};

const valid = (changes: Partial<EventValues>): EventValues => ({ ...valuesOf(event), ...changes });

describe("event values", () => {
  it("holds an event as its form shows it: time in the viewer's zone, links one per line", () => {
    expect(valuesOf(event)).toEqual({
      at: toLocalInput(event.at),
      kind: "change",
      text: "checkout 4.2.1 deployed",
      actor: "deploy-bot",
      links: "https://ci.example.com/runs/42\nhttps://grafana.example.com/d/checkout",
      visible: ["participant:2", "channel:#incident"],
    });
  });

  it("sends only the fields given, named as the API names them", () => {
    expect(bodyOf({ text: "rolled back" })).toEqual({ text: "rolled back" });
    expect(bodyOf({ links: "  https://a.example.com \n\n https://b.example.com\n", actor: " sam " }))
      .toEqual({ evidence_links: ["https://a.example.com", "https://b.example.com"], actor: "sam" });
    expect(bodyOf({ at: "2026-03-14T11:05", visible: [] })).toEqual({ at: fromLocalInput("2026-03-14T11:05"), visible_to: [] });
  });

  it("refuses a missing time or text, and names the first line that is not a web address", () => {
    expect(checkEventValues(valid({}))).toBeUndefined();
    expect(checkEventValues(valid({ at: "" }))?.forField("at")).toBe("Choose when it happened.");
    expect(checkEventValues(valid({ text: "  " }))?.forField("text")).toBe("Say what happened.");
    const unsafe = checkEventValues(valid({ links: "https://ok.example.com\njavascript:alert(1)\nftp://x" }));
    expect(unsafe?.forField("evidence_links")).toBe(
      "Each line must be a web address starting with https:// or http://; “javascript:alert(1)” is not.");
  });

  it("shows values in the conflict dialog as people read them", () => {
    expect(showEventValue("at", "2026-03-14T11:05")).toBe("2026-03-14 11:05");
    expect(showEventValue("visible", [])).toBe("everyone");
    expect(showEventValue("visible", ["Alice", "channel:#incident"])).toBe("Alice, channel:#incident");
    expect(showEventValue("actor", "")).toBe("(empty)");
  });
});
