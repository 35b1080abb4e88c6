import fs from 'node:fs';
import { gzipBytes, NetworkRecorder } from '../src/network';
import { useSpec } from '../src/spec';

// Our reports app (packages/esm-reports-app) and the report service behind the gateway, in Portuguese:
// the M&E officer runs last month's Resumo Mensal, opens the patients of a cell, downloads the Excel
// form and sends it to the SIS-MA stand-in; a clinician opens the faltosos list and a patient from it.

const spec = useSpec({ patients: 150 });
const pageAs = (role: string) => spec.pageAs(role);

test("the M&E officer runs the Resumo Mensal, opens a cell's patients, downloads the form, sends it to SIS-MA", async () => {
  const page = await pageAs('M&E Officer');
  const network = await NetworkRecorder.attach(page);
  await page.goto(`${spec.stack.spaUrl}home/relatorios`);
  const run = page.getByRole('button', { name: 'Correr relatório' });
  await run.waitFor();

  const clicked = performance.now();
  await run.click();
  const total = page.getByRole('button', { name: /^B13: \d+$/ });
  await total.waitFor({ timeout: 120_000 });
  const runToForm = performance.now() - clicked;
  await network.idle();
  const appFiles = network.list().filter((r) => r.url.includes('/esm-reports-app-') && /\.js$/.test(r.url));
  const appGzip = appFiles.reduce((sum, r) => sum + gzipBytes(r.url), 0);
  await page.getByText('Activos em TARV no fim do mês', { exact: false }).first().waitFor();

  // The patients behind the total: as many as it counts, each opening their chart.
  const count = Number((await total.getAttribute('aria-label'))!.split(': ')[1]);
  expect(count).toBeGreaterThan(0);
  await total.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('table').waitFor();
  expect(await dialog.getByText(`${count} utentes`).count()).toBeGreaterThan(0);
  const firstPatient = dialog.getByRole('table').getByRole('link').first();
  const href = await firstPatient.getAttribute('href');
  expect(href).toMatch(/\/openmrs\/spa\/patient\/[0-9a-f-]{36}\/chart$/);
  await dialog.getByRole('button', { name: 'Fechar' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // The Excel laid out like the MISAU form.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Excel (formulário MISAU)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^resumo-mensal_\d{4}-\d{2}_1100407\.xlsx$/);
  expect(
    fs
      .readFileSync((await download.path())!)
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');

  // SIS-MA: the test first, its summary, then the real send.
  await page.getByRole('button', { name: 'Testar envio (dry run)' }).click();
  await page.getByText('Teste aprovado: o SIS-MA aceitaria todos os valores').waitFor();
  expect(spec.stack.reports!.sisma.values.size).toBe(0);
  await page.getByRole('button', { name: 'Enviar agora para o SIS-MA' }).click();
  await page.getByRole('list', { name: 'Envios anteriores' }).getByText('Enviado para o SIS-MA').waitFor();
  expect(spec.stack.reports!.sisma.values.size).toBeGreaterThan(100);
  await page.getByRole('table', { name: 'Envios ao SIS-MA' }).getByText('Enviado', { exact: true }).first().waitFor();

  console.log(
    [
      `Resumo Mensal, run to the full form on screen: ${(runToForm / 1000).toFixed(1)} s (e2e facility, 150 patients)`,
      `Reports app JavaScript at first use: ${appFiles.length} files, ${(appGzip / 1024).toFixed(1)} KiB gzip`,
    ].join('\n'),
  );
  expect(appGzip).toBeLessThanOrEqual(150 * 1024);
});

test('a clinician opens the faltosos list of their facility and a patient from it', async () => {
  const page = await pageAs('Clinician');
  await page.goto(`${spec.stack.spaUrl}home/seguimento`);
  await page.getByRole('heading', { name: 'Faltosos e abandonos ao levantamento de ARV' }).waitFor();
  const table = page.getByRole('table', { name: /\d+ utentes/ });
  await table.waitFor();
  const patient = table.getByRole('link').first();
  const name = await patient.textContent();
  await patient.click();
  await page.waitForURL(/\/patient\/[0-9a-f-]{36}\/chart/);
  await page.getByText(name!, { exact: false }).first().waitFor();
});

test('the data clerk sees neither dashboard, and the service refuses her', async () => {
  const page = await pageAs('Data Clerk');
  await page.goto(`${spec.stack.spaUrl}home`);
  await page.getByRole('link', { name: 'Registo' }).first().waitFor();
  expect(await page.getByRole('link', { name: 'Relatórios' }).count()).toBe(0);
  expect(await page.getByRole('link', { name: 'Seguimento' }).count()).toBe(0);
  const answer = await page.request.get(`${spec.stack.origin}/openmrs/ws/poc-emr/reports`);
  expect(answer.status()).toBe(403);
});
