import { describe, expect, it } from "vitest";
import { base64OfBytes } from "./files";

describe("base64OfBytes", () => {
  it("encodes every byte value, also past one chunk", () => {
    expect(base64OfBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]))).toBe("UEsDBP8A");
    const large = new Uint8Array(0x8000 * 2 + 5).map((_, index) => index % 256);
    const decoded = atob(base64OfBytes(large));
    expect(decoded.length).toBe(large.length);
    expect([...decoded].every((character, index) => character.charCodeAt(0) === large[index])).toBe(true);
  });
});
