// End-to-end: reading and reviewing as people do. Markdown in people's text, links that are safe
// to open, everyone's accounts, the facilitator badge, the timeline's item detail, Settings and
// Admin, the Import dialog's kinds, server messages as sentences, and form fields in line.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { adminApi, audit, kBinary, kPassword, launchBrowser, signedIn, startServer } from "./harness.mjs";

let server;
let browser;
let alice;
let bob;

const api = (...request) => adminApi(server, ...request);

before(async () => {
  server = await startServer(kBinary);
  browser = await launchBrowser();
  alice = await signedIn(browser, server, server.users.alice);
  bob = await signedIn(browser, server, server.users.bob);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function newIncident(fields) {
  return (await api("/incidents", "POST", { severity: "SEV3", ...fields })).key;
}

const incidentUrl = (key, tab = "") => `${server.url}/incidents/${key}${tab}`;

// Starts the signed-in person's account on `key`, writes its narrative and waits until it is saved.
async function writeNarrative(page, key, narrative) {
  await page.goto(incidentUrl(key, "/account"));
  await page.click("button:has-text('Start my account')");
  await page.locator("#narrative").waitFor();
  const saved = page.waitForResponse((response) =>
    response.request().method() === "PATCH" && /\/accounts\/\d+$/.test(response.url()) && response.ok());
  await page.fill("#narrative", narrative);
  await saved;
}

async function release(page) {
  const saved = page.waitForResponse((response) =>
    response.request().method() === "PATCH" && /\/accounts\/\d+$/.test(response.url()) && response.ok());
  await page.check("input[value=in_review]");
  await saved;
}

test("Markdown in the summary shows bold text, list items and a literal <service>, and runs nothing", async () => {
  const key = await newIncident({
    title: "Markdown in the summary",
    summary: "The **connection pool** ran dry:\n\n- checkout failed\n- payments retried\n\n" +
      "The <service> pods restarted.\n\n<script>window.__pwned = 1</script>\n\n<img src=x onerror=\"window.__pwned = 1\">",
    impact: "| Service | Errors |\n|---|---|\n| checkout | 8% |",
  });
  await alice.goto(incidentUrl(key));
  await alice.waitForSelector(".overview-grid .markdown strong");
  const summary = alice.locator(".overview-grid .card").first();
  assert.equal(await summary.locator(".markdown strong").textContent(), "connection pool");
  assert.deepEqual(await summary.locator(".markdown li").allTextContents(), ["checkout failed", "payments retried"]);
  // The raw syntax is gone…
  assert.doesNotMatch(await summary.textContent(), /\*\*connection pool\*\*|^- checkout/m);
  // …but what looked like HTML is shown exactly as typed, never dropped and never run.
  assert.match(await summary.textContent(), /The <service> pods restarted\./);
  assert.match(await summary.textContent(), /<script>window.__pwned = 1<\/script>/);
  assert.match(await summary.textContent(), /<img src=x onerror="window.__pwned = 1">/);
  assert.equal(await alice.locator("service").count(), 0);
  assert.equal(await alice.locator("main script, main img").count(), 0);
  assert.equal(await alice.evaluate(() => window.__pwned), undefined);
  // GitHub-flavoured tables too.
  assert.deepEqual(await summary.locator(".markdown table th").allTextContents(), ["Service", "Errors"]);
  // The edit form still shows the Markdown source.
  await alice.click(".card__header button:has-text('Edit')");
  assert.match(await alice.inputValue("#edit-summary"), /The \*\*connection pool\*\* ran dry/);
});

test("a released account's narrative is shown to others as Markdown; a javascript: link in it stays text", async () => {
  const key = await newIncident({ title: "Accounts to read", started_at: "2026-03-14T10:00:00Z" });
  await writeNarrative(alice, key,
    "I was on call. [Run this fix](javascript:window.__pwned=1) said the bot, and [the pool dashboard](https://grafana.example.com/d/pool) " +
    "looked *normal*. Also [a data link](data:text/html,<b>x</b>) and ![graph](https://grafana.example.com/pool.png).");
  await alice.click("button:has-text('Add a moment')");
  await alice.fill("#new-at", "2026-03-14T10:07");
  await alice.fill("#new-did", "Acknowledged the page");
  await alice.fill("#new-saw", "Errors on checkout");
  await alice.click("button:has-text('Add moment')");
  await alice.waitForSelector(".entries > li");

  // Private: Bob's Accounts tab does not list it.
  await bob.goto(incidentUrl(key, "/accounts"));
  await bob.waitForSelector("#accounts-title");
  await bob.waitForSelector("text=No account you can read yet.");

  await release(alice);
  await bob.reload();
  const card = bob.locator(".account-card", { hasText: "Alice" });
  await card.waitFor();
  assert.match(await card.locator("h3").textContent(), /Alice/);
  assert.match(await card.textContent(), /released to the review/);
  assert.equal(await card.locator(".markdown em").textContent(), "normal");
  // Unsafe addresses are words, not links: no javascript: or data: href anywhere on the page.
  assert.equal(await bob.locator("a[href^='javascript:' i], a[href^='data:' i]").count(), 0);
  assert.match(await card.textContent(), /Run this fix said the bot/);
  await card.locator("text=Run this fix").click();
  assert.equal(await bob.evaluate(() => window.__pwned), undefined);
  const safe = card.locator("a", { hasText: "the pool dashboard" });
  assert.equal(await safe.getAttribute("href"), "https://grafana.example.com/d/pool");
  assert.equal(await safe.getAttribute("rel"), "noreferrer noopener");
  assert.equal(await safe.getAttribute("target"), "_blank");
  // An image loads nothing: it is a link to the image, by its description.
  assert.equal(await bob.locator("main img").count(), 0);
  assert.equal(await card.locator("a", { hasText: "graph" }).getAttribute("href"), "https://grafana.example.com/pool.png");
  // The moments, with what Alice did and saw.
  assert.match(await card.locator(".account-card__moments").textContent(), /Did\s*Acknowledged the page/);
  assert.match(await card.locator(".account-card__moments").textContent(), /Saw\s*Errors on checkout/);

  // A viewer reads it too, anonymised: the author by role, not by name.
  const vera = await signedIn(browser, server, server.users.vera);
  await vera.goto(incidentUrl(key, "/accounts"));
  await vera.waitForSelector(".account-card");
  assert.match(await vera.textContent(".account-card"), /the pool dashboard/);
  assert.doesNotMatch(await vera.textContent("main"), /Alice|Bob/);
  await vera.context().close();
});

test("no facilitator badge when none is set, even on someone without a login; then only on the facilitator", async () => {
  const key = await newIncident({ title: "Who facilitates" });
  await api(`/incidents/${key}/participants`, "POST", { name: "Dana from the payment provider", role: "observer" });
  const users = await api("/users");
  const aliceId = users.items.find((user) => user.email === "alice@example.com").id;
  await api(`/incidents/${key}/participants`, "POST", { user_id: aliceId, role: "incident_commander" });
  await alice.goto(incidentUrl(key));
  await alice.waitForSelector(".people li:has-text('Dana from the payment provider')");
  await alice.waitForSelector(".people li:has-text('Alice')");
  assert.equal(await alice.locator(".people .badge:has-text('facilitator')").count(), 0);
  assert.equal(await alice.inputValue("#facilitator"), "");

  await alice.selectOption("#facilitator", { label: "Alice" });
  await alice.waitForSelector(".people li:has-text('Alice') .badge:has-text('facilitator')");
  assert.equal(await alice.locator(".people .badge:has-text('facilitator')").count(), 1);
  assert.equal(await alice.locator(".people li:has-text('Dana') .badge").count(), 0);
});

test("the facilitator sees whose released accounts tell of each key moment; nobody else does", async () => {
  const key = await newIncident({ title: "Told from one side", status: "resolved", started_at: "2026-03-14T10:00:00Z", resolved_at: "2026-03-14T11:00:00Z" });
  const users = (await api("/users")).items;
  const id = (email) => users.find((user) => user.email === email).id;
  await api(`/incidents/${key}/participants`, "POST", { user_id: id("alice@example.com"), role: "responder" });
  await api(`/incidents/${key}/participants`, "POST", { user_id: id("bob@example.com"), role: "incident_commander" });
  const incident = await api(`/incidents/${key}`);
  await api(`/incidents/${key}`, "PATCH", { facilitator_id: id("bob@example.com") }, { "If-Match": `"${incident.version}"` });
  // Alice tells of the start, in an account she releases; Bob tells of nothing.
  await writeNarrative(alice, key, "I was paged at ten.");
  await alice.evaluate(async (key) => {
    const me = await (await fetch("/api/v1/me")).json();
    const accounts = (await (await fetch(`/api/v1/incidents/${key}/accounts`)).json()).items;
    const mine = accounts.find((account) => account.author_id === me.id);
    await fetch(`/api/v1/incidents/${key}/accounts/${mine.id}/entries`, {
      method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrf_token },
      body: JSON.stringify({ at: "2026-03-14T10:04:00Z", did: "Acknowledged the page" }),
    });
  }, key);
  await release(alice);

  await bob.goto(incidentUrl(key, "/review"));
  const coverage = bob.locator(".publish__coverage");
  await coverage.waitFor();
  const lines = (await coverage.locator("li").allTextContents()).map((text) => text.trim());
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^Start \(.+\): 1 of 2 involved people — ask the others what they saw then$/);
  assert.match(lines[1], /^Resolution \(.+\): 0 of 2 involved people — told from no side yet$/);
  await alice.goto(incidentUrl(key, "/review"));
  await alice.locator(".publish").waitFor();
  assert.equal(await alice.locator(".publish__coverage").count(), 0);
});

