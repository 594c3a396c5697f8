// End-to-end: debrief behind an authenticating proxy (a real HAProxy whose userlist checks
// people's passwords and names them in X-Forwarded-Email), in a real browser: the person lands
// signed in with the role their groups give, writes from debrief's own pages go through, and
// Sign out goes to the proxy's sign-out page.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { kBinary, launchBrowser, startServer } from "./harness.mjs";
import { freePort } from "./identity_provider.mjs";

const kHaproxy = "/usr/sbin/haproxy";
const skip = existsSync(kHaproxy) ? false : "haproxy is not installed (make test installs it)";

let server;
let browser;
let proxy;
let proxyUrl;
let folder;

async function answers(port) {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => { socket.end(); resolve(true); });
    socket.on("error", () => resolve(false));
  });
}

before(async () => {
  if (skip) return;
  folder = mkdtempSync(join(tmpdir(), "debrief-e2e-proxy-"));
  server = await startServer(kBinary, {
    serveArgs: ["--auth-proxy-header", "X-Forwarded-Email", "--auth-proxy-addresses", "127.0.0.2",
      "--auth-proxy-name-header", "X-Forwarded-Name", "--auth-proxy-groups-header", "X-Forwarded-Groups",
      "--auth-proxy-role-map", "sre=member", "--auth-proxy-sign-out-url", "/signed-out"],
  });
  const port = await freePort();
  proxyUrl = `http://127.0.0.1:${port}`;
  const backend = new URL(server.url);
  writeFileSync(join(folder, "groups.map"), "nia@example.com sre\n");
  writeFileSync(join(folder, "names.map"), "nia@example.com Nia Okoro\n");
  writeFileSync(join(folder, "haproxy.cfg"), `global
  maxconn 100
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
userlist people
  user nia@example.com insecure-password nia-pw
frontend people_in
  bind 127.0.0.1:${port}
  http-request return status 200 content-type text/html string "<h1>Signed out at the proxy</h1>" if { path /signed-out }
  http-request del-header X-Forwarded-Email
  http-request del-header X-Forwarded-Name
  http-request del-header X-Forwarded-Groups
  http-request auth realm debrief unless { http_auth(people) }
  http-request set-header X-Forwarded-Email %[http_auth_user]
  http-request set-header X-Forwarded-Name %[http_auth_user,map(${join(folder, "names.map")})]
  http-request set-header X-Forwarded-Groups %[http_auth_user,map(${join(folder, "groups.map")})]
  http-request del-header Authorization
  default_backend debrief
backend debrief
  server debrief ${backend.hostname}:${backend.port} source 127.0.0.2
`);
  proxy = spawn(kHaproxy, ["-db", "-f", join(folder, "haproxy.cfg")], { stdio: ["ignore", "ignore", "inherit"] });
  for (let attempt = 0; attempt < 100 && !(await answers(port)); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (proxy) {
    proxy.kill("SIGTERM");
    await new Promise((resolve) => proxy.on("exit", resolve));
  }
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test("the person the proxy names is signed in, writes, and signs out at the proxy", { skip }, async () => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    httpCredentials: { username: "nia@example.com", password: "nia-pw" },
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => { throw error; });
  await page.goto(proxyUrl + "/");
  await page.waitForSelector("h1:has-text('Incidents')");
  assert.equal(await page.textContent(".top-bar__user .badge"), "member");
  assert.match(await page.textContent(".top-bar__user"), /Nia Okoro/);
  // A write from debrief's own page: the browser says where it comes from.
  const created = await page.evaluate(async () => {
    const response = await fetch("/api/v1/incidents", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ title: "Checkout latency", severity: "SEV3" }),
    });
    return response.status;
  });
  assert.equal(created, 201);
  await page.click("text=Sign out");
  await page.waitForSelector("text=Signed out at the proxy");
  await context.close();
});
