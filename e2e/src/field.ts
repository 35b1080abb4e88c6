import type { BrowserContext, CDPSession, ConsoleMessage, Page } from 'playwright-core';
import { FILA_METADATA, NID_IDENTIFIER_TYPE } from '@poc-emr/fila';
import { demoUser, HD_MANHICA, newContext, signIn, watchProblems } from './browser';
import { NetworkRecorder } from './network';
import type { Spec } from './spec';

// Field conditions: a page behind a facility's link as Chromium's DevTools emulate it (throughput each
// way, latency added to every request, the link cut and back), and the journeys users make through it,
// each timed from its first action to the moment it can be used, with the bytes it downloaded. Shared by
// the field spec (e2e/test/field.test.ts) and `npm run bench:field`.

/** A link: throughput in bytes per second each way and the latency added to every request. */
export interface Link {
  label: string;
  bytesPerSecond: number;
  latencyMs: number;
}

/** The links the issue measures on: a rural facility's, and a district's. */
export const LINKS = {
  rural: { label: '10 KB/s', bytesPerSecond: 10_000, latencyMs: 300 },
  district: { label: '100 KB/s', bytesPerSecond: 100_000, latencyMs: 300 },
} satisfies Record<string, Link>;

/** One journey through a link: when it could be used, when its network went quiet, what it cost. */
export interface Measure {
  journey: string;
  cache: 'cold' | 'warm';
  /** From the journey's first action to its page usable (the element a user waits for on screen). */
  usableMs: number;
  /** To the last response of the journey (lazy chunks and calls that follow the usable page). */
  settledMs: number;
  requests: number;
  /** Bytes received on the wire (compressed bodies and headers). */
  downloadBytes: number;
  /** Request bodies sent. */
  uploadBytes: number;
  /** Scripts, stylesheets and fonts whose body came over the link (more than a revalidation's 1 KB). */
  codeDownloads: string[];
  /** Why the journey did not reach its usable page. */
  failed?: string;
}

const CODE = new Set(['Script', 'Stylesheet', 'Font']);

type Conditions = { offline: boolean; latency: number; downloadThroughput: number; uploadThroughput: number };

/**
 * The service workers of a page's context: they fetch for the page (and for themselves) outside its
 * DevTools session, so the page's link emulation does not reach them. Each is attached through the
 * browser's session as it appears, given the same link, and its requests are recorded with the page's.
 */
class ServiceWorkers {
  private readonly listeners = new Map<string, ((params: unknown) => void)[]>();
  private readonly sessions = new Set<string>();
  private conditions: Conditions | undefined;
  private nextId = 1;

  private constructor(
    private readonly cdp: CDPSession,
    private readonly contextId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      if (!this.sessions.has(e.sessionId)) return;
      const message = JSON.parse(e.message) as { method?: string; params?: unknown };
      if (message.method) for (const listener of this.listeners.get(message.method) ?? []) listener(message.params);
    });
    cdp.on('Target.targetCreated', (e) => void this.adopt(e.targetInfo).catch(() => undefined));
  }

  static async of(context: BrowserContext, page: CDPSession): Promise<ServiceWorkers> {
    const { targetInfo } = await page.send('Target.getTargetInfo');
    const browser = context.browser();
    if (!browser || !targetInfo.browserContextId) throw new Error('A field page needs a browser context of its own');
    const workers = new ServiceWorkers(await browser.newBrowserCDPSession(), targetInfo.browserContextId);
    // Announces the targets there already are, then each new one.
    await workers.cdp.send('Target.setDiscoverTargets', { discover: true });
    return workers;
  }

  /** As CDPSession.on, for the events of every worker: what NetworkRecorder listens with. */
  on(method: string, listener: (params: never) => void): this {
    this.listeners.set(method, [...(this.listeners.get(method) ?? []), listener as (params: unknown) => void]);
    return this;
  }

  async emulate(conditions: Conditions): Promise<void> {
    this.conditions = conditions;
    for (const session of this.sessions) await this.send(session, 'Network.emulateNetworkConditions', conditions);
  }

  close(): Promise<void> {
    return this.cdp.detach();
  }

  private async adopt(target: { targetId: string; type: string; browserContextId?: string }): Promise<void> {
    if (target.type !== 'service_worker' || target.browserContextId !== this.contextId) return;
    const { sessionId } = await this.cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    this.sessions.add(sessionId);
    await this.send(sessionId, 'Network.enable', {});
    if (this.conditions) await this.send(sessionId, 'Network.emulateNetworkConditions', this.conditions);
  }

  private send(sessionId: string, method: string, params: object): Promise<unknown> {
    const message = JSON.stringify({ id: this.nextId++, method, params });
    return this.cdp.send('Target.sendMessageToTarget', { sessionId, message });
  }
}

