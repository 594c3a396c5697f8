// A working week on a server holding the demo incidents, through the HTTP API alone, reaching
// every route at least once with success: an incident opened and written up (participants,
// events, imports, alerts from Alertmanager, accounts, decisions, factors, work as done,
// actions, lessons, answers to the template's questions, comments), resolved, reviewed,
// published, reopened and published again; the library, notifications, tokens, users, review
// rules and templates, webhooks and alert hooks around it; and a few requests refused on
// purpose, so that error documents are seen too. exercise() answers with the OpenAPI document
// and the routes no call reached with success (uncovered()).

import assert from "node:assert/strict";
import { signInAtProvider } from "../e2e/identity_provider.mjs";

const kSeverity = "SEV3";
const kRuleSeverity = "SEV4";
const kQuestion = "What made the pool limit hard to see before the campaign?";
const kDay = "2026-03-14";

// Calls that must succeed, or must fail with a given status; either way the exchange is kept.
function expectations(api) {
  const succeeded = (exchange) => {
    if (!succeededWith(exchange.status)) {
      throw new Error(`${exchange.method} ${exchange.path}: expected success, got ${exchange.status} ${exchange.text}`);
    }
    return exchange;
  };
  return {
    ok: async (method, pattern, params, options) => succeeded(await api.call(method, pattern, params, options)),
    bearer: async (method, pattern, params, options) => succeeded(await api.bearer(method, pattern, params, options)),
    // `statuses`: one status or a list of those that are right.
    fails: async (statuses, method, pattern, params = {}, options = {}) => {
      const exchange = await api.call(method, pattern, params, { ...options, expectError: true });
      const expected = [statuses].flat();
      if (!expected.includes(exchange.status)) {
        throw new Error(`${method} ${exchange.path}: expected ${expected.join(" or ")}, got ${exchange.status} ${exchange.text}`);
      }
      return exchange;
    },
  };
}

const ifMatch = (version) => ({ "If-Match": `"${version}"` });
const kCreate = { "If-None-Match": "*" };

// Success: a 2xx, or the 303 with which sign-in routes send a browser on.
const succeededWith = (status) => (status >= 200 && status < 300) || status === 303;

// "METHOD pattern" of every operation of the document that no exchange answered with success.
export function uncovered(doc, exchanges) {
  const reached = new Set(exchanges.filter((exchange) => succeededWith(exchange.status))
    .map((exchange) => `${exchange.method} ${exchange.pattern}`));
  const methods = ["get", "put", "post", "delete", "patch", "head", "options"];
  const missing = [];
  for (const [pattern, operations] of Object.entries(doc.paths)) {
    for (const method of Object.keys(operations).filter((name) => methods.includes(name))) {
      const route = `${method.toUpperCase()} ${pattern}`;
      if (!reached.has(route)) missing.push(route);
    }
  }
  return missing;
}

export async function exercise(api, server) {
  const calls = expectations(api);
  const openapi = (await calls.ok("GET", "/api/v1/openapi.json")).json;
  await probeSystem(calls);
  await signInThroughProvider(calls, server);
  await provisionUsers(calls, server);
  const people = await lookUpPeople(calls, server);
  await administerUsers(calls);
  await manageTokens(calls, people);
  await checkLanguage(calls);
  await setReviewRule(calls);
  const template = await setReviewTemplate(calls);
  const key = await openIncident(calls);
  const state = { key, people, template };
  await addParticipants(calls, state);
  await restrictAndOpen(calls, state);
  await recordEvents(calls, state);
  await importTimeline(calls, state);
  state.alertHook = await receiveAlerts(calls, state);
  await writeAnalysis(calls, state);
  await writeAccounts(calls, state);
  await readTimelines(calls, state);
  await facilitate(calls, state);
  await discuss(calls, state);
  await readNotifications(calls);
  await resolveAndReview(calls, state);
  await answerPulse(calls, state);
  state.webhook = await addWebhook(calls);
  await publishTwice(calls, state);
  await exportReview(calls, state);
  await retryDeliveries(calls, state);
  await browseLibrary(calls, state);
  await importPostmortem(calls);
  await refuseOnPurpose(calls, state);
  await signOutElsewhere(calls, api);
  await cleanUp(calls, state);
  return { openapi, uncovered: uncovered(openapi, api.exchanges) };
}

async function probeSystem({ ok }) {
  await ok("GET", "/healthz", {}, { as: null });
  await ok("GET", "/readyz", {}, { as: null });
  await ok("GET", "/metrics");
}

