// Which addresses people's text may turn into links. Stored link fields are checked by the server
// on new writes, but older rows, imports and Markdown in free text are not: every link the UI
// draws goes through this one rule.

// Scheme, "//", then a host: anything else (javascript:, data:, vbscript:, mailto:, relative or
// protocol-relative "//host" paths, "http:host" without slashes) is not a link.
const kWebAddress = /^https?:\/\/[^/?#\\]/i;

// Whitespace and control characters: browsers strip or repair them while parsing, so the address
// shown would not be the one opened.
const kInvisible = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/;

// True when `url` is an http:// or https:// address with a host, and so safe to open.
export function isSafeLink(url: string | null | undefined): url is string {
  if (typeof url !== "string" || !kWebAddress.test(url) || kInvisible.test(url)) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname !== "";
  } catch {
    return false;
  }
}

// A path of this app the server names (a notification's "open it" link): same origin, absolute,
// and nothing a browser would read as another host ("//host", "/\host") or repair while parsing.
export function isAppPath(path: string | null | undefined): path is string {
  return typeof path === "string" && /^\/(?![/\\])/.test(path) && !kInvisible.test(path);
}
