// Starts the real debrief binary on a free loopback port with a fresh SQLite file, adds users
// through its CLI, and launches Debian's Chromium through playwright-core with a fresh profile.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

// The binary under test: DEBRIEF_BINARY (set by CTest), else the default build's.
export const kBinary = process.env.DEBRIEF_BINARY ??
  join(dirname(fileURLToPath(import.meta.url)), "../../build/src/server/debrief");
const kAxePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export const kPassword = "correct horse battery staple";

// `serveArgs` go to `debrief serve` as well (a mail server, chat webhook hosts), with `env` added
// to its environment; `demo` adds the example incidents (`debrief demo`) after the users;
// `listen` fixes the address (a free loopback port otherwise).
export async function startServer(binary, { serveArgs = [], demo = false, env = {}, listen = "127.0.0.1:0" } = {}) {
  const directory = mkdtempSync(join(tmpdir(), "debrief-e2e-"));
  const database = join(directory, "e2e.db");
  const users = {};
  for (const [name, role] of [["admin", "admin"], ["alice", "member"], ["bob", "member"], ["vera", "viewer"]]) {
    const email = `${name}@example.com`;
    const result = spawnSync(binary, ["user", "add", "--db", database, "--email", email,
      "--name", name[0].toUpperCase() + name.slice(1), "--role", role, "--password-stdin"],
      { input: `${kPassword}\n`, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`user add failed: ${result.stderr}`);
    users[name] = { email, password: kPassword };
  }
  if (demo) {
    const result = spawnSync(binary, ["demo", "--db", database], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`demo failed: ${result.stderr}`);
  }
  const token = spawnSync(binary, ["user", "token", "create", "admin@example.com", "--db", database],
    { encoding: "utf8" }).stdout.trim();
  const server = spawn(binary, ["serve", "--db", database, "--listen", listen, ...serveArgs],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } });
  const lines = createInterface({ input: server.stdout });
  const url = await new Promise((resolve, reject) => {
    lines.on("line", (line) => {
      try {
        const event = JSON.parse(line);
        if (event.event === "listening") resolve(event.detail);
      } catch {
        // Access-log lines and others: not ours to parse here.
      }
    });
    server.on("exit", (code) => reject(new Error(`debrief serve exited with ${code}`)));
  });
  lines.on("line", () => {});
  return {
    url, users, token,
    async stop() {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.on("exit", resolve));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

// A new browser context (its own cookies), signed in as `user`. `audited` lets audit() inject
// axe-core past the CSP; `setUp(context)` runs before the first page opens (routes, clocks).
export async function signedIn(browser, server, user, { audited = false, setUp } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: "Europe/Berlin", bypassCSP: audited });
  if (setUp) await setUp(context);
  const page = await context.newPage();
  page.on("pageerror", (error) => { throw error; });
  await page.goto(server.url + "/");
  await page.fill("#email", user.email);
  await page.fill("#password", user.password);
  await page.click("button[type=submit]");
  await page.waitForSelector("h1:has-text('Incidents')");
  return page;
}

// The API as the admin (the harness's token), for setting up what a test needs; a failure fails
// the test with the server's answer.
export async function adminApi(server, path, method = "GET", body = undefined, headers = {}) {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { "Authorization": `Bearer ${server.token}`, "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

// No serious or critical axe-core violation on the page as it is now (its context signed in with
// `audited`).
export async function audit(page, name) {
  await page.addScriptTag({ path: kAxePath });
  const violations = await page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { resultTypes: ["violations"] });
    return violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(", ")}`);
  });
  assert.deepEqual(violations, [], `${name}: ${violations.join("; ")}`);
}