test("facilitator mode walks the timeline's questions, asks about an unmet expectation, and opens what a person could know", async () => {
  const key = await newIncident({ title: "Invoice lag", started_at: "2026-03-14T10:00:00Z" });
  const users = (await api("/users")).items;
  const id = (email) => users.find((user) => user.email === email).id;
  const aliceParticipant = await api(`/incidents/${key}/participants`, "POST", { user_id: id("alice@example.com"), role: "responder" });
  const incident = await api(`/incidents/${key}`);
  await api(`/incidents/${key}`, "PATCH", { facilitator_id: id("bob@example.com") }, { "If-Match": `"${incident.version}"` });
  await api(`/incidents/${key}/events`, "POST", { at: "2026-03-14T10:40:00Z", kind: "alert", text: "invoice lag still growing: 61k messages" });
  await writeNarrative(alice, key, "The lag night.");
  await alice.evaluate(async (key) => {
    const me = await (await fetch("/api/v1/me")).json();
    const accounts = (await (await fetch(`/api/v1/incidents/${key}/accounts`)).json()).items;
    const mine = accounts.find((account) => account.author_id === me.id);
    for (const entry of [
      { at: "2026-03-14T10:05:00Z", did: "Restarted the invoice consumers", expected: "invoice lag drained within 10 minutes" },
      { at: "2026-03-14T10:20:00Z", saw: "I should have checked the partition skew panel" },
    ]) {
      await fetch(`/api/v1/incidents/${key}/accounts/${mine.id}/entries`, {
        method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrf_token }, body: JSON.stringify(entry),
      });
    }
  }, key);
  await release(alice);

  // Bob, the facilitator, on a page the accessibility audit can run in.
  const bobAudited = await signedIn(browser, server, server.users.bob, { audited: true });
  await bobAudited.goto(incidentUrl(key, "/timeline"));
  await bobAudited.click("button:has-text('Facilitator mode')");
  const panel = bobAudited.locator(".facilitator");
  await panel.locator(".facilitator__question").waitFor();
  assert.match(await panel.locator(".facilitator__step").textContent(), /question 1 of 1/);
  assert.match(await panel.locator(".facilitator__question").textContent(), /^Alice saw “I should have checked the partition skew panel”\. What cues made it look off/);
  // The unmet expectation, as a question, with both moments to show.
  const belief = panel.locator(".facilitator__belief");
  // In the reader's clock (Berlin, an hour ahead of UTC in March).
  assert.match(await belief.textContent(), /Alice expected “invoice lag drained within 10 minutes” at 11:05\u202f?\s?AM; at 11:40\u202f?\s?AM the record shows “invoice lag still growing: 61k messages”\. What made that expectation look right at the time\?/);
  await belief.locator("button", { hasText: "11:40" }).click();
  await bobAudited.locator(".timeline-item[aria-pressed=true]", { hasText: "invoice lag still growing" }).waitFor();
  // The counterfactual card: nothing Alice could see by 10:20 names the skew panel.
  const card = panel.locator(".counterfactual-card");
  assert.match(await card.textContent(), /It judges Alice at 11:20\u202f?\s?AM for not having checked the partition skew panel/);
  assert.match(await card.textContent(), /not on their screen/);
  await card.locator("button", { hasText: "Open what Alice could know then" }).click();
  assert.equal(await bobAudited.inputValue("#known-by"), String(aliceParticipant.id));
  await bobAudited.locator(".alert--info", { hasText: "Greyed-out items are what Alice could not have known" }).waitFor();
  await audit(bobAudited, "facilitator mode");

  await bobAudited.context().close();

  // Alice, whose account it reads, is not the facilitator: no such mode for her.
  await alice.goto(incidentUrl(key, "/timeline"));
  await alice.locator(".timeline-item").first().waitFor();
  assert.equal(await alice.locator("button:has-text('Facilitator mode')").count(), 0);
});

