// Starts the real debrief binary on a free loopback port with a fresh SQLite file, adds users
// through its CLI, and launches Debian's Chromium through playwright-core with a fresh profile.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

export const kPassword = "correct horse battery staple";

// `serveArgs` go to `debrief serve` as well (a mail server, chat webhook hosts).
export async function startServer(binary, { serveArgs = [] } = {}) {
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
  const token = spawnSync(binary, ["user", "token", "create", "admin@example.com", "--db", database],
    { encoding: "utf8" }).stdout.trim();
  const server = spawn(binary, ["serve", "--db", database, "--listen", "127.0.0.1:0", ...serveArgs],
    { stdio: ["ignore", "pipe", "inherit"] });
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

// A new browser context (its own cookies), signed in as `user`.
export async function signedIn(browser, server, user) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: "Europe/Berlin" });
  const page = await context.newPage();
  page.on("pageerror", (error) => { throw error; });
  await page.goto(server.url + "/");
  await page.fill("#email", user.email);
  await page.fill("#password", user.password);
  await page.click("button[type=submit]");
  await page.waitForSelector("h1:has-text('Incidents')");
  return page;
}
