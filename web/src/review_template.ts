// Review templates as the UI uses them (pure): a template as its editor holds it (every section,
// shown or not, in order), the sections a review page shows, and a section's questions paired
// with their answers.
import type { FieldError } from "./api";
import { kReviewSections, type ReviewAnswer, type ReviewSectionName, type ReviewTemplate, type TemplateSection } from "./types";

export const kSectionTitles: { [section in ReviewSectionName]: string } = {
  summary: "Summary",
  impact: "Impact",
  timeline: "Timeline",
  accounts: "Accounts",
  decisions: "Decision points",
  factors: "Contributing factors",
  work_as_done: "Work as imagined vs. work as done",
  actions: "Action items",
  lessons: "Lessons",
};

// One section in the template editor: hidden sections keep their questions while the editor is
// open, so hiding one by mistake and showing it again loses nothing.
export interface DraftSection {
  section: ReviewSectionName;
  shown: boolean;
  questions: string[];
}

// Every section: the template's, in its order and shown, then the others, hidden.
export function draftOf(template: ReviewTemplate): DraftSection[] {
  const listed = template.sections.map((section) => ({ section: section.section, shown: true, questions: [...section.questions] }));
  const hidden = kReviewSections
    .filter((name) => !template.sections.some((section) => section.section === name))
    .map((section) => ({ section, shown: false, questions: [] }));
  return [...listed, ...hidden];
}

// What PUT /review-templates/{severity} takes: the shown sections in order. Questions go as
// typed; the server says which are empty, too long or asked twice.
export function sectionsOf(draft: DraftSection[]): TemplateSection[] {
  return draft.filter((section) => section.shown).map(({ section, questions }) => ({ section, questions }));
}

// `draft` with the section at `index` moved by `by` places (-1 up, 1 down), when it can move.
export function moveSection(draft: DraftSection[], index: number, by: number): DraftSection[] {
  const target = index + by;
  if (target < 0 || target >= draft.length) return draft;
  const moved = [...draft];
  [moved[index], moved[target]] = [moved[target], moved[index]];
  return moved;
}

// A problem the server found in a template, placed in the editor: the section it is about (by
// name, which stays right when sections move) and, when it is about one, the question's place in
// that section.
export interface TemplateProblem {
  section?: ReviewSectionName;
  question?: number;
  detail: string;
}

// The server names where each problem is by its place in the sections it was sent
// ("sections[1].questions[0]", "sections[2]", "sections[2].questions"), and only shown sections
// are sent (`submitted`, as sectionsOf made it), so an index counts shown sections only. A field
// that names no sent section stays unplaced, for the form as a whole.
export function placeProblems(errors: FieldError[], submitted: TemplateSection[]): TemplateProblem[] {
  return errors.map(({ field, detail }) => {
    const where = /^sections\[(\d+)\](?:\.questions(?:\[(\d+)\])?)?$/.exec(field);
    const section = where ? submitted[Number(where[1])]?.section : undefined;
    if (!where || !section) return { detail };
    return where[2] === undefined ? { section, detail } : { section, question: Number(where[2]), detail };
  });
}

export interface ReviewPageSection {
  section: ReviewSectionName;
  questions: string[];
  // False for a section the template does not show: the page shows it only while it holds
  // something (written before the template changed), so nothing written vanishes from view.
  inTemplate: boolean;
}

// The template's sections in its order, then the others.
export function reviewPageSections(template: ReviewTemplate): ReviewPageSection[] {
  const listed = template.sections.map((section) => ({ section: section.section, questions: section.questions, inTemplate: true }));
  const others = kReviewSections
    .filter((name) => !template.sections.some((section) => section.section === name))
    .map((section) => ({ section, questions: [], inTemplate: false }));
  return [...listed, ...others];
}

export interface AskedQuestion {
  question: string;
  answer: ReviewAnswer | undefined;
  // False for an answer to a question the template no longer asks: it stays, marked as such.
  asked: boolean;
}

// The section's questions in the template's order with their answers, then the answers to
// questions it no longer asks, oldest first (as the export orders them).
export function questionsOf(section: ReviewSectionName, questions: string[], answers: ReviewAnswer[]): AskedQuestion[] {
  const mine = answers.filter((answer) => answer.section === section);
  const asked = questions.map((question) => ({ question, answer: mine.find((answer) => answer.question === question), asked: true }));
  const retired = mine
    .filter((answer) => !questions.includes(answer.question))
    .sort((a, b) => a.id - b.id)
    .map((answer) => ({ question: answer.question, answer, asked: false }));
  return [...asked, ...retired];
}