// The identity provider provisions someone over SCIM, finds them, changes and deprovisions them.
async function provisionUsers({ ok }, server) {
  const scim = { as: null, headers: { Authorization: `Bearer ${server.scimToken}`, "Content-Type": "application/scim+json" } };
  await ok("GET", "/scim/v2/ServiceProviderConfig", {}, scim);
  const none = await ok("GET", "/scim/v2/Users", {}, { ...scim, query: { filter: 'userName eq "pat.lee@example.com"' } });
  assert.equal(none.json.totalResults, 0);
  const resource = {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "pat.lee@example.com",
    name: { givenName: "Pat", familyName: "Lee" }, active: true,
  };
  const id = (await ok("POST", "/scim/v2/Users", {}, { ...scim, body: resource })).json.id;
  await ok("GET", "/scim/v2/Users/{id}", { id }, scim);
  await ok("PUT", "/scim/v2/Users/{id}", { id }, { ...scim, body: { ...resource, displayName: "Pat Lee" } });
  await ok("PATCH", "/scim/v2/Users/{id}", { id }, {
    ...scim, body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", value: { active: false } }] },
  });
  await ok("DELETE", "/scim/v2/Users/{id}", { id }, scim);

  // A group with them in it, looked up as Entra ID does, renamed, emptied and deleted.
  const group = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Contract Reviewers", members: [{ value: id }] };
  const groupId = (await ok("POST", "/scim/v2/Groups", {}, { ...scim, body: group })).json.id;
  const found = await ok("GET", "/scim/v2/Groups", {}, { ...scim, query: { filter: 'displayName eq "contract reviewers"', excludedAttributes: "members" } });
  assert.equal(found.json.totalResults, 1);
  await ok("GET", "/scim/v2/Groups/{id}", { id: groupId }, scim);
  await ok("PUT", "/scim/v2/Groups/{id}", { id: groupId }, { ...scim, body: { ...group, displayName: "Contract Readers" } });
  await ok("PATCH", "/scim/v2/Groups/{id}", { id: groupId }, {
    ...scim, body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Remove", path: "members", value: [{ value: id }] }] },
  });
  await ok("DELETE", "/scim/v2/Groups/{id}", { id: groupId }, scim);
}

// Someone signs in through the identity provider (when the tests' provider runs): the sign-in
// page's methods, the start route's redirect and state cookie, the provider, the callback's
// session; and a callback from another browser, sent back to the sign-in page without one.
async function signInThroughProvider({ ok }, server) {
  const methods = (await ok("GET", "/api/v1/auth/methods", {}, { as: null })).json;
  if (!server.provider) return;
  assert.equal(methods.providers.length, 1);
  const started = await ok("GET", "/api/v1/auth/oidc/start", {}, { as: null, query: { return_to: "/library" } });
  const stateCookie = started.headers["set-cookie"].split(";")[0];
  const back = await signInAtProvider(started.headers.location, "ben", server.provider.callback);
  const query = { state: back.searchParams.get("state"), code: back.searchParams.get("code") };
  const signedIn = await ok("GET", "/api/v1/auth/oidc/callback", {}, { as: null, query, headers: { Cookie: stateCookie } });
  assert.ok(signedIn.cookie, "a session");
  assert.equal(signedIn.headers.location, "/library");
  const refused = await ok("GET", "/api/v1/auth/oidc/callback", {}, { as: null, query });
  assert.equal(refused.cookie, undefined, "no session for a replayed code");
  assert.equal(refused.headers.location, "/");
}

// Everyone reads who they are and members read the directory; the harness users' ids come from
// the admin's list of users, by e-mail address.
async function lookUpPeople({ ok, bearer }, server) {
  await ok("GET", "/api/v1/me", {}, { as: "alice" });
  await bearer("GET", "/api/v1/me");
  await ok("GET", "/api/v1/directory", {}, { as: "alice" });
  const users = (await ok("GET", "/api/v1/users")).json.items;
  const people = {};
  for (const [name, { email }] of Object.entries(server.users)) {
    const user = users.find((one) => one.email === email);
    if (!user) throw new Error(`${email} is not among the users`);
    people[name] = user.id;
  }
  return people;
}

async function administerUsers({ ok }) {
  const created = await ok("POST", "/api/v1/users", {}, {
    body: { email: "dana@example.com", name: "Dana", role: "member", password: "a long enough passphrase" },
  });
  const changed = await ok("PATCH", "/api/v1/users/{id}", { id: created.json.id }, { headers: ifMatch(created.json.version), body: { name: "Dana Whitfield", role: "viewer" } });
  // Dana leaves and asks to be forgotten.
  await ok("POST", "/api/v1/users/{id}/erasure", { id: created.json.id }, {
    headers: ifMatch(changed.json.version), body: { also_known_as: ["dana.w"] },
  });
}

// Alice makes a token for a script, lists it, and revokes it; the admin sees everyone's.
async function manageTokens({ ok, fails }, people) {
  const token = await ok("POST", "/api/v1/me/tokens", {}, {
    as: "alice", body: { name: "deploy script", expires_in_days: 30 },
  });
  await ok("GET", "/api/v1/me/tokens", {}, { as: "alice" });
  await ok("GET", "/api/v1/tokens", {}, { query: { user: people.alice } });
  await ok("DELETE", "/api/v1/tokens/{id}", { id: token.json.id }, { as: "alice" });
  // A revoked token stops working at once.
  await fails(401, "GET", "/api/v1/me", {}, { as: null, headers: { Authorization: `Bearer ${token.json.token}` } });
  await ok("GET", "/api/v1/tokens");
}

