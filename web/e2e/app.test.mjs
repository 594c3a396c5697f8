// End-to-end: the real server, the real UI, a real browser.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { audit, kBinary, kPassword, launchBrowser, signedIn, startServer } from "./harness.mjs";

const screenshots = join(dirname(fileURLToPath(import.meta.url)), "../../docs/screenshots");
mkdirSync(screenshots, { recursive: true });

let server;
let browser;
let alice;
let bob;
let incidentUrl;

before(async () => {
  // The test's webhook receiver listens on loopback, which an operator has to allow.
  server = await startServer(kBinary, { serveArgs: ["--webhook-internal-hosts", "127.0.0.1"] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("sign-in explains a wrong password, then signs in", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + "/");
  await page.screenshot({ path: join(screenshots, "sign-in.png") });
  await page.fill("#email", "alice@example.com");
  await page.fill("#password", "not the password");
  await page.click("button[type=submit]");
  await page.waitForSelector("[role=alert]");
  assert.match(await page.textContent("[role=alert]"), /do not match/);
  await page.fill("#password", kPassword);
  await page.click("button[type=submit]");
  await page.waitForSelector("h1:has-text('Incidents')");
  // The list loads after the heading shows: wait for its answer, not the loading state.
  await page.waitForSelector(".state:has-text('No incidents yet')");
  assert.match(await page.textContent(".state"), /No incidents yet/);
  await context.close();
});

test("a new incident form shows field errors, then opens the incident", async () => {
  alice = await signedIn(browser, server, server.users.alice);
  await alice.click("text=New incident");
  await alice.click("button:has-text('Open incident')");
  await alice.waitForSelector("#title-error");
  // The server's "title is required", shown as a sentence.
  assert.match(await alice.textContent("#title-error"), /^Title is required\.$/);
  await alice.fill("#title", "Checkout errors after the pool change");
  await alice.selectOption("#severity", "SEV2");
  await alice.fill("#services", "checkout, payments");
  await alice.fill("#started_at", "2026-03-14T10:00");
  await alice.click("button:has-text('Open incident')");
  await alice.waitForSelector(".incident-header");
  incidentUrl = alice.url();
  assert.match(incidentUrl, /\/incidents\/INC-\d{4}-0001$/);
  assert.equal(await alice.textContent("h1"), "Checkout errors after the pool change");
});

// Chooses "in review" and waits for the server to confirm it.
async function release(page) {
  const saved = page.waitForResponse((response) =>
    response.request().method() === "PATCH" && /\/accounts\/\d+$/.test(response.url()) && response.ok());
  await page.check("input[value=in_review]");
  await saved;
}

async function addMoment(page, at, did, sameAs) {
  const before = await page.locator(".entries > li").count();
  await page.click("button:has-text('Add a moment')");
  await page.fill("#new-at", at);
  await page.fill("#new-did", did);
  if (sameAs) {
    await page.waitForSelector("#new-same-as");
    const value = await page.$eval("#new-same-as", (select, text) =>
      [...select.options].find((option) => option.text.includes(text))?.value, sameAs);
    await page.selectOption("#new-same-as", value);
  }
  await page.click("button:has-text('Add moment')");
  await page.waitForFunction((count) => document.querySelectorAll(".entries > li").length === count, before + 1);
  const values = await page.locator(".entries textarea").evaluateAll((areas) => areas.map((area) => area.value));
  assert.ok(values.includes(did), `the new moment shows "${did}"`);
}

test("two people write accounts; the timeline shows both lanes and their disagreement", async () => {
  await alice.goto(incidentUrl + "/account");
  await alice.click("button:has-text('Start my account')");
  await addMoment(alice, "2026-03-14T10:07", "Acknowledged the page");
  await release(alice);
  await alice.screenshot({ path: join(screenshots, "my-account.png"), fullPage: true });

  bob = await signedIn(browser, server, server.users.bob);
  await bob.goto(incidentUrl + "/account");
  await bob.click("button:has-text('Start my account')");
  await addMoment(bob, "2026-03-14T10:20", "Got paged and joined the channel", "Acknowledged the page");

  // Still private: Alice's timeline shows only her own lane.
  await alice.goto(incidentUrl + "/timeline");
  await alice.waitForSelector(".timeline__grid");
  assert.equal(await alice.locator(".timeline__lane-head").count(), 1);

  await release(bob);
  await alice.reload();
  await alice.waitForSelector(".discrepancies");
  assert.equal(await alice.locator(".timeline__lane-head").count(), 2);
  assert.match(await alice.textContent(".discrepancies"), /Bob .* and Alice .* describe the same moment 13 min apart/);
  assert.equal(await alice.locator(".timeline-item--flagged").count(), 2);
  await alice.screenshot({ path: join(screenshots, "timeline.png"), fullPage: true });
});

test("language hints underline blameful phrases as you type, explain them, apply a reframe, or take 'not blame here'", async () => {
  await alice.goto(incidentUrl + "/account");
  const narrative = alice.locator("#narrative");
  await narrative.waitFor();
  const moments = alice.locator("h3:has-text('Moments')");
  const before = await moments.boundingBox();
  await narrative.fill("Obviously, the pool was too small and we should have checked it.");
  const toggle = alice.locator("#narrative-language button");
  await alice.waitForSelector("#narrative-language button:has-text('2 language hints')");
  assert.deepEqual(await alice.locator(".prose-input:has(#narrative) .lang-mark").allTextContents(), ["Obviously", "should have"]);
  // The hints take no room that was not already reserved: nothing below the field moves.
  assert.equal((await moments.boundingBox()).y, before.y);

  await toggle.click();
  assert.match(await alice.textContent(".lang-hints"), /What is obvious now may not have been obvious then/);
  await alice.click("button:has-text('Remove “Obviously”')");
  assert.equal(await narrative.inputValue(), "The pool was too small and we should have checked it.");
  await alice.waitForSelector("#narrative-language button:has-text('1 language hint')");
  await alice.screenshot({ path: join(screenshots, "language-hints.png") });
  const recorded = alice.waitForResponse((response) => response.url().endsWith("/api/v1/lint/dismissals") && response.request().method() === "POST");
  await alice.click(".lang-hint button:has-text('Not blame here')");
  assert.equal((await recorded).status(), 201);
  await toggle.waitFor({ state: "detached" });
  // The organisation learned it: the same sentence, written by anyone, draws that hint no more.
  const lint = async (text) => (await (await fetch(server.url + "/api/v1/lint", {
    method: "POST",
    headers: { "Authorization": `Bearer ${server.token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ text }),
  })).json()).findings.map((finding) => finding.rule);
  assert.deepEqual(await lint("the pool was too small and WE should have checked it"), []);
  assert.deepEqual(await lint("We should have checked the dashboards."), ["counterfactual-should-have"]);
  // The account's own save state (each moment has one too).
  await alice.waitForSelector("#account-title ~ .save-state--saved");

  // The reframed text was saved, and the dismissal is remembered on this browser.
  await alice.reload();
  await narrative.waitFor();
  assert.equal(await narrative.inputValue(), "The pool was too small and we should have checked it.");
  await alice.waitForTimeout(1000);
  assert.equal(await toggle.count(), 0);
  // A new phrase in the same field still gets its hint (and the review will ask about it).
  const saved = alice.waitForResponse((response) => /\/accounts\/\d+$/.test(response.url()) && response.request().method() === "PATCH");
  await narrative.fill("It was human error. The pool was too small and we should have checked it.");
  assert.equal((await saved).status(), 200);
  await alice.waitForSelector("#narrative-language button:has-text('1 language hint')");
  assert.deepEqual(await alice.locator(".prose-input:has(#narrative) .lang-mark").allTextContents(), ["human error"]);
  // Offline, "Not blame here" still hides the hint, and says the organisation did not learn it.
  await alice.route("**/api/v1/lint/dismissals", (route) => route.abort("internetdisconnected"));
  await toggle.click();
  await alice.click(".lang-hint button:has-text('Not blame here')");
  await alice.waitForSelector("#narrative-language .prose-input__notice:has-text('Hidden here only, not recorded')");
  assert.equal(await toggle.count(), 0);
  await alice.unroute("**/api/v1/lint/dismissals");
  assert.deepEqual(await lint("It was human error."), ["human-error"]);
  // The next test starts where the accounts test left Alice: on the timeline.
  await alice.goto(incidentUrl + "/timeline");
  await alice.waitForSelector(".timeline__grid");
});

test("'what could Alice know' greys out what she could not have seen yet", async () => {
  await alice.selectOption("#known-by", { label: "Alice" });
  await alice.fill("#known-at", "2026-03-14T10:10");
  await alice.waitForSelector(".timeline-item--unknown");
  assert.equal(await alice.locator(".timeline-item--unknown").count(), 1);
  assert.match(await alice.locator(".timeline-item--unknown").textContent(), /Got paged/);
  // Each item says why she could or could not know it then.
  await alice.click(".timeline-item--unknown");
  assert.match(await alice.textContent(".item-detail__known"), /Not known then/);
  await alice.click(".timeline-item:not(.timeline-item--unknown)");
  assert.match(await alice.textContent(".item-detail__known"), /^Known then: /);
  await alice.click(".item-detail button:has-text('Close')");
});

test("imported alerts suggest the detected time, and one click takes it", async () => {
  // An incident of its own, so the other tests' lanes stay as they are.
  const created = await fetch(`${server.url}/api/v1/incidents`, {
    method: "POST",
    headers: { "Authorization": `Bearer ${server.token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ title: "Checkout 5xx from alerts", severity: "SEV3" }),
  });
  assert.equal(created.status, 201, await created.clone().text());
  const key = (await created.json()).key;
  for (const [at, text, source] of [
    ["2026-03-14T10:02:00Z", "HighErrorRate firing: 5xx ratio above 5% (service=checkout)", "e2e@1"],
    ["2026-03-14T10:09:00Z", "HighErrorRate resolved: 5xx ratio above 5% (service=checkout)", "e2e@1/resolved"],
  ]) {
    const response = await fetch(`${server.url}/api/v1/incidents/${key}/events`, {
      method: "POST",
      headers: { "Authorization": `Bearer ${server.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ at, kind: "alert", text, actor: "alertmanager", source: `import:alertmanager:${source}` }),
    });
    assert.equal(response.status, 201, await response.text());
  }
  await alice.goto(incidentUrl.replace(/[^/]+$/, key) + "/timeline");
  await alice.waitForSelector(".suggestions");
  const suggestions = alice.locator(".suggestions");
  // The server's reasons, each shown as a sentence of its own.
  assert.match(await suggestions.textContent(), /Detected at .*\. The first alert fired: HighErrorRate firing/);
  assert.match(await suggestions.textContent(), /Resolved at .*\. The last of 1 alert resolved/);
  await alice.click(".suggestions button:has-text('Set detected time')");
  await alice.waitForFunction(() => !document.querySelector(".suggestions")?.textContent?.includes("Detected at"));
  await alice.waitForSelector(".timeline__marker-cell:has-text('Detected')");
  await alice.goto(incidentUrl + "/timeline");
  await alice.waitForSelector(".timeline__grid");
});

test("the Import dialog previews pasted events and a file, refuses a bad line, and imports once", async () => {
  const created = await fetch(`${server.url}/api/v1/incidents`, {
    method: "POST",
    headers: { "Authorization": `Bearer ${server.token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ title: "Queue backlog from imports", severity: "SEV3", started_at: "2026-03-14T09:00:00Z" }),
  });
  assert.equal(created.status, 201, await created.clone().text());
  const key = (await created.json()).key;
  await alice.goto(incidentUrl.replace(/[^/]+$/, key) + "/timeline");
  await alice.waitForSelector("text=Nothing on the timeline yet.");
  await alice.click("button:has-text('Import events')");
  const dialog = alice.locator("dialog.import-dialog");
  await dialog.waitFor();

  // A line without a time is refused with its line; nothing is previewed.
  await alice.fill("#import-content", "the queue grew\n10:15 - consumers restarted");
  await alice.click("dialog button:has-text('Preview')");
  await alice.waitForSelector("dialog [role=alert]");
  assert.match(await dialog.locator("[role=alert]").textContent(), /Pasted text:1: no time at the start/);
  assert.ok(await alice.locator("dialog button:has-text('Import')").isDisabled());

  await alice.fill("#import-date", "2026-03-14");
  await alice.fill("#import-zone", "UTC");
  await alice.fill("#import-content", "10:05 - queue depth above 10k\n10:15 sam: consumers restarted\n10:40 | backlog drained");
  await alice.click("dialog button:has-text('Preview')");
  await alice.waitForSelector(".import-preview");
  assert.match(await alice.textContent(".import-preview [role=status]"), /3 of 3 events are new/);
  assert.equal(await alice.locator(".import-preview tbody tr").count(), 3);
  assert.match(await alice.locator(".import-preview tbody tr").nth(1).textContent(), /sam.*consumers restarted/);
  await alice.screenshot({ path: join(screenshots, "import-preview.png") });
  // The preview stored nothing.
  const before = await fetch(`${server.url}/api/v1/incidents/${key}/events`, { headers: { "Authorization": `Bearer ${server.token}` } });
  assert.equal((await before.json()).items.length, 0);

  await alice.click("dialog button:has-text('Import 3 events')");
  await alice.waitForSelector("[role=status]:has-text('Imported 3 events')");
  await alice.waitForSelector(".timeline__grid");
  assert.match(await alice.textContent(".timeline__grid"), /backlog drained/);

  // A JSON Lines file: one event already there is passed over, the new one is added.
  await alice.click("button:has-text('Import events')");
  await dialog.waitFor();
  await alice.setInputFiles("#import-file", {
    name: "deploys.jsonl",
    mimeType: "application/x-ndjson",
    buffer: Buffer.from([
      JSON.stringify({ time: "2026-03-14T10:20:00Z", message: "consumer 2.3.1 deployed", run: "d-1" }),
      JSON.stringify({ time: "2026-03-14T10:30:00Z", message: "consumer 2.3.2 deployed", run: "d-2" }),
    ].join("\n")),
  });
  // The format is guessed from the name once the file is read, which takes its own time.
  await alice.waitForFunction(() => document.querySelector("#import-format")?.value === "jsonl", null, { timeout: 5000 });
  assert.equal(await alice.inputValue("#import-format"), "jsonl");
  await alice.locator("details.import-dialog__mapping summary").click();
  await alice.fill("#import-id-field", "run");
  await alice.selectOption("#import-kind", "change");
  await alice.click("dialog button:has-text('Preview')");
  await alice.waitForSelector(".import-preview");
  assert.match(await alice.textContent(".import-preview [role=status]"), /2 of 2 events are new/);
  await alice.click("dialog button:has-text('Import 2 events')");
  await alice.waitForSelector("[role=status]:has-text('Imported 2 events')");
  await alice.click("button:has-text('Import events')");
  await alice.setInputFiles("#import-file", {
    name: "deploys.jsonl",
    mimeType: "application/x-ndjson",
    buffer: Buffer.from(JSON.stringify({ time: "2026-03-14T10:30:00Z", message: "consumer 2.3.2 deployed", run: "d-2" })),
  });
  await alice.waitForFunction(() => document.querySelector("#import-format")?.value === "jsonl", null, { timeout: 5000 });
  await alice.locator("details.import-dialog__mapping summary").click();
  await alice.fill("#import-id-field", "run");
  await alice.selectOption("#import-kind", "change");
  await alice.click("dialog button:has-text('Preview')");
  await alice.waitForSelector(".import-preview");
  assert.match(await alice.textContent(".import-preview [role=status]"), /0 of 1 events are new; 1 are on the timeline already/);
  assert.ok(await alice.locator("dialog button.button--primary").isDisabled());
  await alice.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  const after = await fetch(`${server.url}/api/v1/incidents/${key}/events`, { headers: { "Authorization": `Bearer ${server.token}` } });
  const events = (await after.json()).items;
  assert.equal(events.length, 5);
  assert.equal(events.filter((event) => event.kind === "change").length, 2);
});

// A zip of a folder, its files stored as they are (the Slack export fixture of the C++ tests).
function zipOfFolder(folder) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = table[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const files = [];
  const walk = (path, name) => {
    for (const entry of readdirSync(path).sort()) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full, `${name}${entry}/`);
      else files.push({ name: `${name}${entry}`, data: readFileSync(full) });
    }
  };
  walk(folder, "");
  const parts = [];
  const central = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name);
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(file.data.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(file.data.length, 20);
    entry.writeUInt32LE(file.data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    parts.push(local, name, file.data);
    central.push(entry, name);
    offset += local.length + name.length + file.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

test("a Slack import names the channel's people who are no participants, and one click adds them", async () => {
  const headers = { "Authorization": `Bearer ${server.token}`, "Content-Type": "application/json" };
  const created = await fetch(`${server.url}/api/v1/incidents`, {
    method: "POST", headers,
    body: JSON.stringify({ title: "Payments 5xx from Slack", severity: "SEV3", started_at: "2026-03-14T09:00:00Z" }),
  });
  assert.equal(created.status, 201, await created.clone().text());
  const key = (await created.json()).key;
  const base = `${server.url}/api/v1/incidents/${key}`;
  const priya = await fetch(`${base}/participants`, { method: "POST", headers, body: JSON.stringify({ name: "Priya Raman", role: "on_call" }) });
  assert.equal(priya.status, 201, await priya.clone().text());
  await alice.goto(incidentUrl.replace(/[^/]+$/, key) + "/timeline");
  await alice.click("button:has-text('Import events')");
  const dialog = alice.locator("dialog.import-dialog");
  await dialog.waitFor();
  const fixture = join(dirname(fileURLToPath(import.meta.url)), "../../tests/testdata/ingest/slack-export");
  await alice.setInputFiles("#import-file", { name: "acme-slack.zip", mimeType: "application/zip", buffer: zipOfFolder(fixture) });
  await alice.waitForFunction(() => document.querySelector("#import-format")?.value === "slack", null, { timeout: 5000 });
  await alice.click("dialog button:has-text('Read the channels')");
  await alice.waitForSelector("#import-channel");
  await alice.selectOption("#import-channel", "incident-142");
  await alice.click("dialog button:has-text('Preview')");
  await alice.waitForSelector(".import-preview__strangers");
  assert.match(await alice.textContent(".import-preview__people"), /\(1 spans\)/);
  assert.deepEqual(await alice.locator(".import-preview__strangers li").allTextContents(),
    ["Lena Ortiz Add as participant", "Sam O. Add as participant"]);
  // Lena took part: added here, she is no stranger any more, and her time in the channel counts.
  await alice.click(".import-preview__strangers li:has-text('Lena Ortiz') button");
  await alice.waitForSelector(".import-preview__people:has-text('(2 spans)')");
  assert.deepEqual(await alice.locator(".import-preview__strangers li").allTextContents(), ["Sam O. Add as participant"]);
  await alice.click("dialog button.button--primary");
  await alice.waitForSelector("[role=status]:has-text('Imported 3 events')");
  const people = (await (await fetch(`${base}/participants`, { headers })).json()).items;
  const lena = people.find((person) => person.name === "Lena Ortiz");
  assert.ok(lena, JSON.stringify(people));
  const timeline = await (await fetch(`${base}/timeline?known_by=${lena.id}&known_at=2026-03-16T00:00:00Z`, { headers })).json();
  const reasons = Object.fromEntries(timeline.items.filter((item) => item.type === "event").map((item) => [item.at, item.known_because]));
  // She joined at 10:04 and left at 10:20.
  assert.deepEqual(reasons, { "2026-03-14T10:02:00Z": "not_known", "2026-03-14T10:05:00Z": "audience", "2026-03-15T02:00:00Z": "not_known" });
});

test("a stale edit shows the conflict dialog and loses nothing", async () => {
  await alice.goto(incidentUrl);
  await alice.click("button:has-text('Edit')");
  await bob.goto(incidentUrl);
  await bob.click("button:has-text('Edit')");
  await bob.fill("#edit-impact", "8% of payments failed");
  await bob.click("button:has-text('Save')");
  await bob.waitForSelector("text=8% of payments failed");
  await alice.fill("#edit-title", "Checkout errors after a connection-pool change");
  await alice.click("button:has-text('Save')");
  await alice.waitForSelector("[role=alertdialog]");
  await alice.screenshot({ path: join(screenshots, "conflict.png") });
  await alice.click("button:has-text('Save merged version')");
  await alice.waitForSelector("h3:has-text('Summary')");
  await alice.reload();
  await alice.waitForSelector(".key-times");
  assert.equal(await alice.textContent("h1"), "Checkout errors after a connection-pool change");
  assert.match(await alice.textContent(".overview-grid"), /8% of payments failed/);
  await alice.screenshot({ path: join(screenshots, "incident-overview.png"), fullPage: true });
});

test("a viewer cannot see a private account", async () => {
  // Bob withdraws his account back to himself; a viewer sees only Alice's.
  await bob.goto(incidentUrl + "/account");
  bob.once("dialog", (dialog) => dialog.accept());
  await bob.click("button:has-text('Withdraw from the review')");
  await bob.waitForSelector("text=You withdrew this account");
  const vera = await signedIn(browser, server, server.users.vera);
  await vera.goto(incidentUrl + "/timeline");
  await vera.waitForSelector(".timeline__grid");
  assert.equal(await vera.locator(".timeline__lane-head").count(), 1);
  assert.equal(await vera.locator("text=Got paged").count(), 0);
  // A viewer reads the incident anonymised: a role in Alice's lane, never her name.
  assert.match(await vera.textContent("[role=note]"), /Anonymised view/);
  const lane = await vera.textContent(".timeline__lane-head");
  assert.doesNotMatch(lane, /Alice/);
  assert.doesNotMatch(await vera.textContent("main"), /Alice|Bob/);
  await vera.goto(incidentUrl + "/account");
  assert.equal(await vera.locator("button:has-text('Start my account')").count(), 0);
  await vera.context().close();
});

test("the overview exports the review as Markdown, a web page and JSON, with names or roles", async () => {
  await alice.goto(incidentUrl);
  await alice.waitForSelector("#export-title");
  const read = async (name) => {
    const [download] = await Promise.all([alice.waitForEvent("download"), alice.click(`.export__links a:has-text('${name}')`)]);
    const { readFile } = await import("node:fs/promises");
    return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
  };
  const markdown = await read("Markdown");
  assert.match(markdown.name, /^INC-\d{4}-0001\.md$/);
  assert.match(markdown.text, /^# INC-\d{4}-0001: Checkout errors/);
  assert.match(markdown.text, /Alice/);
  const page = await read("Web page");
  assert.match(page.text, /^<!doctype html>/);
  await alice.check(".export__option input");
  const anonymised = await read("JSON");
  assert.equal(JSON.parse(anonymised.text).format, "debrief-incident");
  assert.doesNotMatch(anonymised.text, /Alice|Bob/);
});

async function askBobToReview(button) {
  await alice.click(`.workflow button:has-text('${button}')`);
  await alice.check(".workflow__person:has-text('Bob') input");
  await alice.click(".workflow__choose button:has-text('to review')");
  await alice.waitForSelector(".workflow__reviewer:has-text('Bob has not decided yet')");
}

test("publishing waits for resolution and approval, asks to acknowledge language findings, and freezes a version", async () => {
  await alice.goto(incidentUrl + "/review");
  await alice.waitForSelector("#publish-title");
  assert.match(await alice.textContent(".publish"), /not resolved yet/);
  const publish = alice.locator(".publish button.button--primary");
  assert.equal(await publish.isDisabled(), true);

  await alice.goto(incidentUrl);
  await alice.click(".card__header button:has-text('Edit')");
  await alice.selectOption("#edit-status", "resolved");
  await alice.fill("#edit-resolved_at", "2026-03-14T11:00");
  await alice.click("button[type=submit]:has-text('Save')");
  await alice.waitForSelector(".card__header button:has-text('Edit')");

  await alice.goto(incidentUrl + "/review");
  await alice.waitForSelector(".publish__acknowledge");
  // Alice's account still calls it human error: publishing asks her to read it first. The
  // "should have" she marked "not blame here" is not asked about again.
  assert.match(await alice.textContent(".publish"), /“?human error”? in an account \(narrative\)/);
  assert.doesNotMatch(await alice.textContent(".publish"), /should have/);
  assert.equal(await publish.isDisabled(), true);
  // A SEV2 review is approved by someone else before it is published.
  assert.match(await alice.textContent(".workflow"), /SEV2 reviews need 1 approval before they are published, within 10 business days/);
  assert.match(await alice.textContent(".publish"), /need 1 approval/);
  await askBobToReview("Ask for review");

  // Bob asks a question on the contributing factors, then approves with a note.
  await bob.goto(incidentUrl + "/review");
  await bob.waitForSelector(".workflow__decide");
  await bob.waitForSelector("#comment-anchor option[value='section:factors']", { state: "attached" });
  await bob.selectOption("#comment-anchor", "section:factors");
  await bob.fill("#comment-body", "Was the pool size written down anywhere?");
  await bob.click("button:has-text('Add comment')");
  await bob.waitForSelector(".comment:has-text('Was the pool size written down anywhere?')");
  await bob.fill("#review-note", "Reads clearly, thank you.");
  await bob.click(".workflow__decide button:has-text('Approve')");
  await bob.waitForSelector(".workflow__reviewer--approved");

  // Alice answers and resolves the comment, then publishes.
  await alice.reload();
  await alice.waitForSelector(".comments__group h3:has-text('Contributing factors')");
  await alice.click(".comment button:has-text('Reply')");
  await alice.fill(".comment__reply textarea", "Only in the chart's defaults; a factor says so now.");
  await alice.click(".comment__reply button[type=submit]");
  await alice.waitForSelector(".comment__replies li:has-text('chart')");
  await alice.click(".comment button:has-text('Resolve')");
  await alice.waitForSelector("button:has-text('Show 1 resolved')");
  assert.match(await alice.textContent(".workflow"), /Bob approved/);
  await alice.screenshot({ path: join(screenshots, "review-workflow.png"), fullPage: true });
  await alice.check(".publish__acknowledge input");
  await publish.click();
  await alice.waitForSelector(".publish__versions li");
  assert.match(await alice.textContent(".publish__versions"), /Version 1/);
  assert.match(await publish.textContent(), /Publish version 2/);

  // A lesson added afterwards, a second version, and what changed between them: the review is
  // reopened and approved again first.
  await alice.click("button:has-text('Reopen for a new version')");
  await alice.waitForSelector(".badge:has-text('Reopened for a new version')");
  await alice.click("button:has-text('Add lesson')");
  await alice.fill("#lessons-new-title", "Pool limits need an alert");
  await alice.click("form[aria-label='New lesson'] button[type=submit]");
  await alice.waitForSelector("text=Pool limits need an alert");
  await askBobToReview("Change reviewers or ask again");
  await bob.reload();
  await bob.click(".workflow__decide button:has-text('Approve')");
  await bob.waitForSelector(".workflow__reviewer--approved");
  await alice.reload();
  await alice.waitForSelector(".publish__acknowledge");
  await alice.check(".publish__acknowledge input");
  await publish.click();
  await alice.waitForSelector(".publish__versions li:has-text('Version 2')");
  // Version 1 reads as it was published: without the lesson that came with version 2.
  const [first] = await Promise.all([
    alice.waitForEvent("popup"),
    alice.click(".publish__versions li:has-text('Version 1') a:has-text('Read')"),
  ]);
  await first.waitForSelector("h1");
  assert.match(await first.textContent("h1"), /Checkout errors/);
  assert.doesNotMatch(await first.textContent("body"), /Pool limits need an alert/);
  await first.close();
  await alice.click(".publish__versions li:has-text('Version 2') button:has-text('What changed')");
  await alice.waitForSelector(".publish__changes");
  assert.match(await alice.textContent(".publish__changes"), /Added lesson “Pool limits need an alert”/);
  await alice.screenshot({ path: join(screenshots, "publish.png") });
});

test("the library finds the published review, marks what matched, filters, and credits lessons", async () => {
  await alice.goto(server.url + "/library");
  await alice.waitForSelector(".library-hit");
  assert.match(await alice.textContent(".library__results"), /Checkout errors/);
  // The lesson came with version 2: the library holds the latest published version.
  await alice.fill("#library-q", "pool limits");
  await alice.press("#library-q", "Enter");
  await alice.waitForSelector(".snippet mark");
  assert.match(await alice.locator(".snippet mark").first().textContent(), /pool/i);
  assert.match(alice.url(), /q=pool\+limits/);
  await alice.locator(".facet").first().locator("input").first().check();
  await alice.waitForURL(/severity=/);
  await alice.waitForSelector(".library-hit");
  await alice.screenshot({ path: join(screenshots, "library.png") });
  await alice.goto(server.url + "/library/lessons");
  await alice.waitForSelector("text=Pool limits need an alert");

  // A viewer searches the anonymised library: a name finds nothing.
  const vera = await signedIn(browser, server, server.users.vera);
  await vera.goto(server.url + "/library?q=alice");
  await vera.waitForSelector("text=No published review matches.");
  assert.match(await vera.textContent("[role=note]"), /anonymised library/);
  await vera.goto(server.url + "/library?q=checkout");
  await vera.waitForSelector(".library-hit");
  assert.doesNotMatch(await vera.textContent("main"), /Alice|Bob/);
  await vera.context().close();
});

test("XSS payloads typed into text fields render as text", async () => {
  const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>`;
  await alice.goto(server.url + "/incidents/new");
  await alice.fill("#title", payload);
  await alice.fill("#summary", payload);
  await alice.click("button:has-text('Open incident')");
  await alice.waitForSelector(".incident-header");
  assert.equal(await alice.textContent("h1"), payload);
  await alice.goto(alice.url() + "/account");
  await alice.click("button:has-text('Start my account')");
  await addMoment(alice, "2026-03-14T11:00", payload);
  await alice.goto(server.url + "/");
  await alice.waitForSelector(".incident-list");
  await alice.screenshot({ path: join(screenshots, "incidents.png") });
  assert.equal(await alice.evaluate(() => window.__pwned), undefined);
  assert.equal(await alice.locator("img[src=x]").count(), 0);
});

test("deep links load the app and unknown pages say so", async () => {
  await alice.goto(incidentUrl + "/timeline");
  await alice.waitForSelector(".timeline__grid");
  await alice.goto(server.url + "/no/such/page");
  await alice.waitForSelector("h1:has-text('Page not found')");
});

test("the timeline page takes two requests of its incident, in at most two round trips", async () => {
  // Hold every API request; when no new one has come for a while, release the wave. Requests
  // that depend on an answer can only appear in a later wave, so the waves are the round trips.
  let held = [];
  const urls = [];
  await alice.route("**/api/v1/**", (route) => {
    held.push(route);
    urls.push(route.request().url());
  });
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const navigation = alice.goto(incidentUrl + "/timeline");
  const waves = [];
  for (;;) {
    let seen = -1;
    while (seen !== held.length) {
      seen = held.length;
      await sleep(500);
    }
    if (held.length === 0) break;
    waves.push(held.map((route) => new URL(route.request().url()).pathname));
    const release = held;
    held = [];
    await Promise.all(release.map((route) => route.continue()));
  }
  await navigation;
  await alice.waitForSelector(".timeline__grid");
  await alice.unroute("**/api/v1/**");
  // The page payload and the timeline; the rest (the signed-in user, notifications) is the app's.
  const incidentRequests = urls.map((url) => new URL(url).pathname).filter((path) => path.startsWith("/api/v1/incidents/"));
  assert.deepEqual(incidentRequests.sort(), [incidentUrl.replace(/^.*(\/incidents\/)/, "/api/v1$1") + "/page", incidentUrl.replace(/^.*(\/incidents\/)/, "/api/v1$1") + "/timeline"].sort());
  assert.ok(waves.length <= 2, `round trips: ${JSON.stringify(waves)}`);
});

test("the review tab records factors and an action item that shows in 'my action items'", async () => {
  await alice.goto(incidentUrl + "/review");
  await alice.click("button:has-text('Add contributing factor')");
  await alice.selectOption("#factors-new-category", "capacity");
  await alice.fill("#factors-new-text", "The connection pool was sized for the batch window, not for peak traffic");
  await alice.click("button:has-text('Add contributing factor'):below(#factors-new-text)");
  await alice.waitForSelector("text=sized for the batch window");
  assert.match(await alice.textContent(".records__group h3"), /capacity/);

  await alice.click("button:has-text('Add action item')");
  await alice.fill("#actions-new-title", "Alert on connection-pool wait time");
  await alice.selectOption("#actions-new-owner_id", { label: "Alice" });
  await alice.fill("#actions-new-due_on", "2026-01-15");
  await alice.check("#actions-new-factor_ids input[type=checkbox]");
  await alice.click("button:has-text('Add action item'):below(#actions-new-title)");
  await alice.waitForSelector("text=Addresses: The connection pool");

  await alice.click("button:has-text('Add decision point')");
  await alice.fill("#decisions-new-at", "2026-03-14T10:30");
  await alice.fill("#decisions-new-situation", "Errors steady; the deploy log showed the pool change");
  await alice.fill("#decisions-new-options", "Roll back\nRaise the pool by hand");
  await alice.fill("#decisions-new-choice", "Roll back");
  await alice.click("button:has-text('Add decision point'):below(#decisions-new-choice)");
  await alice.waitForSelector("text=Options: Roll back · Raise the pool by hand");
  await alice.screenshot({ path: join(screenshots, "review.png"), fullPage: true });

  await alice.click("nav >> text=My action items");
  await alice.waitForSelector("text=Alert on connection-pool wait time");
  assert.match(await alice.textContent(".record__meta"), /Overdue since 2026-01-15/);
  await alice.screenshot({ path: join(screenshots, "my-action-items.png") });
});

test("an admin reads the audit log with per-field diffs and changes a role", async () => {
  const admin = await signedIn(browser, server, server.users.admin);
  await admin.click("nav >> text=Admin");
  await admin.waitForSelector("#audit-title");
  await admin.waitForSelector(".diff ins");
  const audit = admin.locator("section", { has: admin.locator("#audit-title") });
  assert.match(await audit.textContent(), /title: .*Checkout errors after the pool change.*Checkout errors after a connection-pool change/s);
  const bobRow = admin.locator("tr", { hasText: "bob@example.com" });
  const saved = admin.waitForResponse((response) => /\/api\/v1\/users\/\d+$/.test(response.url()) && response.request().method() === "PATCH");
  await bobRow.locator("select").selectOption("viewer");
  assert.equal((await saved).status(), 200);
  const users = await (await fetch(server.url + "/api/v1/users", { headers: { Authorization: `Bearer ${server.token}` } })).json();
  assert.equal(users.items.find((user) => user.email === "bob@example.com").role, "viewer");
  // SEV3 reviews now need an approval, due within 15 business days.
  await admin.check("#rule-sev3-required");
  await admin.fill("#rule-sev3-due", "15");
  await admin.click("button:has-text('Save SEV3')");
  await admin.waitForSelector("tr:has-text('SEV3') [role=status]:has-text('Saved.')");
  const rules = await (await fetch(server.url + "/api/v1/review-rules", { headers: { Authorization: `Bearer ${server.token}` } })).json();
  const sev3 = rules.items.find((rule) => rule.severity === "SEV3");
  assert.equal(sev3.review_required, true);
  assert.equal(sev3.due_business_days, 15);
  // The hint Alice marked "not blame here" is counted; its phrase becomes an allow-entry with
  // one click, and stops being one with another.
  const language = admin.locator("section", { has: admin.locator("#language-feedback-title") });
  const dismissedRow = language.locator("tr", { hasText: "should have" });
  await dismissedRow.waitFor();
  assert.match(await dismissedRow.textContent(), /counterfactual-should-have/);
  await language.screenshot({ path: join(screenshots, "language-feedback.png") });
  await language.locator("button:has-text('Allow “should have”')").click();
  await language.locator(".allow-entries li", { hasText: "should have" }).waitFor();
  await dismissedRow.locator(".badge:has-text('allowed')").waitFor();
  const allowed = await (await fetch(server.url + "/api/v1/lint/allowed", { headers: { Authorization: `Bearer ${server.token}` } })).json();
  assert.deepEqual(allowed.allowed.map((entry) => [entry.rule, entry.phrase]), [["counterfactual-should-have", "should have"]]);
  await language.locator(".allow-entries button:has-text('Stop allowing')").click();
  await language.locator(".allow-entries").waitFor({ state: "detached" });
  // A webhook to a real receiver on loopback: a test delivery arrives signed with the secret.
  const received = [];
  const receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => { body += chunk; });
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.end("ok");
    });
  });
  await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const hookUrl = `http://127.0.0.1:${receiver.address().port}/debrief`;
  await admin.fill("#webhook-url", hookUrl);
  await admin.fill("#webhook-secret", "e2e-shared-secret-value");
  await admin.check("form[aria-label='Add a webhook'] label:has-text('a review is published') input");
  await admin.click("button:has-text('Add webhook')");
  await admin.waitForSelector(`.webhook:has-text('${hookUrl}')`);
  await admin.click(".webhook button:has-text('Deliveries')");
  await admin.click(".webhook button:has-text('Send a test')");
  await admin.waitForSelector(".webhook [role=status]:has-text('on its way')");
  for (let tries = 0; tries < 100 && !received.length; ++tries) await new Promise((resolve) => setTimeout(resolve, 100));
  receiver.close();
  assert.equal(received.length, 1);
  const { headers, body } = received[0];
  assert.equal(headers["x-debrief-event"], "ping");
  const expected = createHmac("sha256", "e2e-shared-secret-value").update(`${headers["x-debrief-timestamp"]}.${body}`).digest("hex");
  assert.equal(headers["x-debrief-signature"], `sha256=${expected}`);
  await admin.click(".webhook button:has-text('Refresh')");
  await admin.waitForSelector(".webhook .badge--delivery-delivered");
  await admin.screenshot({ path: join(screenshots, "admin.png"), fullPage: true });
  await admin.context().close();
});

test("pages fit a phone screen", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(server.url + "/");
  await page.fill("#email", "alice@example.com");
  await page.fill("#password", kPassword);
  await page.click("button[type=submit]");
  await page.waitForSelector(".incident-list");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the incidents page is ${overflow}px wider than the phone`);
  await page.goto(incidentUrl + "/account");
  await page.waitForSelector("#account-title");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) <= 1);
  await page.screenshot({ path: join(screenshots, "phone-my-account.png"), fullPage: true });
  await context.close();
});

test("people: add someone from the directory and someone without a login, choose the facilitator", async () => {
  await alice.goto(incidentUrl);
  await alice.click("button:has-text('Add a person')");
  await alice.waitForSelector("#add-person option:has-text('Admin')", { state: "attached" });
  await alice.selectOption("#add-person", { label: "Admin" });
  await alice.selectOption("#add-role", "incident_commander");
  await alice.click("form[aria-label='Add a person'] button:has-text('Add')");
  await alice.waitForSelector(".people li:has-text('Admin')");
  await alice.click("button:has-text('Add a person')");
  await alice.fill("#add-name", "Dana from the payment provider");
  await alice.selectOption("#add-role", "observer");
  await alice.click("form[aria-label='Add a person'] button:has-text('Add')");
  await alice.waitForSelector(".people li:has-text('Dana from the payment provider')");
  await alice.selectOption("#facilitator", { label: "Admin" });
  await alice.waitForSelector(".people li:has-text('Admin') .badge:has-text('facilitator')");
  await alice.reload();
  await alice.waitForSelector(".people li:has-text('Admin') .badge:has-text('facilitator')");
  assert.equal(await alice.locator(".people li:has-text('Admin') select").inputValue(), "incident_commander");
});

test("the main pages pass an automated accessibility audit (axe-core, serious and critical)", async () => {
  // The audit script is injected into the page, which the app's CSP would (rightly) refuse.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + "/");
  await page.waitForSelector("#email");
  await audit(page, "sign-in");
  await page.fill("#email", "alice@example.com");
  await page.fill("#password", kPassword);
  await page.click("button[type=submit]");
  await page.waitForSelector(".incident-list");
  await audit(page, "incidents");
  for (const [suffix, ready] of [["", ".key-times"], ["/account", "#account-title"], ["/timeline", ".timeline__grid"], ["/review", ".comments"]]) {
    await page.goto(incidentUrl + suffix);
    await page.waitForSelector(ready);
    await audit(page, `incident${suffix || " overview"}`);
  }
  await page.goto(server.url + "/actions");
  await page.waitForSelector("h1:has-text('My action items')");
  await audit(page, "my action items");
  await page.goto(server.url + "/library");
  await page.waitForSelector(".library-hit");
  await audit(page, "library");
  // The admin's page: people, review rules, webhooks with a delivery log open.
  await context.clearCookies();
  await page.goto(server.url + "/");
  await page.fill("#email", "admin@example.com");
  await page.fill("#password", kPassword);
  await page.click("button[type=submit]");
  await page.waitForSelector(".incident-list");
  await page.goto(server.url + "/admin");
  await page.waitForSelector("#rules-title");
  await page.waitForSelector(".webhook");
  await page.click(".webhook button:has-text('Deliveries')");
  await page.waitForSelector(".webhook__log table");
  await audit(page, "admin");
  await context.close();
});

test("a near miss is opened from the same form and marked as one", async () => {
  const page = await signedIn(browser, server, server.users.alice);
  await page.click("text=New incident");
  await page.fill("#title", "A backup job nearly overwrote production");
  await page.selectOption("#kind", "near_miss");
  await page.click("button:has-text('Open incident')");
  await page.waitForSelector(".incident-header .badge--near-miss");
  assert.equal(await page.textContent(".incident-header .badge--near-miss"), "near miss");
  const incident = page.url();
  await page.goto(server.url + "/incidents");
  await page.waitForSelector(".badge--near-miss");
  // It turned out to be an incident after all: changed on the overview.
  await page.goto(incident);
  await page.click("section[aria-labelledby=overview-title] button:text-is('Edit')");
  await page.selectOption("#edit-kind", "incident");
  await page.click("section[aria-labelledby=overview-title] button:text-is('Save')");
  await page.waitForSelector("section[aria-labelledby=overview-title] button:text-is('Edit')");
  assert.equal(await page.locator(".incident-header .badge--near-miss").count(), 0);
  await page.close();
});