/** A page whose every request goes through `link` (or through no emulation at all until connected). */
export class FieldPage {
  private constructor(
    readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly workers: ServiceWorkers,
    readonly network: NetworkRecorder,
    readonly link: Link,
  ) {}

  /** A journey through 10 KB/s takes minutes: waits are bounded by what the link carries in 3 MB. */
  get timeoutMs(): number {
    return Math.max(60_000, (3_000_000 / this.link.bytesPerSecond) * 1000);
  }

  /** A new page in `context`, behind `link` from its first request. */
  static async open(context: BrowserContext, link: Link): Promise<FieldPage> {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const workers = await ServiceWorkers.of(context, cdp);
    const network = await NetworkRecorder.attach(page, cdp);
    network.listen(workers as unknown as Pick<CDPSession, 'on'>);
    const field = new FieldPage(page, cdp, workers, network, link);
    page.setDefaultTimeout(field.timeoutMs);
    await field.connect();
    return field;
  }

  /** The link as configured (throughput and latency). */
  connect(): Promise<unknown> {
    const { bytesPerSecond, latencyMs } = this.link;
    return this.emulate({ offline: false, latency: latencyMs, bytesPerSecond });
  }

  /** The link dropped: every request in flight fails and new ones fail at once, as a browser offline. */
  cut(): Promise<unknown> {
    return this.emulate({ offline: true, latency: 0, bytesPerSecond: -1 });
  }

  /** No emulation: to fill the cache as an earlier visit would have, without paying the link's time. */
  lan(): Promise<unknown> {
    return this.emulate({ offline: false, latency: 0, bytesPerSecond: -1 });
  }

  /** The page closed, and its hold on the context's service workers released. */
  async close(): Promise<void> {
    await this.page.close();
    await this.workers.close();
  }

  private async emulate(c: { offline: boolean; latency: number; bytesPerSecond: number }): Promise<void> {
    const conditions = {
      offline: c.offline,
      latency: c.latency,
      downloadThroughput: c.bytesPerSecond,
      uploadThroughput: c.bytesPerSecond,
    };
    await this.cdp.send('Network.emulateNetworkConditions', conditions);
    await this.workers.emulate(conditions);
  }

  /**
   * Times `journey` (its first action to its usable page, which it waits for), then lets the network
   * settle to count what the journey downloaded. A journey that fails is measured too, with why: at
   * once when an app could not load a chunk of its code (webpack gives each chunk 120 s).
   */
  async measure(journey: string, cache: Measure['cache'], run: (page: Page) => Promise<void>): Promise<Measure> {
    this.network.reset();
    const started = Date.now();
    let failed: string | undefined;
    let onConsole: (message: ConsoleMessage) => void = () => undefined;
    const chunkFailed = new Promise<never>((_, reject) => {
      onConsole = (message) => {
        if (/ChunkLoadError/.test(message.text())) reject(new Error(message.text().split('\n')[0]));
      };
    });
    this.page.on('console', onConsole);
    try {
      await Promise.race([run(this.page), chunkFailed]);
    } catch (error) {
      failed = (error as Error).message.split('\n')[0].slice(0, 120);
    } finally {
      this.page.off('console', onConsole);
    }
    const usableMs = Date.now() - started;
    // The quiet needed grows with the latency: one round trip without a request starting.
    const quietMs = Math.max(1000, 3 * this.link.latencyMs);
    if (!failed) await this.network.idle(quietMs, this.timeoutMs);
    const settledMs = Math.max(usableMs, Date.now() - started - quietMs);
    const list = this.network.list();
    return {
      journey,
      cache,
      usableMs,
      settledMs,
      requests: list.length,
      downloadBytes: list.reduce((sum, r) => sum + r.encodedBytes, 0),
      uploadBytes: list.reduce((sum, r) => sum + r.requestBytes, 0),
      codeDownloads: list.filter((r) => CODE.has(r.type) && r.encodedBytes > 1024).map((r) => new URL(r.url).pathname),
      failed,
    };
  }
}

