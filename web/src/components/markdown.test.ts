import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";

// The markup Preact would put on the page for `text` (escaped text, elements as built).
const render = (text: string) => renderToString(h(Markdown, { text }));

describe("Markdown", () => {
  it("draws nothing for empty or blank text", () => {
    expect(render("")).toBe("");
    expect(render("  \n\n ")).toBe("");
  });

  it("keeps plain text as a paragraph, escaped", () => {
    expect(render("Pool exhausted & retries piled up")).toBe('<div class="markdown"><p>Pool exhausted &amp; retries piled up</p></div>');
  });

  it("draws headings below the page's own (# is an h4)", () => {
    expect(render("# What happened\n\n### Then")).toBe(
      '<div class="markdown"><h4 class="markdown__heading">What happened</h4><h6 class="markdown__heading">Then</h6></div>');
    expect(render("###### Deepest")).toContain('<h6 class="markdown__heading">Deepest</h6>');
  });

  it("draws emphasis, strong, strikethrough and inline code", () => {
    expect(render("*calm* **bold** ~~gone~~ `pool_size`")).toBe(
      '<div class="markdown"><p><em>calm</em> <strong>bold</strong> <del>gone</del> <code>pool_size</code></p></div>');
  });

  it("draws code blocks as text, with markup inside left alone", () => {
    expect(render("```sh\nkubectl get <pods>\n```")).toBe(
      '<div class="markdown"><pre class="markdown__code"><code>kubectl get &lt;pods></code></pre></div>');
  });

  it("draws tight and loose lists, ordered lists with their start, and task lists", () => {
    expect(render("- one\n- two")).toBe('<div class="markdown"><ul><li>one</li><li>two</li></ul></div>');
    expect(render("- one\n\n- two")).toBe('<div class="markdown"><ul><li><p>one</p></li><li><p>two</p></li></ul></div>');
    expect(render("3. third\n4. fourth")).toBe('<div class="markdown"><ol start="3"><li>third</li><li>fourth</li></ol></div>');
    const tasks = render("- [x] paged\n- [ ] rolled back");
    expect(tasks).toContain('<li class="markdown__task"><input type="checkbox" checked disabled aria-label="Done"/>paged</li>');
    expect(tasks).toContain('<input type="checkbox" disabled aria-label="Not done"/>rolled back');
  });

  it("draws tables with a header row and column alignment", () => {
    const table = render("| Service | Errors |\n|:--|--:|\n| checkout | 8% |");
    expect(table).toContain('<table class="table markdown__table">');
    expect(table).toContain('<thead><tr><th scope="col" class="markdown__align-left">Service</th><th scope="col" class="markdown__align-right">Errors</th></tr></thead>');
    expect(table).toContain('<tbody><tr><td class="markdown__align-left">checkout</td><td class="markdown__align-right">8%</td></tr></tbody>');
  });

  it("shows raw HTML literally, inline and as a block, and never as elements", () => {
    expect(render("the <service> pods restarted")).toBe('<div class="markdown"><p>the &lt;service> pods restarted</p></div>');
    expect(render("<service>")).toBe('<div class="markdown"><p class="markdown__literal">&lt;service></p></div>');
    const script = render('<script>alert("x")</script>\n\n<img src=x onerror=alert(1)>');
    expect(script).toContain("&lt;script>alert(&quot;x&quot;)&lt;/script>");
    expect(script).toContain("&lt;img src=x onerror=alert(1)>");
    expect(script).not.toContain("<script");
    expect(script).not.toContain("<img");
  });

  it("links http and https addresses, opening them in a new tab without a referrer", () => {
    expect(render("[runbook](https://wiki.example.com/pool)")).toBe(
      '<div class="markdown"><p><a class="markdown__link" href="https://wiki.example.com/pool" rel="noreferrer noopener" target="_blank">runbook</a></p></div>');
    expect(render("See www.example.com")).toContain('href="http://www.example.com"');
    expect(render("[docs][d]\n\n[d]: HTTPS://docs.example.com")).toContain('href="HTTPS://docs.example.com"');
  });

  it("shows javascript:, data:, vbscript:, relative and protocol-relative links as text", () => {
    for (const url of ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "vbscript:msgbox", "/admin", "//evil.example.com", "mailto:a@example.com"]) {
      const html = render(`[click me](<${url}>)`);
      expect(html, url).not.toContain("<a");
      expect(html, url).not.toContain("href");
      expect(html, url).toContain("click me");
    }
    expect(render("<javascript:alert(1)>")).not.toContain("<a");
  });

  it("never loads images: a safe one becomes a link with its description, an unsafe one its description", () => {
    const safe = render("![pool graph](https://grafana.example.com/pool.png)");
    expect(safe).not.toContain("<img");
    expect(safe).toContain('<a class="markdown__image" href="https://grafana.example.com/pool.png" rel="noreferrer noopener" target="_blank">pool graph</a>');
    const unsafe = render("![tracker](javascript:alert(1))");
    expect(unsafe).not.toContain("<img");
    expect(unsafe).not.toContain("<a");
    expect(unsafe).toContain('<span class="markdown__image">tracker</span>');
  });

  it("keeps block quotes, rules, line breaks and footnotes", () => {
    const html = render("> quoted\n\n---\n\nline one  \nline two[^1]\n\n[^1]: from the chat log");
    expect(html).toContain("<blockquote><p>quoted</p></blockquote>");
    expect(html).toContain("<hr/>");
    expect(html).toContain("line one<br/>");
    expect(html).toContain('<sup class="markdown__footnote-ref">[1]</sup>');
    expect(html).toContain("from the chat log");
  });
});
