import type { Connection, RowDataPacket } from 'mysql2/promise';
import type { ExitSources } from './blocks/exits';
import { dayBefore, parseDay, type PeriodContext } from './context';
import { diedBefore, firstPickupDuring, startedWithoutPickup, transferredAfterDrugsRanOut } from './indicators/flow';
import { MaterialisingSession } from './materialise';
import type { ReportDefinition } from './report';
import { join, sql, type Sql } from './sql';
import { resolveReportTerms } from './terms';

// The patient-flow balance an M&E officer checks first: the patients on ART at the end of a period are
// those on ART at its start, plus those who came in, minus those who left. Checked patient by patient,
// every exception is named by a rule of the report's flow.

/** A term of the balance: a cohort and what it means for the flow. */
export interface FlowTerm {
  code: string;
  label: string;
  /**
   * `before`/`after`: the stock at the start (the day before the period) and at the end; `in`/`out`: who
   * came in and who left; `fact`: not counted, a fact the rules read.
   */
  role: 'before' | 'after' | 'in' | 'out' | 'fact';
  cohort(ctx: PeriodContext): Sql;
}

/** A known reason why a patient's record breaks the identity, read from the terms the patient is in. */
export interface FlowRule {
  code: string;
  /** Why, in plain words: printed with the patients it covers. */
  description: string;
  matches(terms: ReadonlySet<string>): boolean;
}

export interface FlowDefinition {
  terms: readonly FlowTerm[];
  /** Tried in order; an exception no rule matches is "unexplained". */
  rules: readonly FlowRule[];
}

export interface BalanceException {
  patientId: number;
  nid: string | null;
  /** The terms the patient is in. */
  terms: string[];
  /** The first rule that matches, or "unexplained". */
  rule: string;
}

export interface FlowBalance {
  report: string;
  startDate: string;
  endDate: string;
  /** Patients per term, in the flow's order. */
  counts: Array<{ code: string; label: string; role: FlowTerm['role']; patients: number }>;
  /** before + in − out: what the end stock would be if every patient followed the identity. */
  expected: number;
  /** The patients whose stock change differs from their ins minus outs, by rule. */
  exceptions: BalanceException[];
}

/** The flow balance of `report` for the period on one facility database (nothing locked, as a report run). */
export async function flowBalance(
  conn: Connection,
  database: string,
  report: ReportDefinition,
  period: { startDate: string; endDate: string },
): Promise<FlowBalance> {
  const flow = report.flow;
  if (!flow) throw new Error(`${report.label} has no patient-flow balance`);
  const startDate = parseDay(period.startDate);
  const endDate = parseDay(period.endDate);
  const terms = await resolveReportTerms(conn, database);
  const ctx: PeriodContext = { terms, startDate, endDate, runDates: [dayBefore(startDate), endDate] };
  const session = new MaterialisingSession(conn);
  await conn.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
  await conn.query('START TRANSACTION');
  try {
    const memberships = join(
      flow.terms.map((t) => sql`SELECT DISTINCT m.patient_id, ${t.code} AS term FROM (${t.cohort(ctx)}) m`),
      ' UNION ALL ',
    );
    const rows = await session.rows<RowDataPacket>(sql`
      SELECT u.patient_id, GROUP_CONCAT(u.term) AS terms,
        (SELECT pi.identifier FROM patient_identifier pi
          WHERE pi.patient_id = u.patient_id AND pi.voided = 0 AND pi.identifier_type = ${terms.id('identifierType.nid')}
          ORDER BY pi.preferred DESC, pi.patient_identifier_id LIMIT 1) AS nid
      FROM (${memberships}) u GROUP BY u.patient_id ORDER BY nid, u.patient_id`);
    const role = new Map(flow.terms.map((t) => [t.code, t.role]));
    const counts = new Map(flow.terms.map((t) => [t.code, 0]));
    const exceptions: BalanceException[] = [];
    for (const r of rows) {
      const inTerms = new Set(String(r.terms).split(','));
      for (const code of inTerms) counts.set(code, counts.get(code)! + 1);
      const count = (wanted: FlowTerm['role']) => [...inTerms].filter((code) => role.get(code) === wanted).length;
      if (count('after') - count('before') === count('in') - count('out')) continue;
      const rule = flow.rules.find((candidate) => candidate.matches(inTerms));
      exceptions.push({
        patientId: Number(r.patient_id),
        nid: r.nid,
        terms: flow.terms.map((t) => t.code).filter((code) => inTerms.has(code)),
        rule: rule?.code ?? 'unexplained',
      });
    }
    const total = (wanted: FlowTerm['role']) =>
      flow.terms.filter((t) => t.role === wanted).reduce((sum, t) => sum + counts.get(t.code)!, 0);
    return {
      report: report.id,
      startDate,
      endDate,
      counts: flow.terms.map((t) => ({ code: t.code, label: t.label, role: t.role, patients: counts.get(t.code)! })),
      expected: total('before') + total('in') - total('out'),
      exceptions,
    };
  } finally {
    await session.close();
    await conn.query('COMMIT');
  }
}

