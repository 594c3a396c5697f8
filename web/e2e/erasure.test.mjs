// End-to-end: an admin erases one of the demo's people on request. The admin page asks for the
// address to be typed before it acts, then says what changed; the person's released account
// stays on the incident under the label, and their name is nowhere on its page.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { adminApi, kBinary, launchBrowser, signedIn, startServer } from "./harness.mjs";

let server;
let browser;
let admin;

before(async () => {
  server = await startServer(kBinary, { demo: true });
  browser = await launchBrowser();
  admin = await signedIn(browser, server, server.users.admin, { audited: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("an admin erases a person: the label stands in everywhere, their released account stays", async () => {
  await admin.goto(server.url + "/admin");
  const row = admin.locator("tr", { hasText: "priya@example.com" });
  await row.locator("button", { hasText: "Erase…" }).click();
  const erase = row.locator("button", { hasText: "Erase for good" });
  assert.equal(await erase.isDisabled(), true, "nothing happens before the address is typed");
  await row.locator("input[id$=-confirm]").fill("priya@example.com");
  await erase.click();
  const summary = admin.locator("[role=status]", { hasText: "Erased: now" });
  await summary.waitFor();
  assert.match(await summary.textContent(), /erased person \d+/);
  assert.match(await summary.textContent(), /released accounts kept under the label/);
  await admin.locator("tr", { hasText: "erased-" }).waitFor();
  assert.equal(await admin.locator("tr", { hasText: "priya@example.com" }).count(), 0);

  const incidents = await adminApi(server, "/incidents");
  for (const incident of incidents.items) {
    await admin.goto(`${server.url}/incidents/${incident.key}`);
    await admin.locator("h1").waitFor();
    await admin.waitForLoadState("networkidle");
    const text = await admin.textContent("main");
    assert.doesNotMatch(text, /Priya|Raman/, `${incident.key} still names her`);
  }
});