async function checkLanguage({ ok, fails }) {
  await ok("GET", "/api/v1/lint/rules");
  const text = "The on-call engineer should have noticed the pool warning sooner.";
  const checked = await ok("POST", "/api/v1/lint", {}, { as: "alice", body: { text } });
  // "Not blame here" on the finding, as the editor sends it; a finding that is not there is refused.
  const [finding] = checked.json.findings;
  await ok("POST", "/api/v1/lint/dismissals", {}, {
    as: "alice", body: { text, rule: finding.rule, start: finding.start, end: finding.end },
  });
  await fails(400, "POST", "/api/v1/lint/dismissals", {}, {
    as: "alice", body: { text, rule: finding.rule, start: 0, end: 3 },
  });
  await ok("GET", "/api/v1/lint/dismissals");
  await ok("DELETE", "/api/v1/lint/dismissals", {}, { query: { rule: finding.rule } });
  const allowed = await ok("POST", "/api/v1/lint/allowed", {}, { body: { phrase: "just prior to", rule: null } });
  await fails(409, "POST", "/api/v1/lint/allowed", {}, { body: { phrase: "Just prior to" } });
  await ok("GET", "/api/v1/lint/allowed", {}, { as: "alice" });
  await ok("DELETE", "/api/v1/lint/allowed/{id}", { id: allowed.json.id });
}

// A rule for the lowest severity, changed once and removed again: the incident under review
// (SEV3) keeps publishing without approvals.
async function setReviewRule({ ok, fails }) {
  const severity = { severity: kRuleSeverity };
  await ok("GET", "/api/v1/review-rules");
  const created = await ok("PUT", "/api/v1/review-rules/{severity}", severity, {
    headers: kCreate, body: { review_required: true, approvals_required: 1, due_business_days: 10 },
  });
  const changed = await ok("PUT", "/api/v1/review-rules/{severity}", severity, {
    headers: ifMatch(created.json.version), body: { review_required: true, approvals_required: 2, due_business_days: 5 },
  });
  // The version read before the change is stale now.
  await fails([409, 412], "PUT", "/api/v1/review-rules/{severity}", severity, {
    headers: ifMatch(created.json.version), body: { review_required: false },
  });
  await ok("DELETE", "/api/v1/review-rules/{severity}", severity, { headers: ifMatch(changed.json.version) });
}

// The organisation asks one more question of SEV3 reviews, in the factors section.
async function setReviewTemplate({ ok }) {
  const templates = (await ok("GET", "/api/v1/review-templates")).json;
  const sections = templates.built_in.sections.map(({ section }) =>
    ({ section, questions: section === "factors" ? [kQuestion] : [] }));
  const stored = await ok("PUT", "/api/v1/review-templates/{severity}", { severity: kSeverity }, {
    headers: kCreate, body: { sections },
  });
  return stored.json;
}

async function openIncident({ ok }) {
  const created = await ok("POST", "/api/v1/incidents", {}, {
    as: "alice",
    body: {
      title: "Checkout timeouts while the connection pool was exhausted",
      summary: "Checkout requests queued for database connections during a campaign and timed out.",
      severity: kSeverity, services: ["checkout", "payments-db"], tags: ["capacity"],
      started_at: `${kDay}T10:00:00Z`, detected_at: `${kDay}T10:04:00Z`,
      impact: "About 6% of checkouts failed for 25 minutes.",
    },
  });
  const key = created.json.key;
  await ok("GET", "/api/v1/incidents", {}, { query: { service: "checkout", limit: 10 } });
  await ok("GET", "/api/v1/incidents/{key}", { key });
  // A viewer reads it too (anonymised).
  await ok("GET", "/api/v1/incidents/{key}", { key }, { as: "vera" });
  return key;
}

async function incidentVersion({ ok }, key) {
  return (await ok("GET", "/api/v1/incidents/{key}", { key })).json.version;
}

// The records of a kind: one added, read, listed and changed; with `discarded`, one more added
// by mistake and deleted. Answers with the record as changed.
async function keepRecord({ ok }, key, collection, { create, change, discarded, as = "admin" }) {
  const base = `/api/v1/incidents/{key}/${collection}`;
  const created = await ok("POST", base, { key }, { as, body: create });
  const id = created.json.id;
  await ok("GET", base, { key }, { as });
  await ok("GET", `${base}/{id}`, { key, id }, { as });
  const changed = await ok("PATCH", `${base}/{id}`, { key, id }, {
    as, headers: ifMatch(created.json.version), body: change,
  });
  if (discarded) {
    const extra = await ok("POST", base, { key }, { as, body: discarded });
    await ok("DELETE", `${base}/{id}`, { key, id: extra.json.id }, { as, headers: ifMatch(extra.json.version) });
  }
  return changed.json;
}