/** Client-side navigation, as an app's link does it (single-spa reroutes on pushState). */
export function navigate(page: Page, url: string): Promise<void> {
  return page.evaluate((to) => window.history.pushState(null, '', to), url);
}

// ---------- the journeys ----------

/** The login page until its user name field is on screen. */
export async function loginPage(page: Page, spaUrl: string): Promise<void> {
  await page.goto(`${spaUrl}login`, { waitUntil: 'commit' });
  await page.getByLabel('Nome do Utilizador').waitFor();
}

/** From the filled-in login form to the data clerk's home ("Registo"), at the server's facility she starts at. */
export async function logInToRegisto(page: Page): Promise<void> {
  const user = demoUser('Data Clerk');
  await page.getByLabel('Nome do Utilizador').fill(user.username);
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByRole('textbox', { name: 'Senha' }).fill(user.password);
  await page.getByRole('button', { name: 'Entrar no Sistema' }).click();
  await page.getByRole('searchbox', { name: 'Pesquisar utente' }).waitFor();
  await page.getByRole('heading', { name: 'Registo de utentes' }).waitFor();
}

/** From a signed-in page of the SPA to the empty registration form. */
export async function registrationForm(page: Page, spaUrl: string): Promise<void> {
  await navigate(page, `${spaUrl}registo/novo`);
  await page.getByRole('heading', { name: 'Registar utente' }).waitFor();
  // The form's last field, a date picker (its segments are labelled alike, hence the id).
  await page.locator('#hivTestDate').waitFor();
}

/** The chart's Patient Summary widgets as the shipped apps title them in Portuguese. */
const SUMMARY_WIDGETS = ['Sinais vitais e biométricos', 'Condições', 'Medicamentos activos'];

/** From a signed-in page to the patient's chart: banner with their name, then the summary with the HIV card. */
export async function chart(page: Page, spaUrl: string, patient: { uuid: string; name: string }): Promise<void> {
  await navigate(page, `${spaUrl}patient/${patient.uuid}/chart/Patient Summary`);
  await page.getByRole('banner').getByText(patient.name).first().waitFor();
  await page.waitForFunction(
    (widgets) => {
      const text = document.body.textContent ?? '';
      const hiv = document.querySelector('section[aria-label="Resumo de HIV"]');
      return (
        widgets.every((w) => text.includes(w)) &&
        Boolean(hiv?.textContent?.includes('PEPFAR:')) &&
        !document.querySelector('[class*="skeleton"], .cds--inline-loading, .cds--loading')
      );
    },
    SUMMARY_WIDGETS,
    { polling: 500 },
  );
}

/** From a signed-in page to Farmácia's dispensing form for the patient of `nid`, found as a scanner types it. */
export async function dispensing(page: Page, spaUrl: string, nid: string): Promise<void> {
  await navigate(page, `${spaUrl}home/farmacia`);
  const search = page.getByRole('searchbox', { name: 'NID' });
  await search.fill(nid);
  await search.press('Enter');
  await page.getByRole('form', { name: 'Dispensar ARV' }).waitFor();
}

// ---------- printing ----------

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const kb = (bytes: number) => `${Math.round(bytes / 1000)} KB`;

