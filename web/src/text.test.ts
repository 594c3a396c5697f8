import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { asSentence, withFieldLabel, withFullStop } from "./text";

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

  it("keeps the errors as the server wrote them too", () => {
    const error = new ApiError(400, "bad.md:3: the front matter is never closed (no --- line)", "files",
      [{ field: "files", detail: "bad.md:3: the front matter is never closed (no --- line)" }]);
    expect(error.errors[0].detail).toBe("Bad.md:3: the front matter is never closed (no --- line).");
    expect(error.written).toEqual([{ field: "files", detail: "bad.md:3: the front matter is never closed (no --- line)" }]);
  });
});

describe("withFullStop", () => {
  it("adds a full stop and keeps the first letter as written", () => {
    expect(withFullStop("bad.md:3: the front matter is not valid YAML (did not find expected key)"))
      .toBe("bad.md:3: the front matter is not valid YAML (did not find expected key).");
    expect(withFullStop("  notes/x.md:1: stop!  ")).toBe("notes/x.md:1: stop!");
    expect(withFullStop("")).toBe("");
  });
});

describe("withFieldLabel", () => {
  it("names the field by its label where the server names it by its key", () => {
    expect(withFieldLabel("chat_webhook_url must be an https address of your chat tool's incoming webhook", "chat_webhook_url", "The webhook address"))
      .toBe("The webhook address must be an https address of your chat tool's incoming webhook.");
    // As ApiError has it already: a sentence, its first letter capitalised.
    expect(withFieldLabel("Email_digest_hour must be an hour from 0 to 23 (UTC), or null.", "email_digest_hour", "The digest hour"))
      .toBe("The digest hour must be an hour from 0 to 23 (UTC), or null.");
  });

  it("leaves other messages as sentences", () => {
    expect(withFieldLabel("a webhook address is needed to send to chat", "chat_webhook_url", "The webhook address"))
      .toBe("A webhook address is needed to send to chat.");
    expect(withFieldLabel("chat_webhook_urls are many", "chat_webhook_url", "The webhook address")).toBe("Chat_webhook_urls are many.");
  });
});