async function addParticipants(calls, { key, people }) {
  // Alice is added by the admin, which tells her so; the vendor's engineer has no account here.
  await keepRecord(calls, key, "participants", {
    create: { user_id: people.alice, role: "responder" },
    change: { role: "on_call" },
  });
  await calls.ok("POST", "/api/v1/incidents/{key}/participants", { key }, {
    body: { name: "Sam from the database vendor", role: "subject_matter_expert" },
  });
}

async function recordEvents(calls, state) {
  const event = await keepRecord(calls, state.key, "events", {
    create: {
      at: `${kDay}T10:02:00Z`, kind: "change", text: "Connection pool size lowered from 40 to 20", actor: "config-bot",
    },
    change: { starred: true },
    discarded: { at: `${kDay}T10:03:00Z`, kind: "other", text: "Entered twice", actor: "alice" },
  });
  state.eventId = event.id;
}

// A deploy log (JSON lines) previewed, then imported; a pager export (CSV) imported and undone.
async function importTimeline({ ok }, { key }) {
  const path = "/api/v1/incidents/{key}/timeline/import";
  const deploys = [
    { time: `${kDay}T09:55:00Z`, message: "checkout 4.2.1 deployed", service: "deploy-bot", id: "deploy-4.2.1" },
    { time: `${kDay}T10:30:00Z`, message: "checkout 4.2.0 rolled back", service: "deploy-bot", id: "rollback-4.2.0" },
  ].map((line) => JSON.stringify(line)).join("\n");
  const jsonl = {
    format: "jsonl", content: deploys, actor: "{service}", id_field: "id", event_kind: "change",
    file_name: "deploys.jsonl",
  };
  await ok("POST", path, { key }, { body: { ...jsonl, dry_run: true } });
  await ok("POST", path, { key }, { body: jsonl });
  const pages = [
    "time,message",
    `${kDay}T10:04:00Z,Checkout latency page sent to on-call`,
    `${kDay}T10:06:00Z,Page acknowledged`,
  ].join("\n");
  await ok("POST", path, { key }, { body: { format: "csv", content: pages, event_kind: "alert", file_name: "pages.csv" } });
  await ok("GET", "/api/v1/incidents/{key}/timeline", { key });
  const imports = (await ok("GET", "/api/v1/incidents/{key}/imports", { key })).json.items;
  const csv = imports.find((one) => one.name === "pages.csv");
  if (!csv) throw new Error(`the CSV import is not listed: ${JSON.stringify(imports)}`);
  await ok("DELETE", "/api/v1/incidents/{key}/imports/{id}", { key, id: csv.id });
  // Whom the pager's receiver reached, set by hand, and read back.
  const participant = (await ok("GET", "/api/v1/incidents/{key}/participants", { key })).json.items[0];
  await ok("PUT", "/api/v1/incidents/{key}/audiences", { key }, {
    body: { audience: "receiver:checkout-oncall", members: [{ participant_id: participant.id, since: `${kDay}T10:00:00Z`, until: null }] },
  });
  await ok("GET", "/api/v1/incidents/{key}/audiences", { key });
  // Who was on call for it, from PagerDuty's on-calls.
  const oncalls = {
    oncalls: [{
      escalation_policy: { id: "PEP1", type: "escalation_policy_reference", summary: "Checkout" },
      escalation_level: 1, schedule: null,
      user: { id: "PU1", type: "user_reference", summary: participant.name },
      start: `${kDay}T09:00:00Z`, end: `${kDay}T12:00:00Z`,
    }],
    limit: 25, offset: 0, more: false, total: null,
  };
  await ok("POST", "/api/v1/incidents/{key}/audiences/oncalls", { key }, {
    body: { audience: "receiver:checkout-oncall", content: JSON.stringify(oncalls) },
  });
}

function alertmanagerNotification(status) {
  const alert = {
    status,
    labels: { alertname: "PoolExhausted", instance: "checkout-1:8080", service: "checkout", severity: "page" },
    annotations: { summary: "Connection pool exhausted on checkout" },
    startsAt: `${kDay}T10:03:30Z`, endsAt: status === "resolved" ? `${kDay}T10:28:00Z` : "0001-01-01T00:00:00Z",
    generatorURL: "http://prometheus.example/graph?g0.expr=pool_wait", fingerprint: "a1b2c3d4e5f60718",
  };
  return {
    receiver: "debrief", status, version: "4", groupKey: "{}:{alertname=\"PoolExhausted\"}", truncatedAlerts: 0,
    externalURL: "http://alertmanager.example:9093",
    groupLabels: { alertname: "PoolExhausted" }, commonLabels: alert.labels, commonAnnotations: alert.annotations,
    alerts: [alert],
  };
}

