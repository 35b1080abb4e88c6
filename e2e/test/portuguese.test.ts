import type { Page } from 'playwright-core';
import { HD_MANHICA, newContext } from '../src/browser';
import { type Row, useSpec } from '../src/spec';

// A Portuguese session walks the main pages — login, location, the role homes, the Registo search with
// several pages of results, a chart (summary, visits, programmes and their menu, the visit form) — and
// looks for English UI strings in what is on screen and in the labels a screen reader or a tooltip
// gives (aria-label, title, placeholder, alt). The list is the English a field test found plus the
// commonest words of the O3 apps; data (names, places, concepts) is Portuguese in the demo.

const ENGLISH: RegExp[] = [
  /Built with|Learn more|open-source medical record/,
  /Search for a location|Change location|\bLog ?out\b|User menu/,
  /Items per page|\bof \d+ pages?\b|\d+[–-]\d+ of \d+|\bPrevious page\b|\bNext page\b/,
  /An error has occurred|Something went wrong/,
  /Add visit|Start (a )?visit|\bOngoing\b|In the past|The visit is|\bNew\b/,
  /Completed forms|\bTimeline\b|\bEncounters?\b|Time started/,
  /\bEdit\b|\bDelete\b|\bYYYY\b|\bDD\/MM\b|\bMM\/DD\b/,
  /\bLoading\b|\bSearch(ing)?\b|\bClose\b|\bCancel\b|\bSave\b|\bActions\b|\bNo results\b/,
  /\bPatients?\b|\bVisits?\b|\bAddress\b|\bUnknown\b|\bMale\b|\bFemale\b|\bShow (more|less|details)\b/,
];

const spec = useSpec();

/** Each English string on the page, with the text it was found in. */
async function englishOn(page: Page, where: string): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  const texts = await page.evaluate(() => {
    const seen = [document.body.innerText];
    for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')) {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = el.getAttribute(name);
        if (value) seen.push(value);
      }
    }
    return seen;
  });
  return texts.flatMap((text) =>
    ENGLISH.flatMap((re) => {
      const match = text.match(re);
      if (!match) return [];
      const at = match.index ?? 0;
      return [`${where}: "${match[0]}" in "${text.slice(Math.max(0, at - 40), at + 40).replace(/\s+/g, ' ')}"`];
    }),
  );
}

test('the ENGLISH list finds English and spares Portuguese', () => {
  const hits = (text: string) => ENGLISH.filter((re) => re.test(text)).length;
  for (const english of ['Items per page:', '1–10 of 35 items', 'of 4 pages', 'Add visit', 'Edit', 'YYYY']) {
    expect([english, hits(english)]).toEqual([english, 1]);
  }
  for (const pt of ['Itens por página:', '1–10 de 35 itens', 'Editar', 'Visitas', 'Novo utente', 'AAAA', 'Total']) {
    expect([pt, hits(pt)]).toEqual([pt, 0]);
  }
});

test('login, location and home of a clinician, in Portuguese only', async () => {
  const context = await newContext(spec.stack.browser);
  const page = await context.newPage();
  const found: string[] = [];
  try {
    await page.goto(`${spec.stack.spaUrl}login`);
    await page.getByLabel('Nome do Utilizador').waitFor();
    found.push(...(await englishOn(page, 'login')));
    await page.getByLabel('Nome do Utilizador').fill('clinico');
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('textbox', { name: 'Senha' }).fill('Clinico123');
    found.push(...(await englishOn(page, 'password')));
    await page.getByRole('button', { name: 'Entrar no Sistema' }).click();
    await page.getByText(HD_MANHICA.name, { exact: true }).waitFor();
    found.push(...(await englishOn(page, 'location picker')));
    await page.getByText(HD_MANHICA.name, { exact: true }).click();
    await page.getByRole('button', { name: 'Confirmar' }).click();
    await page.waitForURL(/\/home\/seguimento$/);
    await page.getByRole('heading', { name: 'Seguimento', exact: true }).waitFor();
    found.push(...(await englishOn(page, 'home (Seguimento)')));
  } finally {
    await context.close();
  }
  expect(found).toEqual([]);
});

test('the Registo search with several pages, and a chart, in Portuguese only', async () => {
  const [common] = await spec.rows(
    `SELECT family_name, COUNT(*) AS n FROM person_name WHERE voided = 0 GROUP BY family_name
     ORDER BY n DESC, family_name LIMIT 1`,
  );
  expect(Number(common.n)).toBeGreaterThan(10);
  const [patient]: Row[] = await spec.rows(
    `SELECT p.uuid FROM person p JOIN patient_program pp ON pp.patient_id = p.person_id AND pp.voided = 0
     WHERE p.voided = 0 AND p.dead = 0 ORDER BY p.person_id LIMIT 1`,
  );
  const page = await spec.pageAs('Clinician');
  const found: string[] = [];

  await page.goto(`${spec.stack.spaUrl}home/registo`);
  await page.getByRole('searchbox', { name: 'Pesquisar utente' }).fill(String(common.family_name));
  await page.getByText('Itens por página:').waitFor();
  found.push(...(await englishOn(page, 'Registo search')));

  const chart = `${spec.stack.spaUrl}patient/${String(patient.uuid)}/chart`;
  await page.goto(`${chart}/Patient Summary`);
  await page.getByRole('banner').first().waitFor();
  const details = page.getByRole('button', { name: /Mostrar detalhes/ });
  if (await details.count()) await details.first().click();
  found.push(...(await englishOn(page, 'chart summary')));

  await page.getByRole('link', { name: 'Visitas' }).click();
  await page.getByRole('table').first().waitFor();
  found.push(...(await englishOn(page, 'chart visits')));

  await page.goto(`${chart}/Programs`);
  await page.getByText('SERVICO TARV - TRATAMENTO').first().waitFor();
  await page.getByRole('button', { name: 'Editar ou apagar o programa' }).first().click();
  await page.getByRole('menuitem').first().waitFor();
  found.push(...(await englishOn(page, 'programme menu')));
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Iniciar visita' }).first().click();
  await page.getByText('Em curso').first().waitFor();
  found.push(...(await englishOn(page, 'visit form')));

  expect(found).toEqual([]);
});

test('the pharmacist and the M&E officer land on their homes, in Portuguese only', async () => {
  const found: string[] = [];
  for (const [role, home] of [
    ['Pharmacist', 'farmacia'],
    ['M&E Officer', 'relatorios'],
  ]) {
    const page = await spec.pageAs(role);
    await page.goto(`${spec.stack.spaUrl}home`);
    await page.waitForURL(new RegExp(`/home/${home}$`));
    await page.getByRole('main').waitFor();
    found.push(...(await englishOn(page, `${role} home`)));
  }
  expect(found).toEqual([]);
});
