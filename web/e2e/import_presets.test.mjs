// End-to-end: the Import dialog's presets, which need no field settings. An Alertmanager
// notification chosen from disk is previewed and imported; a Slack export's zip is read for its
// channels, one is chosen, its key messages previewed (all of them on request) and imported.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { adminApi, audit, kBinary, launchBrowser, signedIn, startServer } from "./harness.mjs";
import { kAlertmanagerNotification } from "./fixtures.mjs";
import { zip } from "./zip.mjs";

let server;
let browser;
let alice;

const signIn = (user, options) => signedIn(browser, server, user, { audited: true, ...options });
const api = (...request) => adminApi(server, ...request);

before(async () => {
  server = await startServer(kBinary);
  browser = await launchBrowser();
  alice = await signIn(server.users.alice);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const slackTs = (iso, micros) => `${Date.parse(iso) / 1000}.${micros}`;

// A Slack workspace export with two channels: in #inc-checkout one pinned message, one with a
// :key: reaction and one chat message.
function slackExport() {
  return zip({
    "channels.json": JSON.stringify([
      { id: "C0CHECKOUT", name: "inc-checkout", created: 1773480000, members: ["U0PRIYA", "U0SAM"] },
      { id: "C0RANDOM", name: "random", created: 1773480000, members: ["U0PRIYA"] },
    ]),
    "users.json": JSON.stringify([
      { id: "U0PRIYA", name: "priya", real_name: "Priya Patel", profile: { real_name: "Priya Patel", display_name: "priya" } },
      { id: "U0SAM", name: "sam", real_name: "Sam Okafor", profile: { real_name: "Sam Okafor", display_name: "sam" } },
    ]),
    "inc-checkout/2026-03-14.json": JSON.stringify([
      { type: "message", user: "U0PRIYA", text: "Checkout pool exhausted, paging the database team", ts: slackTs("2026-03-14T10:05:00Z", "000100"), pinned_to: ["C0CHECKOUT"] },
      { type: "message", user: "U0SAM", text: "Anyone want coffee?", ts: slackTs("2026-03-14T10:06:00Z", "000200") },
      { type: "message", user: "U0SAM", text: "Raised the pool limit to 200", ts: slackTs("2026-03-14T10:12:00Z", "000300"), reactions: [{ name: "key", users: ["U0PRIYA"], count: 1 }] },
    ]),
    "random/2026-03-14.json": JSON.stringify([
      { type: "message", user: "U0PRIYA", text: "Lunch at noon", ts: slackTs("2026-03-14T11:00:00Z", "000400") },
    ]),
  });
}

async function openImport(key) {
  await alice.goto(`${server.url}/incidents/${key}/timeline`);
  await alice.waitForSelector("text=Nothing on the timeline yet.");
  await alice.click("button:has-text('Import events')");
  const dialog = alice.locator("dialog.import-dialog");
  await dialog.waitFor();
  return dialog;
}

test("an Alertmanager notification chosen from disk is previewed and imported with no field settings", async () => {
  const { key } = await api("/incidents", "POST", { title: "Pool alerts", severity: "SEV3" });
  const dialog = await openImport(key);
  await alice.selectOption("#import-format", "alertmanager");
  // A preset asks for nothing but the file: no field paths, no time zone, no kind.
  assert.equal(await dialog.locator("details.import-dialog__mapping, #import-zone, #import-kind, #import-date").count(), 0);
  assert.match(await dialog.locator("#import-format-hint").textContent(), /Webhook notifications as Alertmanager sends them/);
  await alice.setInputFiles("#import-file", {
    name: "alertmanager-notification.json", mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(kAlertmanagerNotification)),
  });
  await dialog.locator("#import-file-hint:has-text('Read alertmanager-notification.json')").waitFor();
  // The file's name did not turn the preset into plain JSON records.
  assert.equal(await alice.inputValue("#import-format"), "alertmanager");
  assert.match(await alice.inputValue("#import-content"), /PoolExhausted/);
  await alice.click("dialog button:has-text('Preview')");
  await alice.waitForSelector(".import-preview");
  assert.match(await alice.textContent(".import-preview [role=status]"), /3 of 3 events are new/);
  const rows = await alice.locator(".import-preview tbody tr").allTextContents();
  assert.match(rows[0], /alert.*alertmanager.*PoolExhausted firing: Connection pool exhausted on checkout/);
  assert.match(rows[2], /PoolExhausted resolved/);
  await audit(alice, "import dialog with an Alertmanager preview");

  await alice.click("dialog button:has-text('Import 3 events')");
  await alice.waitForSelector("[role=status]:has-text('Imported 3 events')");
  await alice.waitForSelector(".timeline__grid");
  assert.match(await alice.textContent(".timeline__grid"), /PoolExhausted resolved/);
  const imports = (await api(`/incidents/${key}/imports`)).items;
  assert.deepEqual(imports.map(({ format, name, added }) => ({ format, name, added })),
    [{ format: "alertmanager", name: "alertmanager-notification.json", added: 3 }]);
});

test("a Slack export's zip is read for its channels; the chosen channel's key messages are previewed and imported", async () => {
  const { key } = await api("/incidents", "POST", { title: "Pool chat", severity: "SEV3" });
  const dialog = await openImport(key);
  await alice.setInputFiles("#import-file", { name: "workspace-export.zip", mimeType: "application/zip", buffer: slackExport() });
  // A zip is a Slack export: no text box, and the first step reads the channels.
  await alice.waitForFunction(() => document.querySelector("#import-format")?.value === "slack");
  await dialog.locator("#import-file-hint:has-text('Read workspace-export.zip')").waitFor();
  assert.equal(await dialog.locator("#import-content").count(), 0);
  await alice.click("dialog button:has-text('Read the channels')");
  await alice.waitForSelector("#import-channel");
  assert.deepEqual(await alice.locator("#import-channel option").allTextContents(), ["Choose a channel", "#inc-checkout", "#random"]);
  assert.ok(await alice.locator("dialog button:has-text('Preview')").isDisabled());
  await audit(alice, "import dialog choosing a Slack channel");

  await alice.selectOption("#import-channel", "inc-checkout");
  await alice.click("dialog button:has-text('Preview')");
  await alice.waitForSelector(".import-preview");
  // Only the key messages: the pinned one and the one with a :key: reaction.
  assert.match(await alice.textContent(".import-preview [role=status]"), /2 of 2 events are new/);
  const rows = await alice.locator(".import-preview tbody tr").allTextContents();
  assert.match(rows[0], /Priya Patel.*Checkout pool exhausted/);
  assert.match(rows[1], /Sam Okafor.*Raised the pool limit to 200/);

  // Every message on request, then back to the key ones to import.
  await alice.check("label:has-text('All messages') input");
  await alice.click("dialog button:has-text('Preview')");
  await alice.waitForSelector(".import-preview [role=status]:has-text('3 of 3 events are new')");
  await alice.uncheck("label:has-text('All messages') input");
  await alice.click("dialog button:has-text('Preview')");
  await alice.waitForSelector(".import-preview [role=status]:has-text('2 of 2 events are new')");
  await alice.click("dialog button:has-text('Import 2 events')");
  await alice.waitForSelector("[role=status]:has-text('Imported 2 events')");
  await alice.waitForSelector(".timeline__grid");
  assert.match(await alice.textContent(".timeline__grid"), /Raised the pool limit to 200/);
  assert.doesNotMatch(await alice.textContent(".timeline__grid"), /coffee/);
  const imports = (await api(`/incidents/${key}/imports`)).items;
  assert.deepEqual(imports.map(({ format, name, added }) => ({ format, name, added })),
    [{ format: "slack", name: "#inc-checkout of workspace-export.zip", added: 2 }]);
});