test("after the review a participant answers the pulse once; the counts wait for publishing and three answers", async () => {
  const key = await newIncident({ title: "Pulse after the meeting", status: "resolved", started_at: "2026-03-14T10:00:00Z", resolved_at: "2026-03-14T11:00:00Z" });
  const users = (await api("/users")).items;
  const id = (email) => users.find((user) => user.email === email).id;
  await api(`/incidents/${key}/participants`, "POST", { user_id: id("alice@example.com"), role: "responder" });
  await alice.goto(incidentUrl(key, "/review"));
  const card = alice.locator(".pulse");
  await card.locator("legend", { hasText: "Did you learn something" }).waitFor();
  const send = card.locator("button", { hasText: "Send my answers" });
  assert.equal(await send.isDisabled(), true);
  await card.getByLabel("Somewhat").check();
  await card.locator("fieldset", { hasText: "another review" }).getByLabel("Yes").check();
  await send.click();
  await card.locator("[role=status]", { hasText: "your answers are counted" }).waitFor();
  assert.match(await card.textContent(), /1 person answered so far; the counts show once the review is published, if at least 3 answered/);
  // Once answered, the questions are not asked again.
  await alice.reload();
  await card.locator("[role=status]").waitFor();
  assert.equal(await card.locator("input[type=radio]").count(), 0);
  // Bob is not a participant: nothing to answer, and one answer shows no counts.
  await bob.goto(incidentUrl(key, "/review"));
  await bob.locator(".publish").waitFor();
  await bob.locator(".pulse").waitFor();
  assert.equal(await bob.locator(".pulse input[type=radio]").count(), 0);
});

