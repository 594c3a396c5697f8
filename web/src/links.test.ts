import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { ExternalLink } from "./components/external_link";
import { isAppPath, isSafeLink } from "./links";

describe("isSafeLink", () => {
  it("accepts http and https addresses with a host, in any case", () => {
    for (const url of ["https://grafana.example.com/d/pool?from=now-1h#panel", "http://10.0.0.1:3000/x", "HTTPS://EXAMPLE.COM", "hTtP://example.com", "https://[::1]/"]) {
      expect(isSafeLink(url), url).toBe(true);
    }
  });

  it("refuses every other scheme, relative and host-less addresses", () => {
    for (const url of [
      "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java\nscript:alert(1)",
      "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)", "mailto:a@example.com", "ftp://example.com",
      "/incidents/INC-1", "incidents", "//evil.example.com/x", "http:example.com", "https:/example.com",
      "https://", "http:///path", "https:// example.com", "https://exa mple.com", "", "   ",
    ]) {
      expect(isSafeLink(url), JSON.stringify(url)).toBe(false);
    }
    expect(isSafeLink(undefined)).toBe(false);
    expect(isSafeLink(null)).toBe(false);
  });
});

describe("ExternalLink", () => {
  it("links a safe address in a new tab without referrer or opener", () => {
    expect(renderToString(h(ExternalLink, { url: "https://tracker.example.com/PAY-12" }))).toBe(
      '<a href="https://tracker.example.com/PAY-12" rel="noreferrer noopener" target="_blank">https://tracker.example.com/PAY-12</a>');
    expect(renderToString(h(ExternalLink, { url: "https://x.example.com", class: "tag" }, "ticket"))).toBe(
      '<a class="tag" href="https://x.example.com" rel="noreferrer noopener" target="_blank">ticket</a>');
  });

  it("shows an unsafe address as text", () => {
    expect(renderToString(h(ExternalLink, { url: "javascript:alert(1)" }))).toBe('<span class="unsafe-link">javascript:alert(1)</span>');
    expect(renderToString(h(ExternalLink, { url: "//evil.example.com", class: "tag" }))).toBe('<span class="tag unsafe-link">//evil.example.com</span>');
  });
});

describe("isAppPath", () => {
  it("accepts paths of this app, with a query or a fragment", () => {
    for (const path of ["/incidents/INC-2026-0001/account", "/incidents/INC-1/review#comment-12", "/incidents/INC-1/accounts", "/", "/?q=x"]) {
      expect(isAppPath(path), path).toBe(true);
    }
  });

  it("refuses other hosts, schemes, relative paths and what a browser would repair", () => {
    for (const path of [
      "//evil.example.com/x", "/\\evil.example.com", "https://evil.example.com/", "javascript:alert(1)", "incidents/INC-1",
      "", " /incidents", "/incidents/INC-1\nx", "/in cidents", "/incidents\u200b",
    ]) {
      expect(isAppPath(path), JSON.stringify(path)).toBe(false);
    }
    expect(isAppPath(undefined)).toBe(false);
    expect(isAppPath(null)).toBe(false);
  });
});
