import { describe, expect, it } from "vitest";
import { applyReplacement, LanguageFinding, LintBatcher, segments, stillValid } from "./language";

function finding(text: string, excerpt: string, replacement?: string): LanguageFinding {
  const start = text.indexOf(excerpt);
  return {
    start, end: start + excerpt.length, excerpt, rule: "r", category: "c", severity: "warning",
    message: "m", suggestion: "s", quoted: false, replacement,
  };
}

describe("segments", () => {
  it("cuts text into plain and marked runs that join back to the text", () => {
    const text = "Obviously the root cause was DNS.";
    const parts = segments(text, [finding(text, "root cause"), finding(text, "Obviously")]);
    expect(parts.map((part) => part.text).join("")).toBe(text);
    expect(parts.filter((part) => part.finding).map((part) => part.text)).toEqual(["Obviously", "root cause"]);
  });
});

describe("stillValid", () => {
  it("drops findings whose phrase moved while the person typed", () => {
    const text = "It was human error.";
    const found = [finding(text, "human error")];
    expect(stillValid(found, text)).toHaveLength(1);
    expect(stillValid(found, "Sadly it was human error.")).toHaveLength(0);
  });
});

describe("applyReplacement", () => {
  it("deletes a minimiser with its comma and keeps the capital letter", () => {
    const text = "Obviously, the disk was full.";
    expect(applyReplacement(text, finding(text, "Obviously", ""))).toBe("The disk was full.");
  });
  it("deletes a word mid-sentence without leaving two spaces", () => {
    const text = "You just restart it.";
    expect(applyReplacement(text, finding(text, "just", ""))).toBe("You restart it.");
  });
  it("substitutes a reframe, matching the case of the original", () => {
    const text = "Root cause: a bad push.";
    expect(applyReplacement(text, finding(text, "Root cause", "contributing factor"))).toBe("Contributing factor: a bad push.");
  });
});

describe("LintBatcher", () => {
  it("sends every field asking in the same tick in one request per incident", async () => {
    const sent: [string, string[]][] = [];
    const batcher = new LintBatcher(async (incident, texts) => {
      sent.push([incident, texts]);
      return texts.map((text) => [finding(text, text.slice(0, 2))]);
    });
    const [a, b, empty] = await Promise.all([
      batcher.check("alpha", "INC-1"), batcher.check("beta", "INC-1"), batcher.check("   ", "INC-1"),
    ]);
    expect(sent).toEqual([["INC-1", ["alpha", "beta"]]]);
    expect(a[0].excerpt).toBe("al");
    expect(b[0].excerpt).toBe("be");
    expect(empty).toEqual([]);
  });
});