async function incidentWithAlerts(title) {
  const key = await newIncident({ title });
  for (const [at, text, source] of [
    ["2026-03-14T10:02:00Z", "HighErrorRate firing: 5xx ratio above 5% (service=checkout)", "ui@1"],
    ["2026-03-14T10:09:00Z", "HighErrorRate resolved: 5xx ratio above 5% (service=checkout)", "ui@1/resolved"],
  ]) {
    await api(`/incidents/${key}/events`, "POST", {
      at, kind: "alert", text, actor: "alertmanager", source: `import:alertmanager:${source}`,
      evidence_links: ["https://grafana.example.com/d/checkout"],
    });
  }
  return key;
}

const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test("the timeline's item detail closes with Escape, gives focus back, and leaves the suggestions usable", async () => {
  const key = await incidentWithAlerts("Item detail and suggestions");
  await alice.goto(incidentUrl(key, "/timeline"));
  await alice.waitForSelector(".suggestions");
  const item = alice.locator(".timeline-item", { hasText: "HighErrorRate firing" });
  await item.click();
  const detail = alice.locator("aside.item-detail");
  await detail.waitFor();
  // The event's evidence is a link that is safe to open.
  const evidence = detail.locator("a[href='https://grafana.example.com/d/checkout']");
  assert.equal(await evidence.getAttribute("rel"), "noreferrer noopener");
  // Beside the timeline, not on top of the suggestions card.
  await alice.locator(".suggestions").scrollIntoViewIfNeeded();
  assert.ok(!overlaps(await detail.boundingBox(), await alice.locator(".suggestions").boundingBox()), "the detail covers the suggestions");

  await alice.keyboard.press("Escape");
  await detail.waitFor({ state: "detached" });
  assert.match(await alice.evaluate(() => document.activeElement?.textContent ?? ""), /HighErrorRate firing/);

  // From the keyboard: Enter opens the detail and moves focus into it; Escape returns it.
  await alice.keyboard.press("Enter");
  await detail.waitFor();
  // Focus moves once the detail has rendered: wait for it rather than look at once.
  await alice.waitForFunction(() => document.activeElement?.classList.contains("item-detail"));
  await alice.keyboard.press("Escape");
  await detail.waitFor({ state: "detached" });
  assert.match(await alice.evaluate(() => document.activeElement?.textContent ?? ""), /HighErrorRate firing/);

  // With the detail open, the suggestion's button can still be used (a covered button could not
  // be clicked).
  await item.click();
  await detail.waitFor();
  await alice.click(".suggestions button:has-text('Set detected time')");
  await alice.waitForFunction(() => !document.querySelector(".suggestions")?.textContent?.includes("Detected at"));

  // On a phone the detail goes below the timeline.
  const phone = await signedIn(browser, server, server.users.alice);
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(incidentUrl(key, "/timeline"));
  await phone.locator(".timeline-item", { hasText: "HighErrorRate firing" }).click();
  await phone.locator("aside.item-detail").waitFor();
  const below = await phone.locator("aside.item-detail").boundingBox();
  const scroller = await phone.locator(".timeline__scroller").boundingBox();
  assert.ok(below.y >= scroller.y + scroller.height, "the detail sits below the timeline on a phone");
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) <= 1);
  await phone.keyboard.press("Escape");
  await phone.locator("aside.item-detail").waitFor({ state: "detached" });
  await phone.context().close();
});

