// End-to-end: a team's first week with debrief, through the UI alone (the harness only adds the
// people). Alice opens an incident and adds Bob; both write their accounts, which disagree about
// when the same moment happened, and release them; the timeline flags the disagreement; Alice
// imports the alerts with the Alertmanager preset; Bob's inbox tells him he was added and that
// Alice's account is there to read; the incident is resolved, Bob approves the review, Alice
// publishes it, and the library finds it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { kAlertmanagerNotification } from "./fixtures.mjs";
import { kBinary, launchBrowser, signedIn, startServer } from "./harness.mjs";

let server;
let browser;

before(async () => {
  server = await startServer(kBinary);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Sets the account's visibility to "in review" and waits for the server to confirm it.
async function release(page) {
  const saved = page.waitForResponse((response) =>
    response.request().method() === "PATCH" && /\/accounts\/\d+$/.test(response.url()) && response.ok());
  await page.check("input[value=in_review]");
  await saved;
}

// Adds a moment to the signed-in person's account, linked as the same moment as another's.
async function addMoment(page, at, did, sameAs) {
  await page.click("button:has-text('Add a moment')");
  await page.fill("#new-at", at);
  await page.fill("#new-did", did);
  if (sameAs) {
    await page.waitForSelector(`#new-same-as option:has-text('${sameAs}')`, { state: "attached" });
    await page.selectOption("#new-same-as", { label: await page.locator(`#new-same-as option:has-text('${sameAs}')`).textContent() });
  }
  await page.click("button:has-text('Add moment')");
  await page.waitForFunction((text) => [...document.querySelectorAll(".entries textarea")].some((area) => area.value === text), did);
}

test("a first week: an incident, two accounts that disagree, imported alerts, notifications, approval, publishing and the library", async () => {
  const alice = await signedIn(browser, server, server.users.alice);
  const bob = await signedIn(browser, server, server.users.bob);
  const title = "Checkout timeouts while the connection pool was exhausted";

  // Alice opens the incident.
  await alice.click("text=New incident");
  await alice.fill("#title", title);
  await alice.selectOption("#severity", "SEV2");
  await alice.fill("#services", "checkout");
  await alice.fill("#started_at", "2026-03-14T11:00");
  await alice.click("button:has-text('Open incident')");
  await alice.waitForSelector(`h1:has-text('${title}')`);
  const incidentUrl = alice.url();
  const key = incidentUrl.split("/").pop();

  // She adds Bob from the directory.
  await alice.click("button:has-text('Add a person')");
  await alice.waitForSelector("#add-person option:has-text('Bob')", { state: "attached" });
  await alice.selectOption("#add-person", { label: "Bob" });
  await alice.selectOption("#add-role", "responder");
  await alice.click("form[aria-label='Add a person'] button:has-text('Add')");
  await alice.waitForSelector(".people li:has-text('Bob')");

  // Alice writes her account and releases it to the review.
  await alice.goto(incidentUrl + "/account");
  await alice.click("button:has-text('Start my account')");
  await addMoment(alice, "2026-03-14T11:07", "Acknowledged the page for checkout timeouts");
  await release(alice);

  // Bob's inbox says he was added, and that Alice's account is there to read.
  await bob.reload();
  await bob.waitForSelector(".top-bar__notifications[aria-label='Notifications, 2 unread']");
  await bob.click(".top-bar__notifications");
  await bob.waitForSelector("h1:has-text('Notifications')");
  const inbox = bob.locator(".notification");
  await inbox.nth(1).waitFor();
  assert.match(await inbox.nth(0).textContent(), new RegExp(`Alice released their account of ${key}.* to the review`));
  assert.match(await inbox.nth(1).textContent(), new RegExp(`Alice added you to ${key}`));
  assert.match(await inbox.nth(1).textContent(), /Write your account while you still remember/);

  // The notification takes him to his account; he remembers the same moment 13 minutes later.
  await inbox.nth(1).locator("a").click();
  await bob.waitForSelector("button:has-text('Start my account')");
  assert.equal(new URL(bob.url()).pathname, `/incidents/${key}/account`);
  await bob.click("button:has-text('Start my account')");
  await addMoment(bob, "2026-03-14T11:20", "Got paged and joined the incident channel", "Acknowledged the page");
  await release(bob);

  // The timeline shows both lanes and flags where they disagree.
  await alice.goto(incidentUrl + "/timeline");
  await alice.waitForSelector(".discrepancies");
  assert.equal(await alice.locator(".timeline__lane-head").count(), 2);
  assert.match(await alice.textContent(".discrepancies"), /Bob .* and Alice .* describe the same moment 13 min apart/);
  assert.equal(await alice.locator(".timeline-item--flagged").count(), 2);

  // Alice imports the alerts with the Alertmanager preset.
  await alice.click("button:has-text('Import events')");
  await alice.locator("dialog.import-dialog").waitFor();
  await alice.selectOption("#import-format", "alertmanager");
  await alice.setInputFiles("#import-file", {
    name: "alerts.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify([kAlertmanagerNotification])),
  });
  await alice.waitForSelector("#import-file-hint:has-text('Read alerts.json')");
  await alice.click("dialog button:has-text('Preview')");
  await alice.waitForSelector(".import-preview [role=status]:has-text('3 of 3 events are new')");
  await alice.click("dialog button:has-text('Import 3 events')");
  await alice.waitForSelector("[role=status]:has-text('Imported 3 events')");
  await alice.waitForSelector(".timeline-item:has-text('PoolExhausted firing')");

  // The incident is resolved; a SEV2 review is approved by someone else before it is published.
  await alice.goto(incidentUrl);
  await alice.click(".card__header button:has-text('Edit')");
  await alice.selectOption("#edit-status", "resolved");
  await alice.fill("#edit-resolved_at", "2026-03-14T11:40");
  await alice.click("button[type=submit]:has-text('Save')");
  await alice.waitForSelector(".card__header button:has-text('Edit')");
  await alice.goto(incidentUrl + "/review");
  await alice.click(".workflow button:has-text('Ask for review')");
  await alice.check(".workflow__person:has-text('Bob') input");
  await alice.click(".workflow__choose button:has-text('to review')");
  await alice.waitForSelector(".workflow__reviewer:has-text('Bob has not decided yet')");

  // Bob is asked in his inbox, opens the review from there and approves it.
  await bob.goto(server.url + "/notifications");
  const request = bob.locator(".notification", { hasText: "review" }).first();
  await request.waitFor();
  await request.locator("a").click();
  await bob.waitForSelector(".workflow__decide");
  await bob.fill("#review-note", "Clear, and the alerts line up with both accounts.");
  await bob.click(".workflow__decide button:has-text('Approve')");
  await bob.waitForSelector(".workflow__reviewer--approved");

  // Alice publishes: once any language findings are read, if the checker found some.
  await alice.reload();
  await alice.waitForSelector(".workflow__reviewer--approved");
  const publish = alice.locator(".publish button.button--primary");
  await publish.waitFor();
  if (await alice.locator(".publish__acknowledge").count()) await alice.check(".publish__acknowledge input");
  await alice.waitForFunction(() => !document.querySelector(".publish button.button--primary")?.disabled);
  await publish.click();
  await alice.waitForSelector(".publish__versions li:has-text('Version 1')");
  await alice.waitForSelector(".badge:has-text('Published')");

  // The library finds it.
  await alice.click("nav[aria-label=Main] a:has-text('Library')");
  await alice.fill("#library-q", "connection pool");
  await alice.press("#library-q", "Enter");
  const hit = alice.locator(".library-hit", { hasText: title });
  await hit.waitFor();
  assert.match(await hit.textContent(), new RegExp(key));
});
