import fs from 'node:fs';
import path from 'node:path';

// The rules written as expressions in the forms of distro/configuration/ampathforms, evaluated by the
// form engine's evaluator with the values a clinician would type.

interface FormField {
  id: string;
  questionOptions?: { rendering?: string };
  validators?: Array<{ type: string; message?: string }>;
  questions?: FormField[];
}
type Result = { resultType: string; message: string };

// The form engine's own expression validator, not a mock: the forms' rules run as they will in the chart.
// Required by name (not imported) so that type checking stays out of the engine's sources.
const { ExpressionValidator } = jest.requireActual<{
  ExpressionValidator: { validate(field: FormField, value: unknown, config: object): Result[] };
}>('@openmrs/esm-form-engine-lib/src/validators/js-expression-validator');

// The engine's registry brings every input control (and their ES-module-only dependencies) with it; the
// evaluator asks it only for expression helpers registered by apps, of which ours registers none.
jest.mock('@openmrs/esm-form-engine-lib/src/registry/registry', () => ({ getRegisteredExpressionHelpers: () => ({}) }));

const FORMS = path.join(__dirname, '../../../../distro/configuration/ampathforms');

function fieldsOf(form: string): FormField[] {
  const schema = JSON.parse(fs.readFileSync(path.join(FORMS, form), 'utf8'));
  const flat = (questions: FormField[]): FormField[] => questions.flatMap((q) => [q, ...flat(q.questions ?? [])]);
  return schema.pages.flatMap((p: { sections: { questions: FormField[] }[] }) =>
    p.sections.flatMap((s) => flat(s.questions)),
  );
}

function validate(fields: FormField[], id: string, values: Record<string, unknown>) {
  const field = fields.find((f) => f.id === id)!;
  return (field.validators ?? [])
    .filter((v) => v.type === 'js_expression')
    .flatMap((v) =>
      ExpressionValidator.validate(field, values[id], {
        ...v,
        formFields: fields,
        values,
        expressionContext: { mode: 'enter', patient: { sex: 'F', age: 34 } },
      }),
    )
    .map((r) => [r.resultType, r.message]);
}

const consultation = new Date(2026, 11, 7, 9, 30);

test.each(['ficha-clinica-adulto.json', 'ficha-clinica-crianca.json'])(
  '%s: the next consultation must come after this one',
  (form) => {
    const fields = fieldsOf(form);
    const on = (next: Date | undefined) =>
      validate(fields, 'nextConsultation', { encDate: consultation, nextConsultation: next });
    const refused = [['error', 'A próxima consulta é depois desta.']];
    expect(on(new Date(2026, 10, 30))).toEqual(refused);
    expect(on(new Date(2026, 11, 7))).toEqual(refused);
    expect(on(new Date(2027, 0, 6))).toEqual([]);
    // Not answered yet: "required" speaks for it, not this rule.
    expect(on(undefined)).toEqual([]);
  },
);

test('fsr-carga-viral.json: a sample is not collected before it was requested', () => {
  const fields = fieldsOf('fsr-carga-viral.json');
  const on = (collected: Date) => validate(fields, 'collected', { encDate: consultation, collected });
  expect(on(new Date(2026, 11, 6))).toEqual([['error', 'A colheita não pode ser antes do pedido.']]);
  expect(on(new Date(2026, 11, 7))).toEqual([]);
});

// The engine's evaluator computes both sides of && and || before combining them (only ?: is lazy): an
// expression that throws on an unanswered question logs an error at every keystroke and checks nothing.
test.each(fs.readdirSync(FORMS))('%s: every expression runs on an empty and on a filled form', (form) => {
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const fields = fieldsOf(form);
  const filled = Object.fromEntries(
    fields.map((f) => [f.id, f.questionOptions?.rendering === 'date' ? consultation : 'x']),
  );
  for (const field of fields.filter((f) => f.validators?.some((v) => v.type === 'js_expression'))) {
    validate(fields, field.id, {});
    validate(fields, field.id, filled);
  }
  expect(errors.mock.calls).toEqual([]);
  errors.mockRestore();
});
