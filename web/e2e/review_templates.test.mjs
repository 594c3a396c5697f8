// End-to-end: review templates. An admin sets the default template in Admin (sections reordered,
// one hidden, a question asked; the server's errors shown beside the questions they are about,
// and in a summary) and a severity's own
// template, then removes it; a member's review follows the template (order, hidden section, a
// hidden section that holds a record kept in view and marked), answers the question in Markdown,
// and the Markdown export carries the question and the answer in the template's order.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import { adminApi, audit, kBinary, launchBrowser, signedIn, startServer } from "./harness.mjs";

let server;
let browser;
let admin;
let alice;

const signIn = (user, options) => signedIn(browser, server, user, { audited: true, ...options });
const api = (...request) => adminApi(server, ...request);

before(async () => {
  server = await startServer(kBinary);
  browser = await launchBrowser();
  admin = await signIn(server.users.admin);
  alice = await signIn(server.users.alice);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const kQuestion = "What made this hard to detect?";

// Adds a question to `section` in the admin's template editor by typing where the focus goes.
async function addQuestion(section, id, text) {
  await admin.click(`button[aria-label='Add a question to ${section}']`);
  await admin.waitForFunction((expected) => document.activeElement?.id === expected, id);
  await admin.keyboard.type(text);
}
const sectionTitles = (page) => page.locator(".review-records > section h2").allTextContents();

test("an admin sets the default template: sections reordered and hidden, a question asked, errors beside the questions", async () => {
  await admin.goto(server.url + "/admin");
  const editor = admin.locator("form[aria-label='Edit the default template']");
  await editor.waitFor();
  assert.match(await admin.textContent("section[aria-labelledby=templates-title]"), /There is no default template yet/);

  // Contributing factors first: five places up, from sixth.
  for (let step = 0; step < 5; step++) await admin.click("button[aria-label='Move Contributing factors up']");
  // Focus follows the moved section to the top, where only "down" can be used.
  await admin.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Move Contributing factors down");
  await admin.uncheck("label:has-text('Show Work as imagined vs. work as done') input");
  assert.match(await editor.locator(".template-section--hidden").textContent(), /Hidden/);
  // A new question's box takes the focus, to type into at once.
  await addQuestion("Contributing factors", "template-factors-question-0", kQuestion);
  // The same question twice, and an empty one in Lessons after the two every review starts with
  // (what went right, where we got lucky): nothing is saved, and each error is beside its
  // question (the duplicate's beside the second copy) and in the summary.
  await addQuestion("Contributing factors", "template-factors-question-1", kQuestion);
  await admin.click("button[aria-label='Add a question to Lessons']");
  await admin.click("button:has-text('Save the default template')");
  const problem = editor.locator("[role=alert]");
  await problem.waitFor();
  const summary = await problem.textContent();
  assert.match(summary, /Contributing factors, question 2: The factors section asks "What made this hard to detect\?" twice\./);
  assert.match(summary, /Lessons, question 3: Each question of the lessons section must be 1 to \d+ characters\./);
  assert.equal(await admin.textContent("#template-factors-question-1-error"), 'The factors section asks "What made this hard to detect?" twice.');
  assert.equal(await admin.getAttribute("#template-factors-question-1", "aria-invalid"), "true");
  assert.equal(await admin.getAttribute("#template-factors-question-1", "aria-describedby"), "template-factors-question-1-error");
  assert.equal(await admin.locator("#template-factors-question-0-error").count(), 0);
  assert.equal(await admin.getAttribute("#template-factors-question-0", "aria-invalid"), null);
  assert.equal(await admin.inputValue("#template-lessons-question-0"), "What went right? Which people, tools or habits helped, and how?");
  assert.match(await admin.textContent("#template-lessons-question-2-error"), /^Each question of the lessons section must be 1 to \d+ characters\.$/);
  assert.equal(await editor.locator(".field__error").count(), 2);
  assert.deepEqual((await api("/review-templates")).items, []);
  await audit(admin, "template editor with errors");

  // A changed section's errors leave its questions, as their places may have moved.
  await admin.click("button[aria-label='Remove question 2 of Contributing factors']");
  assert.equal(await admin.locator("#template-factors-question-1-error").count(), 0);
  assert.equal(await admin.locator("#template-lessons-question-2-error").count(), 1);
  await admin.click("button[aria-label='Remove question 3 of Lessons']");
  await admin.click("button:has-text('Save the default template')");
  await admin.waitForSelector("[role=status]:has-text('Saved the default template')");
  const saved = (await api("/review-templates")).items;
  assert.equal(saved.length, 1);
  assert.deepEqual(saved[0].sections.map((section) => section.section),
    ["factors", "summary", "impact", "timeline", "accounts", "decisions", "actions", "lessons"]);
  assert.deepEqual(saved[0].sections[0].questions, [kQuestion]);

  // Read back after a reload: the hidden section last, unticked.
  await admin.reload();
  await editor.waitFor();
  assert.equal(await admin.inputValue("#template-factors-question-0"), kQuestion);
  assert.equal(await admin.isChecked("#template-work_as_done-shown"), false);
  assert.match(await editor.locator(".template-section").last().textContent(), /Work as imagined/);
  assert.match(await editor.locator(".template-section").first().textContent(), /Contributing factors/);
});

test("a severity's own template is saved, then removed so that it follows the default again", async () => {
  await admin.goto(server.url + "/admin");
  await admin.waitForSelector("form[aria-label='Edit the default template']");
  assert.match(await admin.locator("#template-choice option[value=SEV1]").textContent(), /SEV1 \(follows the default\)/);
  await admin.selectOption("#template-choice", "SEV1");
  const editor = admin.locator("form[aria-label='Edit the SEV1 template']");
  await editor.waitFor();
  assert.match(await admin.textContent("section[aria-labelledby=templates-title]"), /SEV1 has no template of its own/);
  // It starts from the default it follows.
  assert.equal(await admin.inputValue("#template-factors-question-0"), kQuestion);
  await addQuestion("Lessons", "template-lessons-question-2", "What would we tell another team?");
  await admin.click("button:has-text('Save the SEV1 template')");
  await admin.waitForSelector("[role=status]:has-text('Saved the SEV1 template')");
  assert.doesNotMatch(await admin.locator("#template-choice option[value=SEV1]").textContent(), /follows/);
  assert.deepEqual((await api("/review-templates")).items.map((template) => template.severity).sort(), ["SEV1", "default"]);

  admin.once("dialog", (dialog) => dialog.accept());
  await admin.click("button:has-text('Remove the SEV1 template')");
  await admin.waitForSelector("[role=status]:has-text('SEV1 reviews follow the default template again')");
  assert.match(await admin.locator("#template-choice option[value=SEV1]").textContent(), /follows the default/);
  assert.deepEqual((await api("/review-templates")).items.map((template) => template.severity), ["default"]);
});

test("a member's review follows the template, answers its question, and the export follows both", async () => {
  const { key } = await api("/incidents", "POST", {
    title: "Pool exhaustion on checkout", severity: "SEV3", summary: "Checkout failed for **12 minutes**.",
  });
  await api(`/incidents/${key}/factors`, "POST", { category: "detection_monitoring", text: "No alert on pool wait time" });

  await alice.goto(`${server.url}/incidents/${key}/review`);
  await alice.waitForSelector("#factors-title");
  await alice.waitForSelector(".records .record");
  // The template's order; the hidden section is not there, nor are empty ones written elsewhere.
  assert.deepEqual(await sectionTitles(alice), [
    "Contributing factors", "Summary", "Impact", "Timeline", "Accounts", "Decision points", "Action items", "Lessons",
  ]);
  assert.equal(await alice.locator("#review-summary-title ~ .markdown strong").textContent(), "12 minutes");

  // The question, answered in Markdown under its section.
  const factors = alice.locator("section[aria-labelledby=factors-title]");
  const question = factors.locator(".question", { hasText: kQuestion });
  assert.match(await question.textContent(), /Not answered yet/);
  await question.locator("button:has-text('Answer')").click();
  await alice.getByLabel(kQuestion, { exact: true }).fill("**Nothing** watched the pool's wait time.");
  await alice.click("button:has-text('Save answer')");
  await factors.locator(".question .markdown strong").waitFor();
  assert.equal(await factors.locator(".question .markdown strong").textContent(), "Nothing");
  await audit(alice, "review following a template, with an answer");

  // Another reader sees it after a reload, as stored.
  await alice.reload();
  await factors.locator(".question .markdown strong").waitFor();
  const answers = (await api(`/incidents/${key}/answers`)).items;
  assert.deepEqual(answers.map(({ section, question, answer }) => ({ section, question, answer })),
    [{ section: "factors", question: kQuestion, answer: "**Nothing** watched the pool's wait time." }]);

  // A hidden section that holds a record stays in view, marked.
  await api(`/incidents/${key}/work-as-done`, "POST", { procedure: "Pool runbook", prescribed: "Raise the limit", done: "Restarted pods" });
  await alice.reload();
  const hidden = alice.locator("section[aria-labelledby=work-as-done-title]");
  await hidden.waitFor();
  assert.match(await hidden.textContent(), /Not in the template.*holds what was written here before/);
  assert.equal((await sectionTitles(alice)).at(-1), "Work as imagined vs. work as done");
  await audit(alice, "review with a section not in the template");

  // The Markdown export, from the overview: the template's order, the question and its answer.
  await alice.goto(`${server.url}/incidents/${key}`);
  await alice.waitForSelector("#export-title");
  const [download] = await Promise.all([alice.waitForEvent("download"), alice.click(".export__links a:has-text('Markdown')")]);
  const markdown = await readFile(await download.path(), "utf8");
  const at = (text) => {
    const index = markdown.indexOf(text);
    assert.ok(index >= 0, `the export holds ${text}:\n${markdown}`);
    return index;
  };
  assert.ok(at("## Contributing factors") < at("## Summary"), "factors come before the summary");
  assert.ok(at(`**${kQuestion}**`) > at("## Contributing factors"));
  assert.ok(at("**Nothing** watched the pool's wait time.") > at(`**${kQuestion}**`));
  assert.ok(at("## Work as imagined") > at("## Summary"), "the section not in the template comes last");
});