// An alert hook routes checkout's alerts to the incident. Alertmanager posts the firing alert
// with the token as a Bearer credential; the token is replaced, and the resolution comes with
// the new one in the URL while the old one is refused.
async function receiveAlerts({ ok, fails }, { key }) {
  const created = await ok("POST", "/api/v1/alert-hooks", {}, {
    body: {
      name: "checkout alerts", open_incidents: false,
      routes: [{ matchers: ["service=\"checkout\""], incident_key: key }],
    },
  });
  const id = created.json.id;
  await ok("GET", "/api/v1/alert-hooks");
  await ok("GET", "/api/v1/alert-hooks/{id}", { id });
  const changed = await ok("PATCH", "/api/v1/alert-hooks/{id}", { id }, {
    headers: ifMatch(created.json.version), body: { name: "checkout alerts (production)" },
  });
  await ok("POST", "/api/v1/hooks/alertmanager", {}, {
    as: null, headers: { Authorization: `Bearer ${created.json.token}` }, body: alertmanagerNotification("firing"),
  });
  const replaced = await ok("POST", "/api/v1/alert-hooks/{id}/token", { id }, { headers: ifMatch(changed.json.version) });
  await fails(401, "POST", "/api/v1/hooks/alertmanager/{token}", { token: created.json.token }, {
    as: null, body: alertmanagerNotification("resolved"),
  });
  await ok("POST", "/api/v1/hooks/alertmanager/{token}", { token: replaced.json.token }, {
    as: null, body: alertmanagerNotification("resolved"),
  });
  return replaced.json;
}

async function writeAnalysis(calls, state) {
  const { key, people, eventId } = state;
  await keepRecord(calls, key, "decisions", {
    create: {
      at: `${kDay}T10:12:00Z`, who: "incident commander",
      situation: "Latency rising, no deploy in the last hour, pool waits at 3 s.", seen_event_ids: [eventId],
      options: ["Roll back the config change", "Scale the database"], choice: "Roll back the config change",
      rationale: "The pool change was the only change in the window.", pressures: ["campaign traffic"],
    },
    change: { rationale: "The pool change was the only change in the window, and rolling it back is fast." },
    discarded: { at: `${kDay}T10:13:00Z`, who: "on call", situation: "Draft", choice: "Wait" },
  });
  const factor = await keepRecord(calls, key, "factors", {
    create: { category: "change_process", text: "Pool-size changes are reviewed without a look at expected traffic." },
    change: { text: "Pool-size changes are reviewed without a look at the traffic expected that week." },
    discarded: { category: "other", text: "Draft factor" },
  });
  state.factor = factor;
  await keepRecord(calls, key, "work-as-done", {
    create: {
      procedure: "Runbook: payments database", prescribed: "Page the database team before changing pool sizes.",
      done: "The change went out with the weekly config batch.", why: "The batch is how config changes usually ship.",
    },
    change: { why: "The batch is how config changes usually ship, and it had never needed a page before." },
    discarded: { procedure: "Draft", prescribed: "-", done: "-", why: "-" },
  });
  await keepRecord(calls, key, "actions", {
    create: {
      title: "Alert on connection-pool wait above 500 ms", owner_id: people.alice, due_on: "2026-04-15",
      priority: "high", kind: "detect", factor_ids: [factor.id],
    },
    change: { status: "in_progress" },
    discarded: { title: "Draft action", kind: "process" },
  });
  await keepRecord(calls, key, "lessons", {
    create: {
      title: "Capacity settings are part of the traffic plan", body: "Check pool sizes against the campaign calendar.",
      author_ids: [people.alice],
    },
    change: { body: "Check pool sizes against the campaign calendar before a campaign starts." },
    discarded: { title: "Draft lesson", body: "-" },
  });
  await calls.ok("GET", "/api/v1/incidents/{key}/template", { key });
  await keepRecord(calls, key, "answers", {
    create: { section: "factors", question: kQuestion, answer: "The pool wait time was on no dashboard." },
    change: { answer: "The pool wait time was on no dashboard, and no alert watched it." },
    discarded: { section: "summary", question: "A question no longer asked", answer: "-" },
  });
}

// Alice writes her account, changes and deletes an entry, and releases it to the review; Bob
// starts one and withdraws it.
async function writeAccounts({ ok }, { key, eventId }) {
  const base = "/api/v1/incidents/{key}/accounts";
  const account = await ok("POST", base, { key }, {
    as: "alice", body: { narrative: "I was on call and took the latency page.", visibility: "private" },
  });
  const id = account.json.id;
  const entries = `${base}/{id}/entries`;
  const first = await ok("POST", entries, { key, id }, {
    as: "alice",
    body: {
      at: `${kDay}T10:05:00Z`, did: "Opened the checkout dashboard", saw: "p95 latency at 4 s",
      expected: "A bad deploy", seen_event_ids: [eventId],
    },
  });
  const second = await ok("POST", entries, { key, id }, {
    as: "alice", body: { at: `${kDay}T10:07:00Z`, did: "Draft moment" },
  });
  await ok("PATCH", `${entries}/{entry_id}`, { key, id, entry_id: first.json.id }, {
    as: "alice", headers: ifMatch(first.json.version), body: { assumed: "The campaign traffic was within plan" },
  });
  await ok("DELETE", `${entries}/{entry_id}`, { key, id, entry_id: second.json.id }, {
    as: "alice", headers: ifMatch(second.json.version),
  });
  await ok("GET", base, { key }, { as: "alice" });
  const current = await ok("GET", `${base}/{id}`, { key, id }, { as: "alice" });
  await ok("PATCH", `${base}/{id}`, { key, id }, {
    as: "alice", headers: ifMatch(current.json.version),
    body: { narrative: "I was on call and took the latency page at 10:04.", visibility: "in_review" },
  });
  const bobs = await ok("POST", base, { key }, { as: "bob", body: { narrative: "Notes I will not share after all." } });
  await ok("DELETE", `${base}/{id}`, { key, id: bobs.json.id }, { as: "bob", headers: ifMatch(bobs.json.version) });
}

