// The part of @openmrs/esm-form-engine-lib this app uses. The package's "types" point at its TypeScript
// sources, which do not compile under this repository's strict settings, so tsconfig.json maps the
// package to this file.
import type { FC } from 'react';
import type { Visit } from '@openmrs/esm-framework';

export interface FormField {
  id: string;
  type?: string;
  [key: string]: unknown;
}

export interface ValidationResult {
  resultType: 'warning' | 'error';
  errCode?: string;
  message: string;
}

export interface FormFieldValidator {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  validate(field: FormField, value?: any, config?: any): ValidationResult[];
}

export interface ComponentRegistration<T> {
  name: string;
  load: () => Promise<{ default: T }>;
}

export function registerFieldValidator(registration: ComponentRegistration<FormFieldValidator>): void;

export type PreFilledQuestions = Record<string, string | number | Date | boolean | Array<string>>;

export const FormEngine: FC<{
  patientUUID: string;
  formUUID?: string;
  formJson?: object;
  encounterUUID?: string;
  visit?: Visit;
  formSessionIntent?: string;
  mode?: 'enter' | 'edit' | 'view' | 'embedded-view';
  onSubmit?: (data: unknown) => void;
  onCancel?: () => void;
  handleClose?: () => void;
  markFormAsDirty?: (isDirty: boolean) => void;
  hideControls?: boolean;
  hidePatientBanner?: boolean;
  preFilledQuestions?: PreFilledQuestions;
}>;
