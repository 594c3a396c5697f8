// End-to-end: past postmortems uploaded from the incident list. Files that do not read are
// previewed with the server's message (file and line) beside each, the others with what they hold,
// and nothing can be imported until every file reads; an import the server refuses for such a
// file marks it and stores nothing. Two Markdown files are previewed (title, date, timeline rows,
// factors, action items, lessons per file), imported and linked to the incidents they became, and
// importing them again adds nothing.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { audit, kBinary, launchBrowser, signedIn, startServer } from "./harness.mjs";

let server;
let browser;
let alice;

const signIn = (user, options) => signedIn(browser, server, user, { audited: true, ...options });

before(async () => {
  server = await startServer(kBinary);
  browser = await launchBrowser();
  alice = await signIn(server.users.alice);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function incidents() {
  const response = await fetch(`${server.url}/api/v1/incidents`, { headers: { Authorization: `Bearer ${server.token}` } });
  return (await response.json()).items;
}

const kPayments = `# Card payments declined after a certificate expired

Date: 2025-06-02

## Summary

Card payments failed for 40 minutes after the processor's client certificate expired.

## Timeline

| Time (UTC) | Event |
|---|---|
| 2025-06-02 09:10 | Declines rise above 20% |
| 2025-06-02 09:25 | On-call renews the certificate |
| 2025-06-02 09:50 | Declines back to normal |

## Contributing factors

- Certificate expiry was not monitored
- The renewal runbook was out of date

## Action items

- [ ] Alert 14 days before a certificate expires (owner: alice)

## Lessons learned

- Expiry dates belong on a dashboard
`;

const kSearch = `# Search latency after an index rebuild

## Timeline

- 2025-07-10 14:00 - rebuild started
- 2025-07-10 14:30 - p99 latency above 2 s
- XX:XX - someone noticed the disk graphs

## Root cause

Disk I/O was saturated by the rebuild.
`;

const file = (name, text) => ({ name, mimeType: "text/markdown", buffer: Buffer.from(text) });

const kBroken = "---\ntitle: [unclosed\n---\n# Broken\n";
const kUnclosed = "---\ntitle: Never closed\n\n# Unclosed\n";

// The preview's cells for the file `name`.
async function previewRow(page, name) {
  const row = page.locator(".import-preview tbody tr", { has: page.locator(`th:text-is('${name}')`) });
  return (await row.locator("th, td").allTextContents()).map((text) => text.trim());
}

test("files that do not read are previewed with their reasons beside them, and nothing can be imported", async () => {
  await alice.goto(server.url + "/");
  await alice.click("a:has-text('Import past postmortems')");
  await alice.waitForSelector("h1:has-text('Import past postmortems')");
  assert.equal(new URL(alice.url()).pathname, "/incidents/import");

  // Two broken files and a good one: every file is read, each problem beside its file, with the
  // file's name as written (not made the start of a sentence).
  await alice.setInputFiles("#postmortem-files", [file("broken.md", kBroken), file("payments.md", kPayments), file("unclosed.md", kUnclosed)]);
  await alice.waitForSelector(".postmortem-import__files li:has-text('unclosed.md')");
  await alice.click("button:has-text('Preview')");
  await alice.waitForSelector(".import-preview tbody tr");
  assert.equal(await alice.textContent(".import-preview [role=status]"), "1 of 3 postmortems read; 2 do not, for the reasons beside them.");
  const broken = await previewRow(alice, "broken.md");
  assert.equal(broken.length, 2);
  assert.match(broken[1], /^broken\.md:3: the front matter is not valid YAML \(.+\)\.$/);
  assert.deepEqual(await previewRow(alice, "unclosed.md"), ["unclosed.md", "unclosed.md:1: the front matter is never closed (no --- line)."]);
  assert.deepEqual(await previewRow(alice, "payments.md"), ["payments.md", "Card payments declined after a certificate expired", "2025-06-02", "3", "2", "1", "1"]);

  // Import stays off, and a sentence says which files to fix or remove.
  const importButton = alice.locator(".postmortem-import .form__actions button.button--primary");
  assert.ok(await importButton.isDisabled());
  assert.equal(await importButton.getAttribute("aria-describedby"), "postmortem-unreadable");
  assert.equal((await alice.textContent("#postmortem-unreadable")).trim(),
    "Nothing can be imported until every file reads: fix or remove the 2 files that do not (broken.md, unclosed.md), then choose the files again.");
  assert.equal((await incidents()).length, 0);
  await audit(alice, "postmortem preview with files that do not read");

  // Were a file to read in the preview and not on import, the server refuses the whole archive:
  // the file is marked beside it, and nothing is stored.
  await alice.route("**/api/v1/postmortems/import", (route) => {
    const body = route.request().postDataJSON();
    if (!body.dry_run) return route.continue();
    body.files = body.files.map((one) => (one.name === "broken.md" ? { ...one, content: "# Broken, for now readable\n" } : one));
    return route.continue({ postData: JSON.stringify(body) });
  });
  await alice.setInputFiles("#postmortem-files", [file("payments.md", kPayments), file("broken.md", kBroken)]);
  await alice.click("button:has-text('Preview')");
  await alice.click("button:has-text('Import 2 postmortems')");
  await alice.waitForSelector("[role=alert]:has-text('Nothing was stored')");
  assert.match((await previewRow(alice, "broken.md"))[1], /^broken\.md:3: the front matter is not valid YAML/);
  assert.equal((await previewRow(alice, "payments.md"))[1], "Card payments declined after a certificate expired");
  assert.ok(await importButton.isDisabled());
  assert.equal((await incidents()).length, 0);
  await alice.unroute("**/api/v1/postmortems/import");
});

test("two Markdown postmortems are previewed per file, then imported and linked", async () => {
  await alice.goto(server.url + "/incidents/import");
  await alice.waitForSelector("h1:has-text('Import past postmortems')");

  // The two good files, with something that is not Markdown passed over.
  await alice.setInputFiles("#postmortem-files", [file("payments.md", kPayments), file("search.md", kSearch), { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("x") }]);
  await alice.waitForSelector("text=Passed over, as they are not Markdown: notes.txt.");
  await alice.click("button:has-text('Preview')");
  await alice.waitForSelector(".import-preview tbody tr");
  assert.match(await alice.textContent(".import-preview [role=status]"), /2 postmortems read/);
  const rows = alice.locator(".import-preview tbody tr");
  const cells = async (row) => (await rows.nth(row).locator("th, td").allTextContents()).map((text) => text.trim());
  assert.deepEqual(await cells(0), ["payments.md", "Card payments declined after a certificate expired", "2025-06-02", "3", "2", "1", "1"]);
  const search = await cells(1);
  assert.deepEqual(search.slice(0, 3), ["search.md", "Search latency after an index rebuild", "none found"]);
  // The row whose time was left blank keeps its day: all three are placed.
  assert.equal(search[3], "3");
  assert.deepEqual(search.slice(4), ["1", "0", "0"]);
  // How each row was placed, per file: search.md names no zone, so its times were read in the
  // zone chosen on the page (the browser's).
  const details = alice.locator("details.postmortem-rows:has(summary:has-text('search.md'))");
  await details.locator("summary").click();
  await details.locator(".alert:has-text('The file states no time zone: its times were read as Europe/Berlin')").waitFor();
  const placed = details.locator("tbody tr");
  assert.equal(await placed.count(), 3);
  assert.deepEqual((await placed.nth(2).locator("td").allTextContents()).map((text) => text.trim()),
    ["7", "XX:XX", "2025-07-10 (day)", "zone assumed", "someone noticed the disk graphs"]);
  // payments.md states UTC in its table's header: sure of each row.
  const sure = alice.locator("details.postmortem-rows:has(summary:has-text('payments.md'))");
  assert.doesNotMatch(await sure.locator("summary").textContent(), /less than sure/);
  assert.equal((await incidents()).length, 0);
  await audit(alice, "postmortem preview");

  await alice.click("button:has-text('Import 2 postmortems')");
  await alice.waitForSelector("#postmortems-imported-title");
  assert.match(await alice.textContent(".postmortem-import__done [role=status]"), /2 incidents were added/);
  const stored = await incidents();
  assert.equal(stored.length, 2);
  const payments = stored.find((incident) => incident.title.startsWith("Card payments"));
  assert.equal(payments.status, "resolved");
  await audit(alice, "postmortems imported");

  // Each links to its incident.
  await alice.click(`.postmortem-import__incidents a:has-text('${payments.key}')`);
  await alice.waitForSelector("h1:has-text('Card payments declined after a certificate expired')");
  assert.equal(new URL(alice.url()).pathname, `/incidents/${payments.key}`);

  // The same files again add nothing.
  await alice.goBack();
  await alice.waitForSelector("h1:has-text('Import past postmortems')");
  await alice.setInputFiles("#postmortem-files", [file("payments.md", kPayments), file("search.md", kSearch)]);
  await alice.click("button:has-text('Preview')");
  await alice.waitForSelector(".import-preview tbody tr");
  await alice.click("button:has-text('Import 2 postmortems')");
  await alice.waitForSelector(".postmortem-import__done [role=status]");
  assert.match(await alice.textContent(".postmortem-import__done [role=status]"), /0 incidents were added; 2 had been imported before/);
  assert.match(await alice.textContent(".postmortem-import__incidents"), /from payments\.md, imported before/);
  assert.equal((await incidents()).length, 2);
});
