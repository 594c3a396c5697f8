import { describe, expect, it } from "vitest";
import { changedFields, mergeFields } from "./conflict";

interface Doc {
  title: string;
  impact: string;
  services: string[];
}

const base: Doc = { title: "Checkout errors", impact: "", services: ["checkout"] };
const fields: (keyof Doc)[] = ["title", "impact", "services"];

describe("mergeFields", () => {
  it("keeps my change and theirs when they touch different fields", () => {
    const mine = { ...base, title: "Checkout 5xx" };
    const theirs = { ...base, impact: "8% of payments failed" };
    const { merged, conflicts } = mergeFields(base, mine, theirs, fields);
    expect(merged).toEqual({ title: "Checkout 5xx", impact: "8% of payments failed", services: ["checkout"] });
    expect(conflicts).toEqual([]);
  });

  it("reports a conflict when both changed a field differently", () => {
    const mine = { ...base, title: "Mine" };
    const theirs = { ...base, title: "Theirs" };
    const { merged, conflicts } = mergeFields(base, mine, theirs, fields);
    expect(conflicts).toEqual(["title"]);
    expect(merged.title).toBe("Theirs");
  });

  it("is not a conflict when both made the same change", () => {
    const mine = { ...base, services: ["checkout", "payments"] };
    const theirs = { ...base, services: ["checkout", "payments"] };
    expect(mergeFields(base, mine, theirs, fields).conflicts).toEqual([]);
  });
});

describe("changedFields", () => {
  it("lists only what differs", () => {
    expect(changedFields(base, { ...base, impact: "x" }, fields)).toEqual({ impact: "x" });
    expect(changedFields(base, base, fields)).toEqual({});
  });
});
