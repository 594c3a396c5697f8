// End-to-end: the timeline as a document. Imports listed on the timeline page (what, who, when,
// how many added and how many were there already) and undone whole; a published review keeps
// them, and says why instead of offering Undo; key events starred and unstarred (also over
// someone else's change to the same event), marked on the timeline and kept alone by the short
// export; an imported event's corrected text shown with what its source wrote.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { adminApi, audit, kBinary, launchBrowser, signedIn, startServer } from "./harness.mjs";

let server;
let browser;
let alice;
let bob;
let vera;
// Users are added in this order by the harness.
const kIds = { admin: 1, alice: 2, bob: 3, vera: 4 };

const signIn = (user, options) => signedIn(browser, server, user, { audited: true, ...options });
const api = (...request) => adminApi(server, ...request);

before(async () => {
  server = await startServer(kBinary);
  browser = await launchBrowser();
  alice = await signIn(server.users.alice);
  bob = await signIn(server.users.bob);
  vera = await signIn(server.users.vera);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The API as the person signed in on `page` (their session cookie and CSRF token).
async function asPerson(page, path, method = "GET", body = undefined) {
  const answer = await page.evaluate(async ({ path, method, body }) => {
    const me = await (await fetch("/api/v1/me")).json();
    const response = await fetch(`/api/v1${path}`, {
      method,
      headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrf_token },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.text() };
  }, { path, method, body });
  assert.ok(answer.status < 300, `${method} ${path}: ${answer.status} ${answer.body}`);
  return answer.body ? JSON.parse(answer.body) : undefined;
}

const newIncident = async (fields) => (await api("/incidents", "POST", { severity: "SEV3", started_at: "2026-03-14T10:00:00Z", ...fields })).key;
const addPerson = (key, userId, role = "responder") => api(`/incidents/${key}/participants`, "POST", { user_id: userId, role });
const importLines = (key, content, fields = {}) =>
  api(`/incidents/${key}/timeline/import`, "POST", { format: "paste", content, date: "2026-03-14", time_zone: "UTC", ...fields });
const eventNamed = async (key, text) => (await api(`/incidents/${key}/events`)).items.find((event) => event.text === text);
const timelineUrl = (key) => `${server.url}/incidents/${key}/timeline`;

async function publish(key) {
  let incident = await api(`/incidents/${key}`);
  incident = await api(`/incidents/${key}`, "PATCH", { status: "resolved", resolved_at: "2026-03-14T12:00:00Z" }, { "If-Match": `"${incident.version}"` });
  await api(`/incidents/${key}/publish`, "POST", {}, { "If-Match": `"${incident.version}"` });
}

test("imports are listed with what, who, when and how many, and an undone one takes its events away", async () => {
  const key = await newIncident({ title: "Imports undone" });
  await addPerson(key, kIds.admin, "incident_commander");
  await addPerson(key, kIds.alice);
  await importLines(key, "10:05 - checkout 4.2.1 deployed\n10:20 - checkout 4.2.2 deployed\n10:40 - checkout 4.2.3 deployed", { file_name: "deploys.txt" });
  // Bob is not among the incident's people: his import is "someone"'s.
  await asPerson(bob, `/incidents/${key}/timeline/import`, "POST", { format: "paste", content: "10:07 - pool alarms firing", date: "2026-03-14", time_zone: "UTC" });

  // Alice imports through the dialog: one line is there already, one is new.
  await alice.goto(timelineUrl(key));
  const list = alice.locator("section.imports");
  await list.waitFor();
  assert.equal(await list.locator(".import").count(), 2);
  await alice.click("button:has-text('Import events')");
  await alice.locator("dialog.import-dialog").waitFor();
  await alice.fill("#import-date", "2026-03-14");
  await alice.fill("#import-zone", "UTC");
  await alice.fill("#import-content", "10:05 - checkout 4.2.1 deployed\n10:30 - rollback started");
  await alice.click("dialog button:has-text('Preview')");
  await alice.waitForSelector(".import-preview");
  await alice.click("dialog button:has-text('Import 1 events')");
  await alice.waitForSelector("[role=status]:has-text('Imported 1 events')");
  await alice.waitForFunction(() => document.querySelectorAll("section.imports .import").length === 3);

  // Newest first: Alice's, Bob's, the admin's.
  const items = list.locator(".import");
  const texts = (await items.allTextContents()).map((text) => text.replace(/\s+/g, " "));
  assert.match(texts[0], /pasted text · Lines with a time first/);
  assert.match(texts[0], /Imported by you, .*: 1 event added, 1 event already on the timeline\./);
  assert.match(texts[1], /Imported by someone, .*: 1 event added\./);
  assert.match(texts[2], /deploys\.txt · Lines with a time first/);
  assert.match(texts[2], /Imported by Admin, .*: 3 events added\./);
  assert.equal(await items.nth(2).locator("time").count(), 1, "says when");
  assert.equal(await list.locator("button:has-text('Undo import')").count(), 3);
  await audit(alice, "timeline with its imports");

  // Asked first; saying no changes nothing.
  alice.once("dialog", (dialog) => dialog.dismiss());
  await alice.click("button[aria-label='Undo import: deploys.txt']");
  assert.equal(await list.locator("button:has-text('Undo import')").count(), 3);

  // An event of the import is open: undoing the import closes it.
  await alice.click(".timeline-item:has-text('checkout 4.2.2 deployed')");
  await alice.waitForSelector(".item-detail");
  let asked = "";
  alice.once("dialog", (dialog) => { asked = dialog.message(); dialog.accept(); });
  await alice.click("button[aria-label='Undo import: deploys.txt']");
  await alice.waitForSelector("[role=status]:has-text('Undid the import of “deploys.txt”: 3 events removed from the timeline.')");
  assert.match(asked, /^Undo the import of “deploys\.txt”\? The 3 events it added leave the timeline, including any corrected or starred since\./);
  await alice.waitForFunction(() => !/checkout 4\.2\.2/.test(document.querySelector(".timeline__grid")?.textContent ?? "x"));
  const grid = await alice.textContent(".timeline__grid");
  for (const gone of ["4.2.1", "4.2.2", "4.2.3"]) assert.doesNotMatch(grid, new RegExp(`checkout ${gone.replace(/\./g, "\\.")}`), gone);
  assert.match(grid, /rollback started/);
  assert.match(grid, /pool alarms firing/);
  assert.equal(await alice.locator(".item-detail").count(), 0, "the removed event's detail closed");

  const undone = items.nth(2);
  assert.match(await undone.textContent(), /undone/);
  assert.match((await undone.textContent()).replace(/\s+/g, " "), /Undone by you, .*: 3 events removed\./);
  assert.equal(await undone.locator("button").count(), 0);
  const stored = (await api(`/incidents/${key}/imports`)).items.find((item) => item.name === "deploys.txt");
  assert.ok(stored.undone_at);
  assert.equal(stored.removed, 3);
  assert.equal(stored.undone_by, kIds.alice);
  await audit(alice, "timeline with an undone import");

  // Reloaded, it is still so; viewers see the list and cannot undo.
  await alice.reload();
  await alice.waitForSelector("section.imports .import--undone:has-text('deploys.txt')");
  await vera.goto(timelineUrl(key));
  await vera.waitForSelector("section.imports .import");
  assert.equal(await vera.locator("section.imports .import").count(), 3);
  assert.equal(await vera.locator("section.imports button").count(), 0);
});

test("undoing the only import leaves the empty timeline, with the import still listed as undone", async () => {
  const key = await newIncident({ title: "Only an import" });
  await importLines(key, "10:05 - pool exhausted\n10:09 - paged the db team", { file_name: "wrong-day.txt" });
  await alice.goto(timelineUrl(key));
  await alice.waitForSelector(".timeline__grid");
  alice.once("dialog", (dialog) => dialog.accept());
  await alice.click("button[aria-label='Undo import: wrong-day.txt']");
  await alice.waitForSelector(".state--empty:has-text('Nothing on the timeline yet.')");
  await alice.waitForSelector("[role=status]:has-text('Undid the import of “wrong-day.txt”: 2 events removed from the timeline.')");
  const item = alice.locator("section.imports .import--undone");
  await item.waitFor();
  assert.match((await item.textContent()).replace(/\s+/g, " "), /wrong-day\.txt.*undone.*Imported by someone, .*: 2 events added\..*Undone by you, .*: 2 events removed\./);
  await audit(alice, "empty timeline with an undone import");
});

test("a published review keeps its imports: the reason is shown instead of Undo", async () => {
  const key = await newIncident({ title: "Published imports", severity: "SEV4" });
  await importLines(key, "10:05 - pool exhausted", { file_name: "alerts.txt" });
  await publish(key);
  await alice.goto(timelineUrl(key));
  const item = alice.locator("section.imports .import");
  await item.waitFor();
  assert.equal(await item.locator("button").count(), 0);
  assert.match(await item.locator(".import__reason").textContent(), /^The review is published, so its timeline stays as published: reopen the review to undo an import\.$/);
  await audit(alice, "imports of a published review");

  // Published while the page was open: the server's reason, where the button was.
  const later = await newIncident({ title: "Published meanwhile", severity: "SEV4" });
  await importLines(later, "10:05 - pool exhausted", { file_name: "late.txt" });
  await alice.goto(timelineUrl(later));
  await alice.waitForSelector("button[aria-label='Undo import: late.txt']");
  await publish(later);
  alice.once("dialog", (dialog) => dialog.accept());
  await alice.click("button[aria-label='Undo import: late.txt']");
  const alert = alice.locator("section.imports [role=alert]");
  await alert.waitFor();
  assert.equal((await alert.textContent()).trim(),
    "The import of “late.txt” was not undone. The review is published, so its timeline stays as published; reopen the review to undo an import.");
  assert.match(await alice.textContent(".timeline__grid"), /pool exhausted/);
});

test("key events are starred on the timeline, also over someone else's change, and make the short export", async () => {
  const key = await newIncident({ title: "Key events" });
  await addPerson(key, kIds.alice);
  await importLines(key, "10:05 - pool exhausted\n10:09 - paged the db team\n10:30 - traffic drained", { file_name: "alerts.txt" });
  await alice.goto(timelineUrl(key));
  const item = alice.locator(".timeline-item:has-text('pool exhausted')");
  await item.click();
  const star = alice.locator(".item-detail button.star-toggle");
  await star.waitFor();
  assert.equal(await star.getAttribute("aria-pressed"), "false");
  assert.match(await star.textContent(), /Key event/);
  await star.click();
  await alice.waitForSelector(".item-detail button.star-toggle[aria-pressed=true]");
  // 10:05 UTC is 11:05 in Berlin (with AM or not, as the browser's locale has it).
  await alice.waitForSelector("[role=status]:has-text('Starred the observation at 11:05')");
  assert.match(await alice.textContent("[role=status]:has-text('Starred the observation')"), /^Starred the observation at 11:05( AM)? as a key event\.$/);
  assert.match(await item.getAttribute("class"), /timeline-item--starred/);
  assert.match(await item.textContent(), /★ key event/);
  assert.match(await item.getAttribute("aria-label"), /11:05( AM)?: observation: pool exhausted\. Key event\./);
  assert.equal((await eventNamed(key, "pool exhausted")).starred, true);
  await alice.reload();
  await alice.waitForSelector(".timeline-item--starred:has-text('pool exhausted')");
  assert.equal(await alice.locator(".timeline-item--starred").count(), 1);

  // Someone corrects the event's text while Alice's page shows the old version: unstarring it
  // still works, and keeps their correction.
  const before = await eventNamed(key, "pool exhausted");
  await api(`/incidents/${key}/events/${before.id}`, "PATCH", { text: "connection pool exhausted" }, { "If-Match": `"${before.version}"` });
  await alice.click(".timeline-item:has-text('pool exhausted')");
  await alice.click(".item-detail button.star-toggle[aria-pressed=true]");
  await alice.waitForSelector(".item-detail button.star-toggle[aria-pressed=false]");
  const after = (await api(`/incidents/${key}/events`)).items.find((event) => event.id === before.id);
  assert.equal(after.starred, false);
  assert.equal(after.text, "connection pool exhausted");
  assert.equal(after.original_text, "pool exhausted");
  // The detail shows the correction, and what the source wrote.
  await alice.waitForSelector(".item-detail .item-detail__original");
  assert.equal((await alice.textContent(".item-detail .item-detail__original")).trim(), "Corrected; the source wrote: “pool exhausted”");
  assert.equal(await alice.locator(".timeline-item--starred").count(), 0);

  // Alice corrects another imported event herself and stars it.
  await alice.click(".timeline-item:has-text('paged the db team')");
  await alice.click(".item-detail button:has-text('Edit event')");
  const text = alice.locator(".item-detail form [id$='-text']");
  await text.fill("paged the database team");
  await alice.click(".item-detail button:has-text('Save event')");
  await alice.waitForSelector(".item-detail .item-detail__original:has-text('the source wrote: “paged the db team”')");
  await alice.click(".item-detail button.star-toggle");
  await alice.waitForSelector(".timeline-item--starred:has-text('paged the database team')");
  await audit(alice, "a starred, corrected event open on the timeline");

  // Viewers see the mark, not the button.
  await vera.goto(timelineUrl(key));
  await vera.click(".timeline-item--starred:has-text('paged the database team')");
  await vera.waitForSelector(".item-detail .item-detail__star:has-text('Key event')");
  assert.equal(await vera.locator(".item-detail button.star-toggle").count(), 0);
  assert.match(await vera.textContent(".item-detail"), /Corrected; the source wrote: “paged the db team”/);
  await audit(vera, "a starred event, for a viewer");

  // "Key events only": the export keeps the starred event alone.
  await alice.goto(`${server.url}/incidents/${key}`);
  await alice.waitForSelector("#export-title");
  const markdown = alice.locator(".export a:has-text('Markdown')");
  assert.doesNotMatch(await markdown.getAttribute("href"), /events=starred/);
  await alice.check(".export label:has-text('Key events only') input");
  const href = await markdown.getAttribute("href");
  assert.match(href, /[?&]events=starred(&|$)/);
  assert.match(await alice.locator(".export a:has-text('JSON')").getAttribute("href"), /events=starred/);
  const short = await alice.evaluate(async (href) => (await fetch(href)).text(), href);
  assert.match(short, /paged the database team/);
  assert.doesNotMatch(short, /traffic drained/);
  assert.doesNotMatch(short, /connection pool exhausted/);
  const full = await alice.evaluate(async (href) => (await fetch(href)).text(), href.replace("&events=starred", ""));
  assert.match(full, /traffic drained/);
  await audit(alice, "overview with the export options");
});

test("whom a PagerDuty incident and an alert receiver reached is listed, set by hand, and counts for what each could know", async () => {
  const key = await newIncident({ title: "Paged at night" });
  await addPerson(key, kIds.alice);
  for (const name of ["Priya Raman", "Omar Haddad"]) await api(`/incidents/${key}/participants`, "POST", { name, role: "responder" });
  const testdata = join(dirname(fileURLToPath(import.meta.url)), "../../tests/testdata/ingest");
  const log = readFileSync(join(testdata, "pagerduty-log-entries.json"), "utf8");
  const imported = await api(`/incidents/${key}/timeline/import`, "POST", { format: "pagerduty", content: log, file_name: "log_entries.json" });
  assert.equal(imported.audience_memberships, 2);
  await api(`/incidents/${key}/events`, "POST", { at: "2026-03-14T10:30:00Z", kind: "alert", text: "Checkout 5xx above 5% again", visible_to: ["receiver:payments-oncall"] });

  await alice.goto(timelineUrl(key));
  const panel = alice.locator("section.audiences");
  await panel.waitFor();
  const pagerduty = panel.locator(".audiences__group:has-text('PagerDuty incident PT4KHLK')");
  await pagerduty.locator("li:has-text('Omar Haddad')").waitFor();
  assert.match(await pagerduty.textContent(), /Omar Haddad, from .*\(from the PagerDuty log\)/);
  const receiver = panel.locator(".audiences__group:has-text('payments-oncall (alert receiver)')");
  await receiver.locator(".audiences__none").waitFor();
  await audit(alice, "who could see what, with a receiver nobody is known to be on");

  // Omar was on the receiver from 10:25 UTC (11:25 in Berlin, the browser's zone).
  await receiver.locator("select").selectOption({ label: "Omar Haddad" });
  await receiver.locator("input[type=datetime-local]").first().fill("2026-03-14T11:25");
  await receiver.locator("button[type=submit]").click();
  await receiver.locator("li:has-text('set by hand')").waitFor();
  assert.match(await receiver.textContent(), /Omar Haddad, from .*11:25/);

  await alice.selectOption("#known-by", { label: "Omar Haddad" });
  await alice.fill("#known-at", "2026-03-14T12:00");
  await alice.waitForSelector(".timeline-item--unknown");
  const reason = async (text) => {
    await alice.click(`.timeline-item:has-text('${text}')`);
    const known = await alice.textContent(".item-detail__known");
    await alice.click(".item-detail button:has-text('Close')");
    return known;
  };
  assert.match(await reason("Checkout 5xx above 5% again"), /Known then: paged via payments-oncall, on it since/);
  assert.match(await reason("Acknowledged by Omar Haddad"), /Known then: on PagerDuty incident PT4KHLK, which reached them at/);
  // The trigger came before he was escalated to.
  assert.match(await reason("Triggered through the API"), /Not known then/);

  // Taken away again, the receiver's page reaches nobody.
  await receiver.locator("button:has-text('Remove')").click();
  await receiver.locator(".audiences__none").waitFor();
  assert.match(await reason("Checkout 5xx above 5% again"), /Not known then/);

  // The rotation's on-calls say it instead: Priya from 10:00 to 11:00 UTC, and someone who is
  // not in the incident.
  const oncalls = JSON.stringify({ oncalls: [
    { user: { summary: "Priya Raman" }, start: "2026-03-14T10:00:00Z", end: "2026-03-14T11:00:00Z", escalation_level: 1 },
    { user: { summary: "Dana Okoro" }, start: "2026-03-14T11:00:00Z", end: null, escalation_level: 1 },
  ] });
  await receiver.locator("input[type=file]").setInputFiles({ name: "oncalls.json", mimeType: "application/json", buffer: Buffer.from(oncalls) });
  await panel.locator("[role=status]", { hasText: "1 on-call span of this incident's people" }).waitFor();
  assert.match(await panel.locator("[role=status]").textContent(), /not in the incident: Dana Okoro/);
  await receiver.locator("li:has-text('on call, from the on-calls file')").waitFor();
  assert.match(await receiver.textContent(), /Priya Raman, from .*until/);
  // A viewer reads the list and cannot change it.
  await vera.goto(timelineUrl(key));
  await vera.locator("section.audiences .audiences__group").first().waitFor();
  assert.equal(await vera.locator("section.audiences form").count(), 0);
});