// Every incident's timeline, whole, by pages and as one participant could know it at a moment,
// as a member (with suggestions) and as a viewer (anonymised); between them the answers carry
// every optional part of a timeline, which must all have been seen.
async function readTimelines({ ok }) {
  const path = "/api/v1/incidents/{key}/timeline";
  const seen = new Set();
  const note = (timeline) => {
    for (const [name, value] of Object.entries(timeline)) {
      if (!Array.isArray(value) || value.length > 0) seen.add(name);
    }
    if (timeline.suggestions?.links.length) seen.add("suggested links");
    if (timeline.groups.some((group) => group.size !== undefined)) seen.add("paged groups");
    if (timeline.items.some((item) => item.known !== undefined)) seen.add("known");
  };
  const incidents = (await ok("GET", "/api/v1/incidents")).json.items;
  for (const { key } of incidents) {
    const whole = (await ok("GET", path, { key }, { as: "alice" })).json;
    note(whole);
    note((await ok("GET", path, { key }, { as: "vera" })).json);
    note((await ok("GET", path, { key }, { as: "alice", query: { anonymised: true } })).json);
    const first = (await ok("GET", path, { key }, { query: { limit: 2 } })).json;
    note(first);
    if (first.next_cursor) note((await ok("GET", path, { key }, { query: { limit: 2, cursor: first.next_cursor } })).json);
    const participant = (await ok("GET", "/api/v1/incidents/{key}/participants", { key })).json.items[0];
    // The page payload, for a member and anonymised for a viewer.
    await ok("GET", "/api/v1/incidents/{key}/page", { key });
    await ok("GET", "/api/v1/incidents/{key}/page", { key }, { as: "vera" });
    const moment = whole.items[Math.floor(whole.items.length / 2)]?.at;
    if (participant && moment) {
      note((await ok("GET", path, { key }, { query: { known_by: participant.id, known_at: moment, gap_minutes: 5 } })).json);
    }
  }
  for (const part of ["discrepancies", "gaps", "suggestions", "suggested links", "paged groups", "known", "next_cursor"]) {
    if (!seen.has(part)) throw new Error(`no timeline answer carried ${part}`);
  }
}

// After the review meeting Alice, a participant, answers the pulse; everyone reads the counts
// over every review.
async function answerPulse({ ok }, { key }) {
  await ok("GET", "/api/v1/incidents/{key}/pulse", { key }, { as: "alice" });
  await ok("POST", "/api/v1/incidents/{key}/pulse", { key }, { as: "alice", body: { learned: "yes", again: "maybe" } });
  await ok("GET", "/api/v1/pulse", {}, { as: "vera" });
}

// Bob facilitates: he reads the questions for the meeting, and the work-as-done record Alice
// dates after the incident began is among them.
// The incident restricted to its own people and one named reader, then opened again.
async function restrictAndOpen(calls, { key, people }) {
  const { ok } = calls;
  await ok("GET", "/api/v1/groups", {}, { as: "alice" });
  const access = await ok("GET", "/api/v1/incidents/{key}/access", { key }, { as: "alice" });
  const restricted = await ok("PUT", "/api/v1/incidents/{key}/access", { key }, {
    as: "alice", headers: ifMatch(access.json.version), body: { restricted: true, reader_user_ids: [people.bob] },
  });
  await ok("PUT", "/api/v1/incidents/{key}/access", { key }, {
    as: "alice", headers: ifMatch(restricted.json.version), body: { restricted: false, reader_user_ids: [] },
  });
}

async function facilitate(calls, { key, people }) {
  const { ok } = calls;
  await ok("PATCH", "/api/v1/incidents/{key}", { key }, {
    as: "alice", headers: ifMatch(await incidentVersion(calls, key)), body: { facilitator_id: people.bob },
  });
  await ok("POST", "/api/v1/incidents/{key}/work-as-done", { key }, {
    as: "alice",
    body: {
      procedure: "Pool exhaustion runbook, revised", prescribed: "Raise the pool before a campaign",
      done: "Restarted checkout pods", procedure_dated: `${kDay}T16:00:00Z`,
    },
  });
  const facilitation = (await ok("GET", "/api/v1/incidents/{key}/facilitation", { key }, { as: "bob" })).json;
  if (facilitation.judged_later.length !== 1) {
    throw new Error(`the revised runbook is not flagged: ${JSON.stringify(facilitation.judged_later)}`);
  }
}

