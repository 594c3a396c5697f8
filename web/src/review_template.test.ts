import { describe, expect, it } from "vitest";
import { draftOf, moveSection, placeProblems, questionsOf, reviewPageSections, sectionsOf } from "./review_template";
import type { ReviewAnswer, ReviewTemplate } from "./types";

const template: ReviewTemplate = {
  severity: "default",
  version: 3,
  sections: [
    { section: "factors", questions: ["What made this hard to detect?"] },
    { section: "summary", questions: [] },
  ],
};

function answer(id: number, section: ReviewAnswer["section"], question: string): ReviewAnswer {
  return { id, version: 1, created_at: "", updated_at: "", section, question, answer: `answer ${id}` };
}

describe("the template editor's draft", () => {
  it("lists the template's sections first, shown, then every other one, hidden", () => {
    const draft = draftOf(template);
    expect(draft.map((section) => section.section)).toEqual([
      "factors", "summary", "impact", "timeline", "accounts", "decisions", "work_as_done", "actions", "lessons",
    ]);
    expect(draft.filter((section) => section.shown).length).toBe(2);
    expect(draft[0].questions).toEqual(["What made this hard to detect?"]);
  });

  it("saves the shown sections in their order, and keeps a hidden section's questions out", () => {
    const draft = draftOf(template);
    draft[0] = { ...draft[0], shown: false };
    draft[2] = { ...draft[2], shown: true, questions: ["Who noticed first?"] };
    expect(sectionsOf(moveSection(draft, 2, -1))).toEqual([
      { section: "impact", questions: ["Who noticed first?"] },
      { section: "summary", questions: [] },
    ]);
  });

  it("places the server's problems by the shown sections it was sent, so hidden ones are not counted", () => {
    // Sent: factors, summary, lessons (impact to actions hidden between them).
    const draft = draftOf(template).map((section) => (section.section === "lessons" ? { ...section, shown: true, questions: ["", "Why?"] } : section));
    const submitted = sectionsOf(draft);
    expect(placeProblems([
      { field: "sections[2].questions[0]", detail: "Each question of the lessons section must be 1 to 300 characters." },
      { field: "sections[0].questions[1]", detail: "Asked twice." },
      { field: "sections[1]", detail: "The summary section is listed twice." },
      { field: "sections[2].questions", detail: "Too many." },
      { field: "sections[7].questions[0]", detail: "Not a section that was sent." },
      { field: "severity", detail: "A template is for a severity, or the default." },
    ], submitted)).toEqual([
      { section: "lessons", question: 0, detail: "Each question of the lessons section must be 1 to 300 characters." },
      { section: "factors", question: 1, detail: "Asked twice." },
      { section: "summary", detail: "The summary section is listed twice." },
      { section: "lessons", detail: "Too many." },
      { detail: "Not a section that was sent." },
      { detail: "A template is for a severity, or the default." },
    ]);
  });

  it("moves a section up or down, never past either end", () => {
    const draft = draftOf(template);
    expect(moveSection(draft, 0, -1)).toBe(draft);
    expect(moveSection(draft, draft.length - 1, 1)).toBe(draft);
    expect(moveSection(draft, 0, 1).slice(0, 2).map((section) => section.section)).toEqual(["summary", "factors"]);
  });
});

describe("the review page", () => {
  it("shows the template's sections in order, then the others as not in the template", () => {
    const sections = reviewPageSections(template);
    expect(sections.slice(0, 2)).toEqual([
      { section: "factors", questions: ["What made this hard to detect?"], inTemplate: true },
      { section: "summary", questions: [], inTemplate: true },
    ]);
    expect(sections.length).toBe(9);
    expect(sections.slice(2).every((section) => !section.inTemplate)).toBe(true);
  });

  it("pairs questions with their answers, then answers to questions no longer asked", () => {
    const answers = [
      answer(7, "factors", "Who was paged?"),
      answer(4, "factors", "What made this hard to detect?"),
      answer(5, "factors", "What was unusual?"),
      answer(6, "summary", "What made this hard to detect?"),
    ];
    expect(questionsOf("factors", ["What made this hard to detect?", "What helped?"], answers)).toEqual([
      { question: "What made this hard to detect?", answer: answers[1], asked: true },
      { question: "What helped?", answer: undefined, asked: true },
      { question: "What was unusual?", answer: answers[2], asked: false },
      { question: "Who was paged?", answer: answers[0], asked: false },
    ]);
  });
});