test("Settings is for everyone and holds API tokens; Admin is only for admins, and says so to others", async () => {
  const navLinks = (page) => page.locator("nav[aria-label=Main] a").allTextContents();
  await alice.goto(server.url + "/");
  await alice.waitForSelector("nav[aria-label=Main]");
  assert.deepEqual(await navLinks(alice), ["Incidents", "Library", "My action items", "Settings"]);
  await alice.click("nav >> text=Settings");
  await alice.waitForSelector("h1:has-text('Settings')");
  assert.equal(new URL(alice.url()).pathname, "/settings");
  await alice.fill("#token-name", "alert importer");
  await alice.click("button:has-text('Create token')");
  await alice.waitForSelector("[role=status]:has-text('Copy it now')");
  // A member following an old link to /admin is told why there is nothing for them there.
  await alice.goto(server.url + "/admin");
  await alice.waitForSelector("h1:has-text('Admin')");
  assert.match(await alice.textContent("main"), /admin role/);
  assert.equal(await alice.locator("#users-title, #audit-title, #webhooks-title").count(), 0);
  assert.equal(await alice.locator("main a[href='/settings']").count(), 1);

  const admin = await signedIn(browser, server, server.users.admin);
  assert.deepEqual(await navLinks(admin), ["Incidents", "Library", "My action items", "Settings", "Admin"]);
  await admin.click("nav >> text=Admin");
  await admin.waitForSelector("#audit-title");
  for (const id of ["#users-title", "#rules-title", "#webhooks-title"]) assert.equal(await admin.locator(id).count(), 1, id);
  assert.equal(await admin.locator("#tokens-title").count(), 0);
  await admin.click("nav >> text=Settings");
  await admin.waitForSelector("#tokens-title");
  await admin.context().close();

  const vera = await signedIn(browser, server, server.users.vera);
  assert.deepEqual(await navLinks(vera), ["Incidents", "Library", "My action items", "Settings"]);
  await vera.context().close();
});

