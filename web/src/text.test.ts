import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { asSentence } from "./text";

describe("asSentence", () => {
  it("capitalises the first letter and adds a full stop", () => {
    expect(asSentence("title is required")).toBe("Title is required.");
    expect(asSentence("these accounts are neither released to the review nor withdrawn by their authors yet: Bob"))
      .toBe("These accounts are neither released to the review nor withdrawn by their authors yet: Bob.");
  });

  it("keeps final punctuation, also inside closing quotes and brackets", () => {
    expect(asSentence("Saved.")).toBe("Saved.");
    expect(asSentence("is this right?")).toBe("Is this right?");
    expect(asSentence("stop!")).toBe("Stop!");
    expect(asSentence("wait…")).toBe("Wait…");
    expect(asSentence('it said "done."')).toBe('It said "done."');
    expect(asSentence("see the runbook (section 2.)")).toBe("See the runbook (section 2.)");
  });

  it("trims, leaves empty text empty, and handles text that starts with no letter", () => {
    expect(asSentence("  no incident INC-1  ")).toBe("No incident INC-1.");
    expect(asSentence("")).toBe("");
    expect(asSentence("   ")).toBe("");
    expect(asSentence("“should have” is hindsight")).toBe("“should have” is hindsight.");
    expect(asSentence("412 precondition failed")).toBe("412 precondition failed.");
    expect(asSentence("élan is gone")).toBe("Élan is gone.");
  });

  it("is what ApiError shows: its detail and its field errors", () => {
    const error = new ApiError(400, "title is required", "title", [{ field: "title", detail: "title is required" }]);
    expect(error.detail).toBe("Title is required.");
    expect(error.message).toBe("Title is required.");
    expect(error.forField("title")).toBe("Title is required.");
    expect(error.forField("summary")).toBeUndefined();
  });
});
