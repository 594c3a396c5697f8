// End-to-end: notifications. The top bar's count (refreshed when the page is looked at again and
// once a minute, no faster), the inbox (newest first, unread marked, opening one marks it read
// and lands on the part of the page it names, mark all read, older pages, the empty state), the
// ids that #fragments name (comments, also in resolved threads, and action items), and the
// notification settings in Settings: e-mail off when the server has no mail server, chat with
// its hosts, field errors beside the fields, a change made in another tab (412) reloaded and
// said, and the digest hour chosen in local time and stored in UTC.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { adminApi, audit, kBinary, launchBrowser, signedIn, startServer } from "./harness.mjs";

let server;
let browser;
let alice;
let vera;
// Users are added in this order by the harness.
const kIds = { admin: 1, alice: 2, bob: 3, vera: 4 };

const signIn = (user, options) => signedIn(browser, server, user, { audited: true, ...options });
const api = (...request) => adminApi(server, ...request);

before(async () => {
  server = await startServer(kBinary);
  browser = await launchBrowser();
  alice = await signIn(server.users.alice);
  vera = await signIn(server.users.vera);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The API as the person signed in on `page` (their session cookie and CSRF token).
async function asPerson(page, path, method = "GET", body = undefined) {
  return page.evaluate(async ({ path, method, body }) => {
    const me = await (await fetch("/api/v1/me")).json();
    const response = await fetch(`/api/v1${path}`, {
      method,
      headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrf_token },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json().catch(() => undefined) };
  }, { path, method, body });
}

const newIncident = async (fields) => (await api("/incidents", "POST", { severity: "SEV3", ...fields })).key;
// Adding someone with a login tells them: "Admin added you to …".
const addPerson = (key, userId, role = "responder") => api(`/incidents/${key}/participants`, "POST", { user_id: userId, role });

const bell = (page) => page.locator("header.top-bar a[href='/notifications']");

// Waits (polling from here, so that it works under a faked clock too) for the bell's name.
async function bellSays(page, label) {
  let said;
  for (let tries = 0; tries < 100; tries++) {
    said = await bell(page).getAttribute("aria-label");
    if (said === label) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(said, label);
}

// The element is in the viewport and has focus.
async function assertShown(page, id, what) {
  await page.waitForFunction((id) => document.activeElement?.id === id, id, { timeout: 10_000 });
  const inView = await page.evaluate((id) => {
    const box = document.getElementById(id).getBoundingClientRect();
    return box.top >= 0 && box.top < innerHeight;
  }, id);
  assert.ok(inView, `${what} is not in view`);
  assert.equal(await page.locator(`#${id}`).getAttribute("data-fragment-target"), "", `${what} is not marked`);
}

test("the inbox lists notifications newest first; opening one marks it read and lands on what it names", async () => {
  // This context keeps the CSP: the bell, the inbox and the jump to a comment work under it.
  const page = await signIn(server.users.alice, { audited: false });
  const blocked = [];
  page.on("console", (message) => { if (/Content Security Policy/i.test(message.text())) blocked.push(message.text()); });
  assert.equal(await bell(page).getAttribute("aria-label"), "Notifications");
  assert.equal(await bell(page).locator(".top-bar__count").count(), 0);

  const first = await newIncident({ title: "Checkout errors", started_at: "2026-03-14T10:00:00Z" });
  await addPerson(first, kIds.alice);
  const second = await newIncident({ title: "Search latency", started_at: "2026-03-15T10:00:00Z" });
  // Enough comments above it that the mentioned one is off screen at first.
  for (let index = 0; index < 12; index++) await api(`/incidents/${second}/comments`, "POST", { anchor: "section:general", body: `Note ${index}: a question about the graphs, long enough to take some room on the page.` });
  const comment = await api(`/incidents/${second}/comments`, "POST", { anchor: "section:general", body: "@Alice can you check the pool size?" });

  await page.reload();
  await bellSays(page, "Notifications, 2 unread");
  assert.equal((await bell(page).locator(".top-bar__count").textContent()).trim(), "2");

  await bell(page).click();
  await page.waitForSelector("h1:has-text('Notifications')");
  const items = page.locator(".notification");
  await items.first().waitFor();
  assert.equal(await items.count(), 2);
  // Newest first: the mention, then being added.
  assert.match(await items.nth(0).textContent(), /Admin mentioned you in a comment on INC-\d+-\d+: Search latency\./);
  assert.match(await items.nth(0).textContent(), /Read the comment and answer it in the review\./);
  assert.match(await items.nth(1).textContent(), /Admin added you to INC-\d+-\d+: Checkout errors\./);
  assert.match(await items.nth(1).textContent(), /Write your account while you still remember/);
  assert.equal(await items.nth(0).locator("time").count(), 1, "says when");
  assert.equal(await page.locator(".notification--unread").count(), 2);
  assert.equal(await page.locator(".notification--unread .notification__new:has-text('Unread')").count(), 2);
  assert.equal(await page.locator("a[aria-current=page][href='/notifications']").count(), 1);

  // Opening the mention marks it read and lands on the comment, in view and focused.
  await items.nth(0).locator(`a[href='/incidents/${second}/review#comment-${comment.id}']`).click();
  await page.waitForURL(`**/incidents/${second}/review#comment-${comment.id}`);
  await assertShown(page, `comment-${comment.id}`, "the mentioned comment");
  assert.match(await page.textContent(`#comment-${comment.id}`), /can you check the pool size/);
  await bellSays(page, "Notifications, 1 unread");

  await page.goBack();
  await page.waitForSelector(".notification");
  assert.equal(await page.locator(".notification--unread").count(), 1);
  assert.match(await page.locator(".notification--unread").textContent(), /added you to/);

  await page.click("button:has-text('Mark all read')");
  await page.waitForSelector("[role=status]:has-text('All your notifications are marked read.')");
  assert.equal(await page.locator(".notification--unread").count(), 0);
  assert.equal(await bell(page).getAttribute("aria-label"), "Notifications");
  assert.equal(await page.locator("button:has-text('Mark all read')").isDisabled(), true);
  const stored = await asPerson(page, "/me/notifications");
  assert.equal(stored.body.unread, 0);
  assert.ok(stored.body.items.every((item) => item.read_at));

  // The other one opens My account.
  await page.click(`.notification a[href='/incidents/${first}/account']`);
  await page.waitForURL(`**/incidents/${first}/account`);
  assert.deepEqual(blocked, [], "nothing was blocked by the CSP");
  await page.context().close();
});

test("the inbox passes the audit, and says what will show up when there is nothing yet", async () => {
  await alice.goto(server.url + "/notifications");
  await alice.waitForSelector(".notification");
  await audit(alice, "inbox");
  await vera.goto(server.url + "/notifications");
  const empty = vera.locator(".state--empty");
  await empty.waitFor();
  assert.match(await empty.textContent(), /No notifications yet\..*adds you to an incident.*asks you to review.*mentions you in a comment.*action item you own is due or overdue/s);
  assert.equal(await empty.locator("a[href='/settings#notifications-title']").count(), 1);
  assert.equal(await vera.locator("button:has-text('Mark all read')").count(), 0);
  await audit(vera, "empty inbox");
  // The link to the settings lands on them.
  await empty.locator("a[href='/settings#notifications-title']").click();
  await assertShown(vera, "notifications-title", "the notification settings");
});

test("older notifications come a page at a time", async () => {
  const bob = await signIn(server.users.bob, { audited: false });
  for (let index = 0; index < 23; index++) await addPerson(await newIncident({ title: `Paging ${index}` }), kIds.bob);
  await bob.goto(server.url + "/notifications");
  await bob.waitForSelector(".notification");
  assert.equal(await bob.locator(".notification").count(), 20);
  assert.match(await bob.locator(".notification").first().textContent(), /Paging 22\./);
  await bob.click("button:has-text('Show older notifications')");
  await bob.waitForFunction(() => document.querySelectorAll(".notification").length === 23);
  const ids = await bob.locator(".notification").evaluateAll((items) => items.map((item) => Number(item.dataset.notificationId)));
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a), "newest first, across pages");
  assert.equal(new Set(ids).size, 23, "no notification twice");
  assert.match(await bob.locator(".notification").last().textContent(), /Paging 0\./);
  assert.equal(await bob.locator("button:has-text('Show older notifications')").count(), 0, "the last page has no more");
  assert.equal(await bell(bob).getAttribute("aria-label"), "Notifications, 23 unread");
  await bob.context().close();
});

test("the count is asked for when the page is looked at again and once a minute, no more often", async () => {
  const asked = [];
  const page = await signIn(server.users.alice, {
    audited: false,
    setUp: (context) => context.clock.install(),
  });
  page.on("request", (request) => { if (new URL(request.url()).pathname === "/api/v1/me/notifications") asked.push(Date.now()); });
  await bellSays(page, "Notifications");

  // Someone adds Alice: the count shows up within the minute, without a reload.
  await addPerson(await newIncident({ title: "Told within a minute" }), kIds.alice);
  await page.clock.runFor(61_000);
  await bellSays(page, "Notifications, 1 unread");

  // Coming back to the page asks at once.
  await addPerson(await newIncident({ title: "Told on focus" }), kIds.alice);
  await page.clock.fastForward(10_000);
  await page.evaluate(() => dispatchEvent(new Event("focus")));
  await bellSays(page, "Notifications, 2 unread");

  // Ten idle minutes: about ten questions, not a stream.
  asked.length = 0;
  await page.clock.runFor(10 * 60_000);
  await page.waitForTimeout(300);
  assert.ok(asked.length >= 9 && asked.length <= 11, `asked ${asked.length} times in ten minutes`);
  await page.context().close();
});

test("links to an action item and to a comment in a resolved thread land on them", async () => {
  const key = await newIncident({ title: "Fragments" });
  const action = await api(`/incidents/${key}/actions`, "POST", { title: "Alert on pool saturation", owner_id: kIds.alice, due_on: "2026-01-01" });
  const comment = await api(`/incidents/${key}/comments`, "POST", { anchor: "section:actions", body: "Settled: the alert is enough." });
  await api(`/incidents/${key}/comments/${comment.id}`, "PATCH", { resolved: true }, { "If-Match": `"${comment.version}"` });

  await alice.goto(`${server.url}/incidents/${key}/review#action-${action.id}`);
  await assertShown(alice, `action-${action.id}`, "the action item");
  assert.match(await alice.textContent(`#action-${action.id}`), /Alert on pool saturation/);

  await alice.goto(`${server.url}/incidents/${key}/review#comment-${comment.id}`);
  await assertShown(alice, `comment-${comment.id}`, "the resolved comment");
  assert.match(await alice.textContent(".comments"), /Hide resolved comments/);
});

test("Settings: e-mail is off without a mail server, chat needs an allowed webhook, field errors sit by their fields", async () => {
  await alice.goto(server.url + "/settings");
  const section = alice.locator("section[aria-labelledby=notifications-title]");
  await section.locator("form").waitFor();
  assert.match(await section.textContent(), /always on/);
  assert.match(await section.textContent(), /E-mail is not set up on this server/);
  assert.equal(await section.locator("tbody tr").count(), 7, "one row per kind");
  assert.deepEqual(await section.locator("tbody td:nth-child(2)").allTextContents(), Array(7).fill("Always"));
  for (const box of await section.locator("input[aria-label^='E-mail:']").all()) assert.equal(await box.isDisabled(), true);
  assert.equal(await alice.locator("#notify-digest").isDisabled(), true);
  assert.match(await alice.textContent("#notify-chat-url-hint"), /hooks\.slack\.com/);
  assert.deepEqual(await alice.locator("#notify-chat-format option").allTextContents(), ["Slack", "Mattermost", "Microsoft Teams"]);

  // Chat without an address.
  await alice.check("input[aria-label='Chat: A comment mentions you']");
  await alice.click("button:has-text('Save notification settings')");
  await alice.waitForSelector("#notify-chat-url-error");
  assert.equal((await alice.textContent("#notify-chat-url-error")).trim(), "The webhook address is needed to send notifications to chat.");
  assert.match(await alice.getAttribute("#notify-chat-url", "aria-describedby"), /notify-chat-url-error/);
  // An address on a host the server does not send to.
  await alice.fill("#notify-chat-url", "https://chat.evil.example.com/hooks/1");
  await alice.click("button:has-text('Save notification settings')");
  await alice.waitForFunction(() => /hooks\.slack\.com/.test(document.querySelector("#notify-chat-url-error")?.textContent ?? ""));
  assert.match(await alice.textContent("#notify-chat-url-error"), /^The webhook address must be an https address/);
  await audit(alice, "notification settings with a field error");

  await alice.fill("#notify-chat-url", "https://hooks.slack.com/services/T000/B000/XXXX");
  await alice.selectOption("#notify-chat-format", "mattermost");
  await alice.click("button:has-text('Save notification settings')");
  await alice.waitForSelector("[role=status]:has-text('Saved your notification settings.')");
  assert.equal(await alice.locator("#notify-chat-url-error").count(), 0);
  const saved = (await asPerson(alice, "/me/notification-settings")).body;
  assert.deepEqual(saved.chat_kinds, ["mentioned"]);
  assert.equal(saved.chat_webhook_url, "https://hooks.slack.com/services/T000/B000/XXXX");
  assert.equal(saved.chat_format, "mattermost");
  assert.equal(saved.version, 1);
  await alice.reload();
  await alice.waitForSelector("#notify-chat-url");
  assert.equal(await alice.isChecked("input[aria-label='Chat: A comment mentions you']"), true);
  assert.equal(await alice.inputValue("#notify-chat-format"), "mattermost");
});

test("Settings: a change saved in another tab meanwhile is reloaded and said, not overwritten", async () => {
  const other = await alice.context().newPage();
  await other.goto(server.url + "/settings");
  await other.waitForSelector("#notify-chat-url");
  await alice.goto(server.url + "/settings");
  await alice.waitForSelector("#notify-chat-url");

  // The other tab saves first.
  await other.check("input[aria-label='Chat: You are asked to review']");
  await other.click("button:has-text('Save notification settings')");
  await other.waitForSelector("[role=status]:has-text('Saved')");

  await alice.selectOption("#notify-chat-format", "teams");
  await alice.click("button:has-text('Save notification settings')");
  const alert = alice.locator("section[aria-labelledby=notifications-title] [role=alert]");
  await alert.waitFor();
  assert.match(await alert.textContent(), /changed somewhere else \(in another tab, perhaps\).*make your change again/s);
  // The form now shows what the other tab saved, and nothing of it was lost.
  assert.equal(await alice.isChecked("input[aria-label='Chat: You are asked to review']"), true);
  assert.equal(await alice.inputValue("#notify-chat-format"), "mattermost");
  const stored = (await asPerson(alice, "/me/notification-settings")).body;
  assert.deepEqual(stored.chat_kinds.sort(), ["mentioned", "review_requested"]);
  await audit(alice, "notification settings after a conflict");

  // Made again, it saves.
  await alice.selectOption("#notify-chat-format", "teams");
  await alice.click("button:has-text('Save notification settings')");
  await alice.waitForSelector("[role=status]:has-text('Saved your notification settings.')");
  assert.equal((await asPerson(alice, "/me/notification-settings")).body.chat_format, "teams");
  await other.close();
});

test("Settings with a mail server: e-mail per kind, and the digest hour chosen in local time is stored in UTC", async () => {
  const mailed = await startServer(kBinary, { serveArgs: ["--smtp-url", "smtp://127.0.0.1:9", "--smtp-from", "debrief <debrief@example.com>", "--smtp-starttls", "off"] });
  // A 24-hour clock, so that the times can be read here whatever the machine's locale.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: "Europe/Berlin", locale: "en-GB", bypassCSP: true });
  const page = await context.newPage();
  page.on("pageerror", (error) => { throw error; });
  try {
    await page.goto(mailed.url + "/");
    await page.fill("#email", mailed.users.bob.email);
    await page.fill("#password", mailed.users.bob.password);
    await page.click("button[type=submit]");
    await page.waitForSelector("h1:has-text('Incidents')");
    await page.goto(mailed.url + "/settings");
    await page.waitForSelector("#notify-digest");
    assert.doesNotMatch(await page.textContent("section[aria-labelledby=notifications-title]"), /E-mail is not set up/);
    assert.equal(await page.locator("#notify-digest").isDisabled(), false);
    assert.match(await page.textContent("#notify-digest-hint"), /Europe\/Berlin/);
    // Berlin's day, from midnight: the first choice is 00:00 there.
    const options = await page.locator("#notify-digest option").allTextContents();
    assert.equal(options[0], "One e-mail for each notification");
    assert.equal(options.length, 25);
    assert.match(options[1], /^Daily digest at 00:00 \((22|23):00 UTC\)$/);
    const eight = options.find((text) => /^Daily digest at 08:00 /.test(text));
    const utcHour = Number(/\((\d\d):00 UTC\)/.exec(eight)[1]);
    assert.ok(utcHour === 6 || utcHour === 7, eight);

    await page.selectOption("#notify-digest", { label: eight });
    await page.uncheck("input[aria-label='E-mail: A colleague shares or releases their account']");
    await page.click("button:has-text('Save notification settings')");
    await page.waitForSelector("[role=status]:has-text('Saved your notification settings.')");
    const saved = await page.evaluate(async () => (await fetch("/api/v1/me/notification-settings")).json());
    assert.equal(saved.email_digest_hour, utcHour);
    assert.equal(saved.email_available, true);
    assert.ok(!saved.email_kinds.includes("account_released"));
    assert.equal(saved.email_kinds.length, 6);
    await page.reload();
    await page.waitForSelector("#notify-digest");
    assert.equal(await page.inputValue("#notify-digest"), String(utcHour));
    await audit(page, "notification settings with e-mail");
  } finally {
    await context.close();
    await mailed.stop();
  }
});
