// End-to-end: a restricted incident. Alice opens one restricted from the start (a security
// incident); the list marks it, and Bob, named nowhere, neither finds it in the list nor reaches
// its page, which reads as an incident that does not exist. Alice names him as a reader under
// "Who can read this"; then he sees it, and the page says who else may.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { kBinary, launchBrowser, signedIn, startServer } from "./harness.mjs";

let server;
let browser;
let alice;
let bob;

before(async () => {
  server = await startServer(kBinary);
  browser = await launchBrowser();
  alice = await signedIn(browser, server, server.users.alice, { audited: true });
  bob = await signedIn(browser, server, server.users.bob, { audited: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("a restricted incident is seen by its people and the readers they name, by nobody else", async () => {
  await alice.goto(server.url + "/incidents/new");
  await alice.fill("#title", "Signing keys found in a public repository");
  await alice.check("#restricted");
  await alice.click("button[type=submit]");
  await alice.waitForURL(/\/incidents\/INC-\d{4}-\d{4}$/);
  const key = alice.url().split("/").pop();
  await alice.locator("#access-title").waitFor();
  assert.match(await alice.textContent(".incident-access"), /Restricted: only the people in it/);

  await alice.goto(server.url + "/incidents");
  const row = alice.locator(".incident-row", { hasText: key });
  assert.match(await row.textContent(), /restricted/);

  // Bob: not in the list, and its page is a missing incident's.
  await bob.goto(server.url + "/incidents");
  await bob.locator("h1").waitFor();
  assert.equal(await bob.locator(".incident-row", { hasText: key }).count(), 0);
  const direct = await bob.request.get(`${server.url}/api/v1/incidents/${key}`);
  assert.equal(direct.status(), 404);
  assert.match(await direct.text(), new RegExp(`no incident ${key}`));

  // Alice names Bob as a reader.
  await alice.goto(`${server.url}/incidents/${key}`);
  await alice.locator(".incident-access button", { hasText: "Change" }).click();
  await alice.locator(".incident-access label", { hasText: "Bob" }).locator("input").check();
  await alice.locator(".incident-access button[type=submit]").click();
  await alice.locator(".access-readers", { hasText: "Bob" }).waitFor();

  await bob.goto(`${server.url}/incidents/${key}`);
  await bob.locator("h1", { hasText: "Signing keys" }).waitFor();
  assert.match(await bob.textContent(".access-readers"), /Bob/);
});