// The admin asks Alice about the factors; Bob answers in the thread and takes his reply back.
async function discuss({ ok }, { key }) {
  const base = "/api/v1/incidents/{key}/comments";
  const comment = await ok("POST", base, { key }, {
    body: { anchor: "section:factors", body: "@Alice could you add what the dashboard showed at 10:05?" },
  });
  const reply = await ok("POST", base, { key }, {
    as: "bob", body: { reply_to: comment.json.id, body: "The pool panel was not on it then." },
  });
  await ok("GET", base, { key }, { query: { anchor: "section:factors" } });
  await ok("PATCH", `${base}/{id}`, { key, id: comment.json.id }, {
    headers: ifMatch(comment.json.version),
    body: { body: "@Alice could you add what the checkout dashboard showed at 10:05?" },
  });
  await ok("DELETE", `${base}/{id}`, { key, id: reply.json.id }, { as: "bob", headers: ifMatch(reply.json.version) });
}

// Alice was added to the incident and mentioned: she reads one notification, then the rest, and
// chooses a morning digest.
async function readNotifications({ ok }) {
  const inbox = (await ok("GET", "/api/v1/me/notifications", {}, { as: "alice", query: { limit: 20 } })).json;
  if (inbox.items.length === 0) throw new Error("Alice has no notifications");
  await ok("POST", "/api/v1/me/notifications/read", {}, { as: "alice", body: { ids: [inbox.items[0].id] } });
  await ok("POST", "/api/v1/me/notifications/read", {}, { as: "alice", body: {} });
  const settings = "/api/v1/me/notification-settings";
  await ok("GET", settings, {}, { as: "alice" });
  const first = await ok("PUT", settings, {}, {
    as: "alice", headers: kCreate, body: { email_kinds: ["review_requested", "mentioned"], email_digest_hour: 8 },
  });
  await ok("PUT", settings, {}, { as: "alice", headers: ifMatch(first.json.version), body: { email_digest_hour: null } });
}

// The incident is resolved; Alice asks Bob to review, and he approves.
async function resolveAndReview(calls, { key, people }) {
  const { ok } = calls;
  await ok("PATCH", "/api/v1/incidents/{key}", { key }, {
    as: "alice", headers: ifMatch(await incidentVersion(calls, key)),
    body: { status: "resolved", mitigated_at: `${kDay}T10:25:00Z`, resolved_at: `${kDay}T10:40:00Z` },
  });
  await ok("GET", "/api/v1/incidents/{key}/review", { key });
  await ok("POST", "/api/v1/incidents/{key}/review/request", { key }, {
    as: "alice", headers: ifMatch(await incidentVersion(calls, key)), body: { reviewers: [people.bob] },
  });
  await ok("POST", "/api/v1/incidents/{key}/review/decision", { key }, {
    as: "bob", headers: ifMatch(await incidentVersion(calls, key)), body: { decision: "approve", note: "Clear and fair." },
  });
}

// A webhook told of published reviews; its receiver is not listening, so deliveries wait to be
// retried.
async function addWebhook({ ok }) {
  const created = await ok("POST", "/api/v1/webhooks", {}, {
    body: {
      url: "http://127.0.0.1:9/debrief", events: ["review.published"], secret: "a webhook secret of some length",
      description: "Review feed",
    },
  });
  const id = created.json.id;
  await ok("GET", "/api/v1/webhooks");
  await ok("GET", "/api/v1/webhooks/{id}", { id });
  const changed = await ok("PATCH", "/api/v1/webhooks/{id}", { id }, {
    headers: ifMatch(created.json.version), body: { description: "Review feed for the reliability channel" },
  });
  return changed.json;
}

async function publish(calls, key) {
  const check = await calls.ok("GET", "/api/v1/incidents/{key}/publish", { key });
  // "Not blame here" on the first finding the check lists, named by where it is.
  const [finding] = check.json.findings;
  if (finding) {
    const { record, record_id, field, rule, start, end } = finding;
    await calls.ok("POST", "/api/v1/incidents/{key}/publish/dismissals", { key }, {
      as: "alice", body: { record, record_id, field, index: finding.index ?? null, rule, start, end },
    });
  }
  return calls.ok("POST", "/api/v1/incidents/{key}/publish", { key }, {
    as: "alice", headers: ifMatch(await incidentVersion(calls, key)), body: { acknowledge_findings: true },
  });
}

