// End-to-end: what people change from the UI. API tokens in Settings (expiry, the secret shown
// once and copied, revoking) and everyone's in Admin; the timeline's events added, changed (a
// stale change merged, not lost) and deleted, with no editing for viewers; "same moment as" and
// "I saw" linked and unlinked on an existing moment, and "Link as seen" from a suggestion; the
// empty states that say what to do next; the key times edited where they are shown.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { adminApi, audit, kBinary, launchBrowser, signedIn, startServer } from "./harness.mjs";

let server;
let browser;
let alice;
let bob;
let vera;
let admin;

const signIn = (user, options) => signedIn(browser, server, user, { audited: true, ...options });
const api = (...request) => adminApi(server, ...request);

before(async () => {
  server = await startServer(kBinary);
  browser = await launchBrowser();
  alice = await signIn(server.users.alice);
  bob = await signIn(server.users.bob);
  vera = await signIn(server.users.vera);
  admin = await signIn(server.users.admin);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const newIncident = async (fields) => (await api("/incidents", "POST", { severity: "SEV3", ...fields })).key;
const incidentUrl = (key, tab = "") => `${server.url}/incidents/${key}${tab}`;

// GET /me with an API token: its status (200 while it works, 401 once revoked) and detail.
async function useToken(secret) {
  const response = await fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${secret}` } });
  return { status: response.status, body: await response.json() };
}

test("empty pages say what to do next, for members, viewers and admins", async () => {
  // The database has no incident yet.
  await alice.goto(server.url + "/");
  const empty = alice.locator(".state--empty");
  await empty.waitFor();
  assert.match(await empty.textContent(), /No incidents yet\..*Open an incident when something goes wrong/s);
  assert.equal(await empty.locator("a:has-text('Open an incident')").getAttribute("href"), "/incidents/new");
  assert.equal(await empty.locator("code").count(), 0, "the example incident is for admins to add");
  await audit(alice, "empty incident list");
  await admin.goto(server.url + "/");
  await admin.waitForSelector(".state--empty");
  assert.match(await admin.textContent(".state--empty"), /debrief demo/);
  await vera.goto(server.url + "/");
  await vera.waitForSelector(".state--empty");
  assert.match(await vera.textContent(".state--empty"), /Incidents appear here once someone opens one/);
  assert.equal(await vera.locator(".state--empty a:has-text('Open an incident')").count(), 0);

  // Filters that match nothing say so, and clear.
  await alice.goto(server.url + "/?q=no-such-thing");
  await alice.waitForSelector(".state--empty:has-text('No incident matches these filters.')");
  await alice.click("button:has-text('Clear the filters')");
  await alice.waitForSelector(".state--empty:has-text('No incidents yet.')");
  assert.equal(new URL(alice.url()).search, "");

  await alice.goto(server.url + "/actions");
  await alice.waitForSelector(".state--empty");
  assert.match(await alice.textContent(".state--empty"), /Nothing open is assigned to you\..*Review tab/s);
  await audit(alice, "no action items");
  await alice.goto(server.url + "/library");
  await alice.waitForSelector(".state--empty");
  assert.match(await alice.textContent(".state--empty"), /Nothing is published yet\..*Published reviews appear here.*Review tab/s);
  await audit(alice, "empty library");
  await alice.goto(server.url + "/library/lessons");
  await alice.waitForSelector(".state--empty:has-text('No lessons yet.')");

  // An incident with nothing in it yet.
  const key = await newIncident({ title: "Nothing here yet", started_at: "2026-03-14T10:00:00Z" });
  await alice.goto(incidentUrl(key));
  const next = alice.locator(".next-step");
  await next.waitFor();
  assert.match(await next.textContent(), /No accounts to read yet.*Add the people involved.*My account/s);
  assert.equal(await next.locator("a:has-text('Write your account')").getAttribute("href"), `/incidents/${key}/account`);
  await audit(alice, "overview without accounts");

  await alice.goto(incidentUrl(key, "/timeline"));
  await alice.waitForSelector(".state--empty:has-text('Nothing on the timeline yet.')");
  const timeline = alice.locator(".state--empty");
  assert.match(await timeline.textContent(), /Add what happened by hand, import alerts/);
  for (const action of ["Add an event", "Import events…", "Write your account"]) {
    assert.equal(await timeline.locator(`:is(a, button):has-text('${action}')`).count(), 1, action);
  }
  await audit(alice, "empty timeline");
  await vera.goto(incidentUrl(key, "/timeline"));
  await vera.waitForSelector(".state--empty:has-text('Nothing on the timeline yet.')");
  assert.equal(await vera.locator("button:has-text('Add an event'), button:has-text('Import events')").count(), 0);

  await alice.goto(incidentUrl(key, "/review"));
  // Each section loads on its own: all five say so once loaded.
  await alice.waitForFunction(() => document.querySelectorAll(".records .state--empty").length === 5);
  const sections = await alice.locator(".records .state--empty").allTextContents();
  assert.match(sections.join("\n"), /No decision points yet\.Add a decision point for each moment/);
  assert.match(sections.join("\n"), /No action items yet\.Add follow-up work with an owner/);
  assert.match(await alice.textContent(".comments"), /No open comments\. Ask a question/);
  await audit(alice, "empty review");
  // Viewers are not told to add what they cannot.
  await vera.goto(incidentUrl(key, "/review"));
  await vera.waitForFunction(() => document.querySelectorAll(".records .state--empty").length === 5);
  assert.doesNotMatch((await vera.locator(".records .state--empty").allTextContents()).join("\n"), /Add /);
});

test("key times are edited on the overview where they are shown, and the timeline shows them too", async () => {
  const key = await newIncident({ title: "Key times", started_at: "2026-03-14T10:00:00Z" });
  await alice.goto(incidentUrl(key));
  await alice.waitForSelector("#key-times-title");
  assert.match(await alice.textContent(".key-times"), /Detected\s*not set/);
  await alice.click("button:has-text('Edit key times')");
  const form = alice.locator("form[aria-label='Key times']");
  await form.waitFor();
  // The first time field has focus, and the form says which time zone it is in.
  // The form takes focus once it has rendered: waited for, as a busy machine may be a frame late.
  await alice.waitForFunction((id) => document.activeElement?.id === id, "times-started_at", { timeout: 5000 });
  assert.equal(await alice.evaluate(() => document.activeElement?.id), "times-started_at");
  assert.match(await form.textContent(), /In your time zone \(Europe\/Berlin\)/);
  await audit(alice, "key times form");
  await alice.fill("#times-detected_at", "2026-03-14T11:04");
  await alice.fill("#times-mitigated_at", "2026-03-14T11:30");
  await alice.click("button:has-text('Save key times')");
  await form.waitFor({ state: "detached" });
  await alice.waitForSelector(".key-times .metric:has-text('TTD 4 min')");
  assert.match(await alice.textContent(".key-times"), /TTM 30 min/);
  const incident = await api(`/incidents/${key}`);
  assert.equal(incident.detected_at, "2026-03-14T10:04:00Z");
  assert.equal(incident.mitigated_at, "2026-03-14T10:30:00Z");

  await alice.goto(incidentUrl(key, "/timeline"));
  const strip = alice.locator(".timeline__key-times");
  await strip.waitFor();
  assert.equal(await strip.locator("time[datetime='2026-03-14T10:04:00Z']").count(), 1);
  assert.match(await strip.textContent(), /Resolved\s*not set/);
  assert.equal(await strip.locator(`a[href='/incidents/${key}']:has-text('Edit key times')`).count(), 1);

  await vera.goto(incidentUrl(key));
  await vera.waitForSelector("#key-times-title");
  assert.equal(await vera.locator("button:has-text('Edit key times')").count(), 0);
});

test("Settings: create a token with an expiry, copy the secret shown once, revoke it, and it is refused at once", async () => {
  await alice.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  await alice.goto(server.url + "/settings");
  await alice.waitForSelector("#tokens-title");
  assert.equal(await alice.inputValue("#token-expiry"), "90", "90 days is the default");
  assert.deepEqual(await alice.locator("#token-expiry option").allTextContents(), ["30 days", "90 days", "1 year", "Never"]);
  await alice.fill("#token-name", "nightly export");
  await alice.selectOption("#token-expiry", "30");
  await alice.click("button:has-text('Create token')");
  await alice.waitForSelector("[role=status]:has-text('Copy it now')");
  const secret = await alice.inputValue("#token-secret");
  assert.match(secret, /^dbr_/);
  await alice.click(".token-secret button:has-text('Copy')");
  await alice.waitForSelector(".token-secret:has-text('Copied.')");
  assert.equal(await alice.evaluate(() => navigator.clipboard.readText()), secret);
  await audit(alice, "settings with a new token");

  // The token works, and expires 30 days after it was made: the list shows that date.
  const used = await useToken(secret);
  assert.equal(used.status, 200);
  assert.equal(used.body.email, "alice@example.com");
  const mine = await (await fetch(`${server.url}/api/v1/me/tokens`, { headers: { Authorization: `Bearer ${secret}` } })).json();
  const token = mine.items.find((item) => item.name === "nightly export");
  // The server reads its clock for each time: they may be a millisecond apart.
  assert.ok(Math.abs(Date.parse(token.expires_at) - Date.parse(token.created_at) - 30 * 24 * 3600 * 1000) < 1000, token.expires_at);
  const row = alice.locator("tr.token-row", { hasText: "nightly export" });
  assert.equal(await row.locator(".badge").textContent(), "active");
  assert.equal(await row.locator(`time[datetime='${token.expires_at}']`).count(), 1);

  // Shown once: gone after Done, and after a reload.
  await alice.click(".token-secret button:has-text('Done')");
  assert.equal(await alice.locator("#token-secret").count(), 0);
  await alice.reload();
  await row.waitFor();
  assert.equal(await alice.locator("#token-secret").count(), 0);
  assert.doesNotMatch(await alice.textContent("main"), new RegExp(secret));

  // Revoking asks first; saying no changes nothing.
  alice.once("dialog", (dialog) => dialog.dismiss());
  await row.locator("button:has-text('Revoke')").click();
  assert.equal(await row.locator(".badge").textContent(), "active");
  assert.equal((await useToken(secret)).status, 200);
  alice.once("dialog", (dialog) => {
    assert.match(dialog.message(), /Revoke the token “nightly export”\?/);
    dialog.accept();
  });
  await row.locator("button:has-text('Revoke')").click();
  await row.locator(".badge:has-text('revoked')").waitFor();
  assert.equal(await row.locator("button:has-text('Revoke')").count(), 0);
  const refused = await useToken(secret);
  assert.equal(refused.status, 401);
  assert.match(refused.body.detail, /revoked/);

  // A token that never expires says so.
  await alice.fill("#token-name", "forever");
  await alice.selectOption("#token-expiry", "");
  await alice.click("button:has-text('Create token')");
  await alice.waitForSelector("[role=status]:has-text('Copy it now')");
  assert.match(await alice.locator("tr.token-row", { hasText: "forever" }).textContent(), /forever.*active.*never.*never/);
});

test("Admin: everyone's API tokens with whose they are; an admin revokes a member's token", async () => {
  await bob.goto(server.url + "/settings");
  await bob.waitForSelector("#tokens-title");
  await bob.fill("#token-name", "bob's importer");
  await bob.click("button:has-text('Create token')");
  await bob.waitForSelector("[role=status]:has-text('Copy it now')");
  const secret = await bob.inputValue("#token-secret");
  assert.equal((await useToken(secret)).status, 200);

  await admin.goto(server.url + "/admin");
  const section = admin.locator("section", { has: admin.locator("#all-tokens-title") });
  const row = section.locator("tr.token-row", { hasText: "bob's importer" });
  await row.waitFor();
  assert.match(await row.textContent(), /Bob.*bob@example\.com.*bob's importer.*active/);
  // Alice's revoked token is listed too, after the active ones.
  assert.match(await section.locator("tr.token-row", { hasText: "nightly export" }).textContent(), /Alice.*revoked/);
  await audit(admin, "admin with API tokens");
  admin.once("dialog", (dialog) => {
    assert.match(dialog.message(), /Revoke Bob's token “bob's importer”\?/);
    dialog.accept();
  });
  await section.locator("button[aria-label=\"Revoke Bob's token bob's importer\"]").click();
  await row.locator(".badge:has-text('revoked')").waitFor();
  assert.equal((await useToken(secret)).status, 401);

  // Bob's own list says so too.
  await bob.reload();
  await bob.locator("tr.token-row", { hasText: "bob's importer" }).locator(".badge:has-text('revoked')").waitFor();
  // Members do not see everyone's tokens.
  await bob.goto(server.url + "/admin");
  await bob.waitForSelector("h1:has-text('Admin')");
  assert.equal(await bob.locator("#all-tokens-title").count(), 0);
});

test("members add, change and delete timeline events; a stale change merges; viewers see no editing", async () => {
  const key = await newIncident({ title: "Editing the timeline", started_at: "2026-03-14T10:00:00Z" });
  await alice.goto(incidentUrl(key, "/timeline"));
  await alice.click(".state--empty button:has-text('Add an event')");
  const form = alice.locator("form[aria-label='New event']");
  await form.waitFor();
  // The form takes focus once it has rendered: waited for, as a busy machine may be a frame late.
  await alice.waitForFunction((id) => document.activeElement?.id === id, "event-new-at", { timeout: 5000 });
  assert.equal(await alice.evaluate(() => document.activeElement?.id), "event-new-at");
  await audit(alice, "new event form");
  await alice.fill("#event-new-at", "2026-03-14T11:05");
  await alice.selectOption("#event-new-kind", "action");
  await alice.fill("#event-new-text", "Rolled checkout back to 4.2.0");
  await alice.fill("#event-new-actor", "sam");
  // Only web addresses are links: the form says which line is not one, beside the field.
  await alice.fill("#event-new-links", "https://ci.example.com/runs/1\njavascript:alert(1)");
  await form.locator("button[type=submit]").click();
  await alice.waitForSelector("#event-new-links-error");
  assert.match(await alice.textContent("#event-new-links-error"), /https:\/\/ or http:\/\/; “javascript:alert\(1\)” is not\.$/);
  await alice.fill("#event-new-links", "https://ci.example.com/runs/1\n\nhttps://grafana.example.com/d/checkout\n");
  await form.locator("button[type=submit]").click();
  await alice.waitForSelector("[role=status]:has-text('Added the action at')");
  const item = alice.locator(".timeline-item", { hasText: "Rolled checkout back" });
  await item.waitFor();
  // Typed in Berlin (UTC+1 in March), stored in UTC.
  let [event] = (await api(`/incidents/${key}/events`)).items;
  assert.equal(event.at, "2026-03-14T10:05:00Z");
  assert.equal(event.kind, "action");
  assert.equal(event.actor, "sam");
  assert.equal(event.source, "manual");
  assert.deepEqual(event.evidence_links, ["https://ci.example.com/runs/1", "https://grafana.example.com/d/checkout"]);

  // Changed from its detail: only what changed is sent, so its time keeps its seconds.
  await api(`/incidents/${key}/events/${event.id}`, "PATCH", { at: "2026-03-14T10:05:30Z" }, { "If-Match": `"${event.version}"` });
  await alice.reload();
  await item.click();
  const detail = alice.locator("aside.item-detail");
  await detail.locator("button:has-text('Edit event')").click();
  const edit = detail.locator("form[aria-label='Edit event']");
  await edit.waitFor();
  await audit(alice, "edit event form");
  await alice.fill(`#event-${event.id}-text`, "Rolled checkout back to 4.2.0 by hand");
  await edit.locator("button:has-text('Save event')").click();
  await detail.locator(".item-detail__text:has-text('by hand')").waitFor();
  await alice.waitForSelector(".timeline-item:has-text('Rolled checkout back to 4.2.0 by hand')");
  event = await api(`/incidents/${key}/events/${event.id}`);
  assert.equal(event.text, "Rolled checkout back to 4.2.0 by hand");
  assert.equal(event.at, "2026-03-14T10:05:30Z");

  // Someone else saves while Alice edits: both changed the text, only they changed the actor.
  await detail.locator("button:has-text('Edit event')").click();
  await edit.waitFor();
  await api(`/incidents/${key}/events/${event.id}`, "PATCH", { text: "Rollback (from the deploy log)", actor: "deploy-bot" },
    { "If-Match": `"${event.version}"` });
  await alice.fill(`#event-${event.id}-text`, "Sam rolled checkout back to 4.2.0");
  await edit.locator("button:has-text('Save event')").click();
  const conflict = alice.locator("[role=alertdialog]");
  await conflict.waitFor();
  assert.match(await conflict.textContent(), /What happened.*Yours: Sam rolled checkout back to 4\.2\.0.*Theirs: Rollback \(from the deploy log\)/s);
  await audit(alice, "event conflict dialog");
  await conflict.locator("button:has-text('Save merged version')").click();
  await conflict.waitFor({ state: "detached" });
  await edit.waitFor({ state: "detached" });
  event = await api(`/incidents/${key}/events/${event.id}`);
  assert.equal(event.text, "Sam rolled checkout back to 4.2.0", "Alice's choice kept");
  assert.equal(event.actor, "deploy-bot", "their other change kept");
  await detail.locator(".item-detail__source:has-text('By deploy-bot')").waitFor();

  // A viewer reads the event with no way to change it.
  await vera.goto(incidentUrl(key, "/timeline"));
  await vera.locator(".timeline-item").first().click();
  await vera.locator("aside.item-detail").waitFor();
  assert.equal(await vera.locator("button:has-text('Add an event'), button:has-text('Import events'), button:has-text('Edit event'), button:has-text('Delete event')").count(), 0);

  // Deleting asks first.
  alice.once("dialog", (dialog) => dialog.dismiss());
  await detail.locator("button:has-text('Delete event')").click();
  assert.equal((await api(`/incidents/${key}/events`)).items.length, 1);
  alice.once("dialog", (dialog) => {
    assert.match(dialog.message(), /Delete the event “Sam rolled checkout back to 4\.2\.0”/);
    dialog.accept();
  });
  await detail.locator("button:has-text('Delete event')").click();
  await alice.waitForSelector("[role=status]:has-text('Deleted the action at')");
  await alice.waitForSelector(".state--empty:has-text('Nothing on the timeline yet.')");
  assert.equal((await api(`/incidents/${key}/events`)).items.length, 0);
});

// Starts the signed-in person's account on `key` with one moment, released to the review.
async function accountWithMoment(page, key, at, did) {
  await page.goto(incidentUrl(key, "/account"));
  await page.click("button:has-text('Start my account')");
  await page.click("button:has-text('Add a moment')");
  await page.fill("#new-at", at);
  await page.fill("#new-did", did);
  await page.click("button:has-text('Add moment')");
  await page.waitForSelector(".entries > li");
  const saved = page.waitForResponse((response) =>
    response.request().method() === "PATCH" && /\/accounts\/\d+$/.test(response.url()) && response.ok());
  await page.check("input[value=in_review]");
  await saved;
}

test("an author links an existing moment as the same moment, sees the disagreement, unlinks it, and links an event as seen from a suggestion", async () => {
  const key = await newIncident({ title: "Linking moments", services: ["checkout"], started_at: "2026-03-14T10:00:00Z" });
  await accountWithMoment(bob, key, "2026-03-14T11:20", "Joined the incident call");
  await accountWithMoment(alice, key, "2026-03-14T11:00", "Saw checkout errors after 4.2.1 went out");

  // On My account, an existing moment: link it to Bob's, 20 minutes apart.
  await alice.reload();
  const moment = alice.locator(".entries > li").first();
  await moment.locator("details.entry-links summary").click();
  const same = moment.locator("select[id$='-same-add']");
  await same.locator("option", { hasText: "Joined the incident call" }).waitFor({ state: "attached" });
  const bobsMoment = await same.locator("option", { hasText: "Joined the incident call" }).getAttribute("value");
  await same.selectOption(bobsMoment);
  await moment.locator("button:has-text('Link as the same moment')").click();
  await moment.locator("[role=status]:has-text('Linked as the same moment.')").waitFor();
  await moment.locator(".entry__disagreement").waitFor();
  assert.match(await moment.locator(".entry__disagreement").textContent(), /Alice .* and Bob .* describe the same moment 20 min apart/);
  assert.match(await moment.locator(".entry-links__list").first().textContent(), /Bob: Joined the incident call/);
  await audit(alice, "my account with a linked moment");

  // The timeline flags it where disagreements are shown.
  await alice.goto(incidentUrl(key, "/timeline"));
  await alice.waitForSelector(".discrepancies");
  assert.match(await alice.textContent(".discrepancies"), /Alice .* and Bob .* describe the same moment 20 min apart/);
  assert.equal(await alice.locator(".timeline-item--flagged").count(), 2);
  await alice.locator(".timeline-item", { hasText: "Saw checkout errors" }).click();
  assert.match(await alice.textContent("aside.item-detail"), /Same moment as.*Bob at .*Joined the incident call/s);

  // Unlinked, the disagreement goes.
  await alice.goto(incidentUrl(key, "/account"));
  await moment.locator("button[aria-label^='Remove the link to']").click();
  await moment.locator("[role=status]:has-text('Link removed.')").waitFor();
  await moment.locator(".entry__disagreement").waitFor({ state: "detached" });
  assert.equal(bobsMoment.startsWith("entry:"), true);
  const [entry] = (await api(`/incidents/${key}/accounts`)).items.find((account) => account.entries[0].did.startsWith("Saw")).entries;
  assert.deepEqual(entry.same_as, []);
  await alice.goto(incidentUrl(key, "/timeline"));
  await alice.waitForSelector(".timeline__grid");
  assert.equal(await alice.locator(".discrepancies").count(), 0);
  assert.equal(await alice.locator(".timeline-item--flagged").count(), 0);

  // A deploy imported afterwards names 4.2.1 too: the suggestion offers Alice one click…
  const deploy = await api(`/incidents/${key}/events`, "POST", {
    at: "2026-03-14T09:58:00Z", kind: "change", text: "checkout 4.2.1 deployed", actor: "deploy-bot", source: "import:deploy:4.2.1",
  });
  await alice.reload();
  const suggestion = alice.locator(".suggestions li", { hasText: "4.2.1" });
  await suggestion.waitFor();
  assert.match(await suggestion.textContent(), /Your moment at .* and the change at .* both name checkout: checkout 4\.2\.1 deployed\. Did you see it\?/);
  await audit(alice, "timeline with a link suggestion");
  // …and nobody else.
  await bob.goto(incidentUrl(key, "/timeline"));
  const bobsSuggestion = bob.locator(".suggestions li", { hasText: "4.2.1" });
  await bobsSuggestion.waitFor();
  assert.match(await bobsSuggestion.textContent(), /Its author can link them as seen/);
  assert.equal(await bob.locator(".suggestions button:has-text('Link as seen')").count(), 0);

  await suggestion.locator("button:has-text('Link as seen')").click();
  await alice.waitForSelector("[role=status]:has-text('Linked: your moment at')");
  await alice.locator(".suggestions").waitFor({ state: "detached" });
  await alice.locator(".timeline-item", { hasText: "Saw checkout errors" }).click();
  assert.match(await alice.textContent("aside.item-detail"), /Saw.*the change at .*checkout 4\.2\.1 deployed/s);
  const linked = (await api(`/incidents/${key}/accounts`)).items.flatMap((account) => account.entries).find((item) => item.id === entry.id);
  assert.deepEqual(linked.seen_event_ids, [deploy.id]);
  // My account (reached by its tab, without reloading the page) shows the link, with a way to
  // remove it, and the moment saves against its new version.
  await alice.click("nav.tabs a:has-text('My account')");
  await moment.locator("details.entry-links[open]").waitFor();
  const seen = moment.locator(".entry-links__group:has(h4:has-text('I saw')) .entry-links__list li");
  await seen.filter({ hasText: "change: checkout 4.2.1 deployed" }).waitFor();
  assert.equal(await seen.locator("button:has-text('Remove')").count(), 1);
  const saved = alice.waitForResponse((response) =>
    response.request().method() === "PATCH" && response.url().endsWith(`/entries/${entry.id}`));
  await moment.locator("textarea[id$='-saw']").fill("The 5xx graph for checkout");
  assert.equal((await saved).status(), 200);
  await moment.locator(".save-state--saved").waitFor();
});
