import { describe, expect, it } from "vitest";
import { formatDuration, fromLocalInput, toLocalInput, utcTitle } from "./time";

describe("formatDuration", () => {
  it("reads like a person would say it", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(42)).toBe("42 s");
    expect(formatDuration(420)).toBe("7 min");
    expect(formatDuration(3900)).toBe("1 h 05 min");
    expect(formatDuration(3 * 86400 + 7200)).toBe("3 d 2 h");
  });
});

describe("local inputs", () => {
  it("round-trips through the viewer's time zone", () => {
    const iso = "2026-03-14T09:26:00Z";
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("not a date")).toBeNull();
  });
});

describe("utcTitle", () => {
  it("shows the instant in UTC", () => {
    expect(utcTitle("2026-03-14T09:26:53.000Z")).toBe("2026-03-14 09:26:53 UTC");
    expect(utcTitle(null)).toBe("");
  });
});
