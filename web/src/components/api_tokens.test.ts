import { describe, expect, it } from "vitest";
import type { ApiToken } from "../types";
import { sortTokens } from "./api_tokens";

const token = (id: number, state: ApiToken["state"]): ApiToken => ({
  id, user_id: 1, name: `token ${id}`, created_at: "2026-12-01T10:00:00Z", last_used_at: null,
  expires_at: null, revoked_at: null, state,
});

describe("sortTokens", () => {
  it("lists active tokens first, then expired, then revoked, the newest first within each", () => {
    const sorted = sortTokens([token(1, "revoked"), token(2, "active"), token(3, "expired"), token(4, "active"), token(5, "revoked")]);
    expect(sorted.map((item) => item.id)).toEqual([4, 2, 3, 5, 1]);
  });
});
