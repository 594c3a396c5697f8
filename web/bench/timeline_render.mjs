// Measures how long the timeline page takes to render an incident of ITEMS items (default 500)
// after its data arrives, in headless Chromium, with the Performance API marks the page sets.
// Prints each run and the median. Usage: node bench/timeline_render.mjs [ITEMS] [RUNS]
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser, signedIn, startServer } from "../e2e/harness.mjs";

const items = Number(process.argv[2] ?? 500);
const runs = Number(process.argv[3] ?? 7);
const binary = process.env.DEBRIEF_BINARY ?? join(dirname(fileURLToPath(import.meta.url)), "../../build/src/server/debrief");

const server = await startServer(binary);
const headers = { Authorization: `Bearer ${server.token}`, "Content-Type": "application/json" };
const post = async (path, body) => {
  const response = await fetch(server.url + "/api/v1" + path, { method: "POST", headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
};
const incident = await post("/incidents", { title: "Render benchmark", severity: "SEV3", started_at: "2026-03-14T00:00:00Z" });
const account = await post(`/incidents/${incident.key}/accounts`, { visibility: "in_review" });
const kinds = ["alert", "change", "communication", "action"];
for (let index = 0; index < items; index++) {
  const at = new Date(Date.parse("2026-03-14T00:00:00Z") + index * 45_000).toISOString();
  if (index % 2 === 0) {
    await post(`/incidents/${incident.key}/events`, { at, kind: kinds[index % 4], text: `Event ${index}: PaymentsHighErrorRate firing for checkout` });
  } else {
    await post(`/incidents/${incident.key}/accounts/${account.id}/entries`, { at, uncertainty_minutes: 2, did: `Step ${index}: checked the pool dashboard`, saw: "Pool wait above 4 s" });
  }
}

const browser = await launchBrowser();
const page = await signedIn(browser, server, server.users.admin);
const durations = [];
for (let run = 0; run < runs; run++) {
  await page.goto(`${server.url}/incidents/${incident.key}/timeline`);
  await page.waitForFunction(() => performance.getEntriesByName("timeline:render").length > 0);
  const duration = await page.evaluate(() => performance.getEntriesByName("timeline:render")[0].duration);
  durations.push(duration);
  console.log(`run ${run + 1}: ${duration.toFixed(1)} ms`);
}
durations.sort((a, b) => a - b);
console.log(`median render of ${items} items after data arrived: ${durations[Math.floor(durations.length / 2)].toFixed(1)} ms`);
await browser.close();
await server.stop();