// Version 1, then the review reopened for a correction and published as version 2, which is
// compared with version 1.
async function publishTwice(calls, { key }) {
  const { ok } = calls;
  await publish(calls, key);
  await ok("POST", "/api/v1/incidents/{key}/review/reopen", { key }, {
    as: "alice", headers: ifMatch(await incidentVersion(calls, key)),
  });
  await ok("PATCH", "/api/v1/incidents/{key}", { key }, {
    as: "alice", headers: ifMatch(await incidentVersion(calls, key)),
    body: { impact: "About 6% of checkouts failed for 25 minutes; no payment was taken twice. We should have caught it sooner." },
  });
  await publish(calls, key);
  const versions = (await ok("GET", "/api/v1/incidents/{key}/versions", { key })).json.items;
  const latest = versions[0].number;
  const version = "/api/v1/incidents/{key}/versions/{id}";
  await ok("GET", version, { key, id: latest });
  await ok("GET", `${version}/export`, { key, id: latest }, { query: { format: "html" } });
  await ok("GET", `${version}/export`, { key, id: latest }, { query: { format: "md" } });
  await ok("GET", `${version}/diff`, { key, id: latest }, { query: { against: versions[versions.length - 1].number } });
}

async function exportReview({ ok }, { key }) {
  for (const format of ["md", "html", "json"]) {
    await ok("GET", "/api/v1/incidents/{key}/export", { key }, { query: { format } });
  }
}

async function retryDeliveries({ ok }, { webhook }) {
  const id = webhook.id;
  await ok("POST", "/api/v1/webhooks/{id}/ping", { id });
  const deliveries = (await ok("GET", "/api/v1/webhooks/{id}/deliveries", { id })).json.items;
  const published = deliveries.find((delivery) => delivery.event === "review.published");
  if (!published) throw new Error(`no review.published delivery: ${JSON.stringify(deliveries)}`);
  await ok("POST", "/api/v1/webhooks/{id}/deliveries/{delivery_id}/retry", { id, delivery_id: published.id });
}

async function browseLibrary({ ok }, { key }) {
  await ok("GET", "/api/v1/library/search", {}, { query: { q: "pool", sort: "relevance" } });
  await ok("GET", "/api/v1/library/lessons", {}, { as: "bob", query: { q: "campaign" } });
  await ok("GET", "/api/v1/library/on-this-day", {}, { query: { date: "2027-03-14", window: 3 } });
  await ok("GET", "/api/v1/library/feed.atom");
  await ok("GET", "/api/v1/incidents/{key}/related", { key });
  await ok("GET", "/api/v1/actions", {}, { as: "alice", query: { owner: "me" } });
  await ok("GET", "/api/v1/audit", {}, { query: { incident: key } });
}

const kPostmortem = `# Search results went stale while the indexer was paused

Date: 2025-09-18

## Summary

For two hours, new products did not appear in search because the indexer stayed paused after a
maintenance window.

## Timeline

| Time (UTC) | Event |
|---|---|
| 2025-09-18 07:00 | Maintenance window pauses the indexer |
| 2025-09-18 08:40 | Support reports missing products |
| 2025-09-18 09:05 | Indexer resumed by hand |

## Contributing factors

- The maintenance checklist had no step to resume the indexer

## Action items

- Add a resume step to the maintenance checklist

## Lessons

- A pause needs an owner for its end as well as its start
`;

async function importPostmortem({ ok }) {
  const files = [{ name: "search-indexer-2025-09-18.md", content: kPostmortem }];
  await ok("POST", "/api/v1/postmortems/import", {}, { as: "alice", body: { files, dry_run: true } });
  await ok("POST", "/api/v1/postmortems/import", {}, { as: "alice", body: { files, time_zone: "UTC" } });
}

// Requests refused on purpose: an incident that does not exist, a change against a version
// that is no longer current, and a body that is not JSON.
async function refuseOnPurpose(calls, { key, factor }) {
  const { fails } = calls;
  await fails(404, "GET", "/api/v1/incidents/{key}", { key: "INC-1999-9999" });
  await fails([409, 412], "PATCH", "/api/v1/incidents/{key}/factors/{id}", { key, id: factor.id }, {
    headers: ifMatch(factor.version - 1), body: { text: "A change made against an old version" },
  });
  await fails(400, "POST", "/api/v1/incidents", {}, { raw: "{\"title\": \"Unfinished" });
}

// Vera signs in a second time and signs that session out; her first session keeps working.
async function signOutElsewhere({ ok, fails }, api) {
  const session = await api.signIn("vera");
  await ok("DELETE", "/api/v1/session", {}, { session });
  await fails(401, "GET", "/api/v1/me", {}, { session });
  await ok("GET", "/api/v1/me", {}, { as: "vera" });
}

async function cleanUp({ ok }, { template, alertHook, webhook }) {
  await ok("DELETE", "/api/v1/review-templates/{severity}", { severity: kSeverity }, { headers: ifMatch(template.version) });
  await ok("DELETE", "/api/v1/alert-hooks/{id}", { id: alertHook.id }, { headers: ifMatch(alertHook.version) });
  const current = await ok("GET", "/api/v1/webhooks/{id}", { id: webhook.id });
  await ok("DELETE", "/api/v1/webhooks/{id}", { id: webhook.id }, { headers: ifMatch(current.json.version) });
}
