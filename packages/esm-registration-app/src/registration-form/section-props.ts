import type { Problems, RegistrationValues } from '../domain/registration';

/** What every section of the form gets: the values, a way to change them, and their problems. */
export interface SectionProps {
  values: RegistrationValues;
  update: (patch: Partial<RegistrationValues>) => void;
  problems: Problems;
  problemText: (problem?: Problems[string]) => string | undefined;
}

/** Carbon's invalid/invalidText pair for a field. */
export function invalidProps(props: SectionProps, field: string) {
  const text = props.problemText(props.problems[field]);
  return { invalid: !!text, invalidText: text };
}
