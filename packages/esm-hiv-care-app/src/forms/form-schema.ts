// O3 form schemas as the o3forms module serves them (/ws/rest/v1/o3/forms/<name or uuid>).

export interface FormQuestion {
  id: string;
  type?: string;
  validators?: Array<Record<string, unknown>>;
  questions?: FormQuestion[];
  [key: string]: unknown;
}

export interface FormSchema {
  uuid: string;
  name: string;
  encounterType?: { uuid: string; display?: string };
  pages: Array<{ label?: string; sections: Array<{ label?: string; questions: FormQuestion[] }> }>;
  [key: string]: unknown;
}

/** A copy of the schema with `validator` added to every question, nested ones included. */
export function withValidatorOnEveryQuestion(schema: FormSchema, validator: Record<string, unknown>): FormSchema {
  const add = (q: FormQuestion): FormQuestion => ({
    ...q,
    validators: [...(q.validators ?? []), validator],
    ...(q.questions ? { questions: q.questions.map(add) } : {}),
  });
  return {
    ...schema,
    pages: schema.pages.map((page) => ({
      ...page,
      sections: page.sections.map((section) => ({ ...section, questions: section.questions.map(add) })),
    })),
  };
}