/** A Markdown table of the measures, as docs/benchmarks.md records them. */
export function table(link: Link, measures: Measure[]): string {
  const rows = measures.map(
    (m) =>
      `| ${m.journey} | ${m.cache} | ${m.failed ? `failed after ${seconds(m.usableMs)}: ${m.failed}` : seconds(m.usableMs)} | ` +
      `${seconds(m.settledMs)} | ${m.requests} | ` +
      `${kb(m.downloadBytes)} | ${kb(m.uploadBytes)} |`,
  );
  return [
    `${link.label} each way, ${link.latencyMs} ms latency:`,
    '',
    '| journey | cache | usable | settled | requests | down | up |',
    '| ------- | ----- | -----: | ------: | -------: | ---: | -: |',
    ...rows,
  ].join('\n');
}

// ---------- the matrix ----------

/** The patient on ART with the most FILA pickups: an HIV summary to show and a regimen to dispense. */
export async function patientOnArt(spec: Spec): Promise<{ uuid: string; name: string; nid: string }> {
  const [row] = await spec.rows(
    `SELECT p.uuid, n.given_name, n.family_name, i.identifier AS nid, COUNT(*) AS pickups FROM person p
     JOIN encounter e ON e.patient_id = p.person_id AND e.voided = 0
     JOIN encounter_type t ON t.encounter_type_id = e.encounter_type AND t.uuid = ?
     JOIN person_name n ON n.person_id = p.person_id AND n.voided = 0 AND n.preferred = 1
     JOIN patient_identifier i ON i.patient_id = p.person_id AND i.voided = 0
     JOIN patient_identifier_type it ON it.patient_identifier_type_id = i.identifier_type AND it.uuid = ?
     WHERE p.voided = 0 AND p.dead = 0 GROUP BY p.person_id ORDER BY pickups DESC, p.person_id LIMIT 1`,
    [FILA_METADATA.encounterType, NID_IDENTIFIER_TYPE],
  );
  return { uuid: String(row.uuid), name: `${String(row.given_name)} ${String(row.family_name)}`, nid: String(row.nid) };
}

/**
 * Every journey behind `link`, with an empty cache and then a warm one (the same browser profile, a new
 * tab, the session gone as the next morning): the data clerk's login page, login and registration form;
 * the clinician's chart and the pharmacist's dispensing form, each after the home page was loaded
 * without emulation (what comes before them is measured by the login journeys).
 */
export async function fieldJourneys(spec: Spec, link: Link): Promise<Measure[]> {
  const { spaUrl, origin, browser } = spec.stack;
  const patient = await patientOnArt(spec);
  const measures: Measure[] = [];
  const openField = async (context: BrowserContext) => {
    const field = await FieldPage.open(context, link);
    watchProblems(field.page, spec.problems);
    return field;
  };

  const clerk = await newContext(browser);
  try {
    for (const cache of CACHES) {
      await clerk.clearCookies();
      const field = await openField(clerk);
      measures.push(await field.measure('login page', cache, (page) => loginPage(page, spaUrl)));
      measures.push(await field.measure('login → Registo', cache, logInToRegisto));
      measures.push(await field.measure('registration form', cache, (page) => registrationForm(page, spaUrl)));
      await field.close();
    }
  } finally {
    await clerk.close();
  }

  const after = async (role: string, journey: string, run: (page: Page) => Promise<void>) => {
    const context = await newContext(browser);
    try {
      await signIn(context, origin, role);
      for (const cache of CACHES) {
        const field = await openField(context);
        await field.lan();
        await field.page.goto(`${spaUrl}home`);
        await field.page.getByRole('banner').getByText(HD_MANHICA.name).waitFor();
        await field.network.idle();
        await field.connect();
        measures.push(await field.measure(journey, cache, run));
        await field.close();
      }
    } finally {
      await context.close();
    }
  };
  await after('Clinician', 'chart with HIV summary', (page) => chart(page, spaUrl, patient));
  await after('Pharmacist', 'dispensing form', (page) => dispensing(page, spaUrl, patient.nid));
  return measures;
}

const CACHES = ['cold', 'warm'] as const;