/** The facts every flow's shared rules read: first pickup, start without a pickup, death, late transfer. */
export const FLOW_FACTS = (sources: ExitSources): FlowTerm[] => [
  {
    code: 'FIRST_PICKUP',
    label: 'Primeiro levantamento na US durante o período',
    role: 'fact',
    cohort: firstPickupDuring,
  },
  {
    code: 'NO_PICKUP',
    label: 'Início de TARV sem levantamento até ao fim do período',
    role: 'fact',
    cohort: startedWithoutPickup,
  },
  {
    code: 'DIED_BEFORE',
    label: 'Óbito registado antes do período',
    role: 'fact',
    cohort: (ctx) => diedBefore(ctx, sources),
  },
  {
    code: 'TRANSFER_LATE',
    label: 'Transferido para outra US no período, medicamentos esgotados antes dele',
    role: 'fact',
    cohort: (ctx) => transferredAfterDrugsRanOut(ctx, sources),
  },
];

/** The exceptions both reports share, for their own codes of stock and starts. */
export function flowRules(codes: { before: string; after: string; started: string }): FlowRule[] {
  const { before, after, started } = codes;
  return [
    {
      code: 'started-before-first-pickup',
      description: `counted as starting ART (${started}) by the start date its forms give — before 2023-12-21 any of the five sources, a Ficha Resumo written later included — with no drug pickup here by the end of the period: on ART (${after}) only from the first pickup`,
      matches: (t) => t.has(started) && t.has('NO_PICKUP') && !t.has(after),
    },
    {
      code: 'first-pickup-after-start',
      description: `on ART (${after}) from a first pickup during the period, the ART start dated in an earlier one (counted there as ${started})`,
      matches: (t) => t.has(after) && t.has('FIRST_PICKUP') && !t.has(before) && !t.has(started),
    },
    {
      code: 'back-after-death',
      description: `a FILA or consultation after a recorded death cancels the death (EPTS): back on ART (${after}) with no row for the return`,
      matches: (t) => t.has(after) && t.has('DIED_BEFORE') && !t.has(before),
    },
  ];
}

const SIGN: Record<FlowTerm['role'], string> = { before: ' ', after: '=', in: '+', out: '−', fact: ' ' };

/** The balance as an M&E officer reads it: the identity, the difference, and who makes it. */
export function balanceText(balance: FlowBalance, flow: FlowDefinition): string {
  const number = (n: number) => n.toLocaleString('en').padStart(9);
  const lines = [`Patient flow ${balance.startDate} – ${balance.endDate} (${balance.report})`];
  const shown = balance.counts.filter((c) => c.role !== 'fact' && c.role !== 'after');
  for (const c of shown) lines.push(`  ${SIGN[c.role]} ${c.code.padEnd(10)} ${number(c.patients)}  ${c.label}`);
  lines.push(`  = expected   ${number(balance.expected)}`);
  for (const c of balance.counts.filter((x) => x.role === 'after')) {
    lines.push(`    ${c.code.padEnd(10)} ${number(c.patients)}  ${c.label}`);
    lines.push(`    difference ${number(c.patients - balance.expected)}`);
  }
  const byRule = new Map<string, BalanceException[]>();
  for (const e of balance.exceptions) byRule.set(e.rule, [...(byRule.get(e.rule) ?? []), e]);
  if (byRule.size) lines.push(`  Patients that break the identity: ${balance.exceptions.length}`);
  for (const [code, patients] of byRule) {
    const description = flow.rules.find((r) => r.code === code)?.description ?? 'no rule explains these patients';
    lines.push(`    ${code} (${patients.length}): ${description}`);
    lines.push(`      ${patients.map((p) => `${p.nid ?? `#${p.patientId}`} [${p.terms.join(' ')}]`).join(', ')}`);
  }
  return lines.join('\n');
}