test("an action item's card shows its tracker link and its description as Markdown", async () => {
  const key = await newIncident({ title: "Action card" });
  await alice.goto(incidentUrl(key, "/review"));
  await alice.click("button:has-text('Add contributing factor')");
  await alice.fill("#factors-new-text", "Pool size was set for the **batch window**");
  await alice.fill("#factors-new-evidence_links", "https://grafana.example.com/d/pool");
  await alice.click("form[aria-label='New contributing factor'] button[type=submit]");
  const factor = alice.locator(".record", { hasText: "Pool size was set" });
  await factor.waitFor();
  assert.equal(await factor.locator("strong").textContent(), "batch window");
  assert.equal(await factor.locator("a.tag").getAttribute("href"), "https://grafana.example.com/d/pool");
  assert.equal(await factor.locator("a.tag").getAttribute("target"), "_blank");

  await alice.click("button:has-text('Add action item')");
  await alice.fill("#actions-new-title", "Alert on pool wait time");
  await alice.fill("#actions-new-tracker_url", "https://tracker.example.com/PAY-12");
  await alice.fill("#actions-new-description",
    "Page when **pool wait** is above 50 ms:\n\n- on checkout\n- on payments\n\n[not a link](javascript:window.__pwned=1)");
  await alice.click("form[aria-label='New action item'] button[type=submit]");
  const card = alice.locator(".record", { hasText: "Alert on pool wait time" });
  await card.waitFor();
  const tracker = card.locator("a[href='https://tracker.example.com/PAY-12']");
  assert.equal(await tracker.count(), 1);
  assert.equal(await tracker.getAttribute("rel"), "noreferrer noopener");
  assert.equal(await tracker.getAttribute("target"), "_blank");
  assert.equal(await card.locator(".markdown strong").textContent(), "pool wait");
  assert.deepEqual(await card.locator(".markdown li").allTextContents(), ["on checkout", "on payments"]);
  assert.match(await card.textContent(), /not a link/);
  assert.equal(await card.locator("a[href^='javascript:' i]").count(), 0);
});

test("comments and lessons render Markdown", async () => {
  const key = await newIncident({ title: "Comments and lessons" });
  await alice.goto(incidentUrl(key, "/review"));
  await alice.click("button:has-text('Add lesson')");
  await alice.fill("#lessons-new-title", "Limits need alerts");
  await alice.fill("#lessons-new-body", "Every limit needs an alert *before* it is reached.");
  await alice.click("form[aria-label='New lesson'] button[type=submit]");
  await alice.waitForSelector(".record:has-text('Limits need alerts') .markdown em");
  await alice.waitForSelector("#comment-body");
  await alice.fill("#comment-body", "Is `pool_size` in the **chart**?");
  await alice.click("button:has-text('Add comment')");
  const comment = alice.locator(".comment .markdown", { hasText: "in the" });
  await comment.waitFor();
  assert.equal(await comment.locator("code").textContent(), "pool_size");
  assert.equal(await comment.locator("strong").textContent(), "chart");
});

test("the Import dialog lists each kind once and names the default", async () => {
  const key = await newIncident({ title: "Import kinds" });
  await alice.goto(incidentUrl(key, "/timeline"));
  await alice.click("button:has-text('Import events')");
  await alice.locator("dialog.import-dialog").waitFor();
  const options = () => alice.locator("#import-kind option").allTextContents();
  const pasted = await options();
  assert.equal(pasted[0], "observation (default)");
  assert.equal(pasted.filter((text) => /observation/.test(text)).length, 1);
  assert.equal(new Set(pasted).size, pasted.length);
  await alice.selectOption("#import-format", "jsonl");
  const records = await options();
  assert.equal(records[0], "As each record says (default)");
  assert.equal(records.filter((text) => /observation/.test(text)).length, 1);
  await alice.keyboard.press("Escape");
});

test("messages from the server are shown as sentences", async () => {
  // A resolved SEV2 incident waits for an approval before it can be published: the server's reason.
  const key = await newIncident({ title: "Reasons as sentences", severity: "SEV2", started_at: "2026-03-14T10:00:00Z" });
  const incident = await api(`/incidents/${key}`);
  const response = await fetch(`${server.url}/api/v1/incidents/${key}`, {
    method: "PATCH",
    headers: { "Authorization": `Bearer ${server.token}`, "Content-Type": "application/json", "If-Match": `"${incident.version}"` },
    body: JSON.stringify({ status: "resolved", resolved_at: "2026-03-14T11:00:00Z" }),
  });
  assert.equal(response.status, 200, await response.text());
  await alice.goto(incidentUrl(key, "/review"));
  const blocker = alice.locator(".publish__blocker");
  await blocker.waitFor();
  assert.match((await blocker.textContent()).trim(), /^[A-Z].*[.!?]$/s);

  // A field error from the server, on the new incident form.
  await alice.goto(server.url + "/incidents/new");
  await alice.click("button:has-text('Open incident')");
  await alice.waitForSelector("#title-error");
  assert.equal((await alice.textContent("#title-error")).trim(), "Title is required.");
});

