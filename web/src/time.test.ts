import { describe, expect, it } from "vitest";
import { digestHours, formatDuration, fromLocalInput, toLocalInput, utcTitle } from "./time";

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

describe("digestHours", () => {
  it("offers every UTC hour once, in the order of the viewer's day", () => {
    const winter = new Date("2026-01-15T12:00:00Z");
    const berlin = digestHours("Europe/Berlin", winter);
    expect(berlin.map((hour) => hour.utc).sort((a, b) => a - b)).toEqual([...Array(24).keys()]);
    // Midnight in Berlin (UTC+1 in January) is 23:00 UTC; 08:00 there is 07:00 UTC.
    expect(berlin[0]).toMatchObject({ utc: 23, minutes: 0 });
    expect(berlin.find((hour) => hour.minutes === 8 * 60)?.utc).toBe(7);
    expect(berlin.find((hour) => hour.utc === 7)?.label).toMatch(/07:00 UTC/);
    // In summer the same local hour is an hour earlier in UTC.
    expect(digestHours("Europe/Berlin", new Date("2026-07-15T12:00:00Z")).find((hour) => hour.minutes === 8 * 60)?.utc).toBe(6);
  });

  it("handles half-hour zones and UTC itself", () => {
    const kolkata = digestHours("Asia/Kolkata", new Date("2026-01-15T12:00:00Z"));
    expect(kolkata[0]).toMatchObject({ utc: 19, minutes: 30 });
    const utc = digestHours("UTC", new Date("2026-01-15T12:00:00Z"));
    expect(utc.map((hour) => hour.utc)).toEqual([...Array(24).keys()]);
    expect(utc[9].label).toMatch(/\(UTC\)$/);
  });
});
