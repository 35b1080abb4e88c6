import type { Page } from 'playwright-core';
import { fillDate } from './browser';

// The registration form (packages/esm-registration-app) as a data clerk fills it: shared by the specs
// that register patients.

export interface NewPerson {
  given: string;
  family: string;
  sex: 'F' | 'M';
  /** YYYY-MM-DD */
  birthdate: string;
}

export async function fillPerson(page: Page, person: NewPerson): Promise<void> {
  await page.getByLabel('Nome', { exact: true }).fill(person.given);
  await page.getByLabel('Apelido', { exact: true }).fill(person.family);
  await page.locator(`label[for=sex-${person.sex}]`).click();
  await fillDate(page, 'birthdate', person.birthdate);
}

export const save = (page: Page) => page.getByRole('button', { name: 'Gravar' }).click();
