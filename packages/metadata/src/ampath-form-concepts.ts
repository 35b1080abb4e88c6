import { cell, uuidOf, type Row } from './configuration';
import type { AmpathForm } from './ampath-forms';
import type { ValidationIssue } from './issues';
import { splitList } from './values';

// What the form engine writes is decided by the concepts a form names: an obs of a concept the
// dictionary lacks fails on submit, an answer that is not one of the concept's answers is a value the
// reports never count, and a rendering that does not fit the datatype writes the wrong obs column.
// So a form's questions are checked against concepts/ before Initializer loads it.

/** The concept datatypes each rendering writes (renderings not listed here are not checked). */
const DATATYPES_OF_RENDERING: Record<string, readonly string[]> = {
  date: ['Date', 'Datetime'],
  datetime: ['Datetime', 'Date'],
  number: ['Numeric'],
  text: ['Text'],
  textarea: ['Text'],
  radio: ['Coded'],
  select: ['Coded'],
  checkbox: ['Coded'],
  'checkbox-searchable': ['Coded'],
  'content-switcher': ['Coded'],
  'ui-select-extended': ['Coded'],
  group: ['N/A'],
};

interface Question {
  id?: unknown;
  type?: unknown;
  questionOptions?: { rendering?: unknown; concept?: unknown; answers?: { concept?: unknown }[] };
  questions?: Question[];
}

/** Every question of a parsed schema, nested ones (obs groups) included. */
export function formQuestions(schema: unknown): Question[] {
  const found: Question[] = [];
  const walk = (questions: unknown) => {
    if (!Array.isArray(questions)) return;
    for (const q of questions as Question[]) {
      found.push(q);
      walk(q.questions);
    }
  };
  const pages = (schema as { pages?: { sections?: { questions?: unknown }[] }[] }).pages;
  for (const page of Array.isArray(pages) ? pages : []) {
    for (const section of Array.isArray(page.sections) ? page.sections : []) walk(section.questions);
  }
  return found;
}

/** The line of a question in the file, for the message (1 when the id cannot be found). */
function lineOf(json: string, id: string): number {
  const at = json.indexOf(`"id": "${id}"`);
  return at < 0 ? 1 : json.slice(0, at).split('\n').length;
}

export function checkFormConcepts(forms: AmpathForm[], concepts: Row[]): ValidationIssue[] {
  const byUuid = new Map(concepts.map((r) => [uuidOf(r).toLowerCase(), r]));
  const issues: ValidationIssue[] = [];
  for (const form of forms) {
    for (const q of formQuestions(JSON.parse(form.json))) {
      const options = q.questionOptions;
      if (typeof options?.concept !== 'string') continue;
      const id = typeof q.id === 'string' ? q.id : '?';
      const issue = (message: string) =>
        issues.push({ file: form.file, line: lineOf(form.json, id), field: id, message });
      const concept = byUuid.get(options.concept.toLowerCase());
      if (!concept) {
        issue(`No concept with uuid ${options.concept} in concepts/`);
        continue;
      }
      const datatype = cell(concept, 'Data type');
      const fits = typeof options.rendering === 'string' ? DATATYPES_OF_RENDERING[options.rendering] : undefined;
      if (fits && datatype && !fits.includes(datatype)) {
        issue(
          `Rendering "${options.rendering}" does not fit concept ${options.concept}, whose datatype is ${datatype}`,
        );
      }
      const allowed = new Set(splitList(cell(concept, 'Answers')).map((a) => a.toLowerCase()));
      for (const answer of Array.isArray(options.answers) ? options.answers : []) {
        if (typeof answer?.concept !== 'string') {
          issue('An answer without a concept uuid');
        } else if (!byUuid.has(answer.concept.toLowerCase())) {
          issue(`No concept with uuid ${answer.concept} in concepts/ (an answer)`);
        } else if (!allowed.has(answer.concept.toLowerCase())) {
          issue(`${answer.concept} is not one of the answers of concept ${options.concept}`);
        }
      }
    }
  }
  return issues;
}