// The fields of a form row: their labels on one line and their controls on the next.
async function assertInLine(page, selectors, what) {
  const boxes = await Promise.all(selectors.map((selector) => page.locator(selector).boundingBox()));
  const tops = boxes.map((box) => Math.round(box.y));
  const heights = boxes.map((box) => Math.round(box.height));
  assert.ok(Math.max(...tops) - Math.min(...tops) <= 1, `${what}: tops ${tops}`);
  assert.ok(Math.max(...heights) - Math.min(...heights) <= 1, `${what}: heights ${heights}`);
}

test("form fields line up: decision point, moment, add a person and webhook forms", async () => {
  const key = await newIncident({ title: "Forms in line" });
  await alice.goto(incidentUrl(key, "/review"));
  await alice.click("button:has-text('Add decision point')");
  // "Who" has a hint and "When" has none: their inputs still share a line, as do their labels.
  await assertInLine(alice, ["#decisions-new-at", "#decisions-new-who"], "decision inputs");
  await assertInLine(alice, ["label[for=decisions-new-at]", "label[for=decisions-new-who]"], "decision labels");

  await alice.goto(incidentUrl(key, "/account"));
  await alice.click("button:has-text('Start my account')");
  await alice.click("button:has-text('Add a moment')");
  await assertInLine(alice, ["#new-at", "#new-uncertainty"], "moment time inputs");
  // The prompts under the labels differ in length; the text boxes start on one line.
  await assertInLine(alice, ["#new-did", "#new-saw", "#new-expected"], "moment text boxes");

  const admin = await signedIn(browser, server, server.users.admin);
  await admin.goto(server.url + "/admin");
  await admin.waitForSelector("#webhook-url");
  await assertInLine(admin, ["#user-email", "#user-name", "#user-role", "#user-password"], "add a person");
  await assertInLine(admin, ["#webhook-url", "#webhook-secret", "#webhook-description"], "webhook fields");
  // The events fieldset reads like the fields above it: its legend starts where their labels do,
  // with no frame around it.
  const legend = await admin.locator("form[aria-label='Add a webhook'] legend").boundingBox();
  const label = await admin.locator("label[for=webhook-url]").boundingBox();
  assert.ok(Math.abs(legend.x - label.x) <= 1, `legend at ${legend.x}, labels at ${label.x}`);
  assert.equal(await admin.locator("form[aria-label='Add a webhook'] fieldset").evaluate((element) => getComputedStyle(element).borderTopStyle), "none");

  // On a phone, each form fits the screen.
  await admin.setViewportSize({ width: 390, height: 844 });
  await admin.reload();
  await admin.waitForSelector("#webhook-url");
  assert.ok(await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) <= 1, "admin is wider than a phone");
  await admin.context().close();
});

test("the new pages pass the accessibility audit (axe-core, serious and critical)", async () => {
  const key = await newIncident({ title: "Audit of the new pages", summary: "**Bold** and a [link](https://example.com)." });
  await writeNarrative(alice, key, "A narrative with a *task list*:\n\n- [x] paged\n- [ ] rolled back");
  await release(alice);
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + "/");
  await page.fill("#email", "bob@example.com");
  await page.fill("#password", kPassword);
  await page.click("button[type=submit]");
  await page.waitForSelector(".incident-list");
  for (const [path, ready] of [[`/incidents/${key}/accounts`, ".account-card"], [`/incidents/${key}`, ".markdown"], ["/settings", "#tokens-title"], ["/admin", "h1:has-text('Admin')"]]) {
    await page.goto(server.url + path);
    await page.waitForSelector(ready);
    await audit(page, path);
  }
  await context.close();
});
