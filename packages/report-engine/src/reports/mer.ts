import { pregnancyStatus, pregnancyStatusDuring } from '../blocks/pregnancy';
import { cohortColumn, pepfarAge, sex } from '../dimensions';
import { MMD_BANDS, txCurr } from '../indicators/tx-curr';
import { TX_ML_OUTCOMES, txMl } from '../indicators/tx-ml';
import { txNew } from '../indicators/tx-new';
import { txPvlsDenominator, txPvlsNumerator } from '../indicators/tx-pvls';
import { INTERRUPTION_BANDS, txRtt } from '../indicators/tx-rtt';
import { FLOW_FACTS, flowRules, type FlowDefinition } from '../balance';
import { pickupsDuring } from '../blocks/pickups';
import { transfersInDuring } from '../blocks/transferred-in';
import { at, dayBefore } from '../context';
import type { Dimension, ReportDefinition } from '../report';
import { raw, sql } from '../sql';

const age = pepfarAge();
const labelled = (codes: readonly string[], labels: Record<string, string>) =>
  codes.map((code) => ({ code, label: labels[code] ?? code }));

const mmd = cohortColumn(
  'mmd',
  'Dispensa',
  'mmd',
  labelled(MMD_BANDS, { '<3': 'Menos de 3 meses', '3-5': '3 a 5 meses', '6+': '6 ou mais meses' }),
);
const outcome = cohortColumn(
  'outcome',
  'Resultado',
  'outcome',
  labelled(TX_ML_OUTCOMES, {
    died: 'Óbito',
    'iit<3': 'Interrupção, < 3 meses em TARV',
    'iit3-5': 'Interrupção, 3 a 5 meses em TARV',
    'iit6+': 'Interrupção, 6+ meses em TARV',
    transferred: 'Transferido para',
    stopped: 'Recusou/suspendeu o tratamento',
  }),
);
const interruption = cohortColumn(
  'interruption',
  'Duração da interrupção',
  'interruption',
  labelled(INTERRUPTION_BANDS, { '<3': 'Menos de 3 meses', '3-5': '3 a 5 meses', '6+': '6 ou mais meses' }),
);
const indication = cohortColumn(
  'indication',
  'Indicação',
  'indication',
  labelled(['routine', 'targeted'], { routine: 'Rotina', targeted: 'Dirigida' }),
);
const womanStatus = (value: Dimension['value']): Dimension => ({
  id: 'pregnancy',
  label: 'Gravidez / lactação',
  options: labelled(['pregnant', 'breastfeeding'], { pregnant: 'Grávida', breastfeeding: 'Lactante' }),
  value,
});
/** TX_NEW: pregnant or breastfeeding by what was recorded during the quarter. */
const womanStatusInPeriod = womanStatus(pregnancyStatusDuring);
/** TX_PVLS: pregnant or breastfeeding at the viral load. */
const womanStatusAtResult = womanStatus((ctx) => pregnancyStatus(ctx, raw('c.resulted')));

/**
 * TX_CURR at the end of the quarter = TX_CURR at the end of the previous one + TX_NEW + TX_RTT + the
 * transfers in − TX_ML, patient by patient, with the cases EPTS's rules leave out of it.
 */
const flow: FlowDefinition = {
  terms: [
    {
      code: 'TX_CURR-1',
      label: 'Actualmente em TARV no fim do período anterior',
      role: 'before',
      cohort: (ctx) => txCurr(at(ctx, dayBefore(ctx.startDate))),
    },
    { code: 'TX_NEW', label: 'Novos inícios de TARV', role: 'in', cohort: txNew },
    { code: 'TX_RTT', label: 'Retorno ao TARV', role: 'in', cohort: txRtt },
    {
      code: 'TRF_IN',
      label: 'Transferidos de outras US durante o período',
      role: 'in',
      cohort: (ctx) => sql`SELECT t.patient_id FROM ${transfersInDuring(ctx)} t`,
    },
    { code: 'TX_ML', label: 'Perdas de seguimento em TARV', role: 'out', cohort: txMl },
    { code: 'TX_CURR', label: 'Actualmente em TARV no fim do período', role: 'after', cohort: txCurr },
    {
      code: 'PICKUP',
      label: 'Levantamento de ARV durante o período',
      role: 'fact',
      cohort: (ctx) => sql`SELECT p.patient_id FROM ${pickupsDuring(ctx)} p`,
    },
    ...FLOW_FACTS('pepfar'),
  ],
  rules: [
    {
      code: 'returned-and-left',
      description:
        'came back for drugs during the period after an interruption or an exit, and left again before its end: TX_ML counts the second departure, TX_RTT only returns that last to the end of the period',
      matches: (t) => t.has('TX_ML') && t.has('PICKUP') && !t.has('TX_CURR-1') && !t.has('TX_CURR'),
    },
    {
      code: 'left-while-interrupted',
      description:
        "already more than 28 days late when the period began, then died, stopped treatment or was transferred out during it: EPTS's TX_ML counts the death, suspension or transfer of anyone who had not left care by a recorded exit",
      matches: (t) => t.has('TX_ML') && !t.has('PICKUP') && !t.has('TX_CURR-1') && !t.has('TX_CURR'),
    },
    ...flowRules({ before: 'TX_CURR-1', after: 'TX_CURR', started: 'TX_NEW' }),
  ],
};

/** PEPFAR MER quarterly treatment indicators (EPTS's MER 2.8 report). */
export const MER: ReportDefinition = {
  id: 'mer',
  label: 'PEPFAR MER — tratamento',
  periodType: 'Quarterly',
  flow,
  indicators: [
    {
      code: 'TX_NEW',
      label: 'Novos inícios de TARV',
      cohort: txNew,
      disaggregations: [[pepfarAge(() => sql`c.art_start`), sex], [womanStatusInPeriod]],
    },
    { code: 'TX_CURR', label: 'Actualmente em TARV', cohort: txCurr, disaggregations: [[age, sex], [mmd]] },
    { code: 'TX_ML', label: 'Perdas de seguimento em TARV', cohort: txMl, disaggregations: [[outcome, age, sex]] },
    { code: 'TX_RTT', label: 'Retorno ao TARV', cohort: txRtt, disaggregations: [[age, sex], [interruption]] },
    {
      code: 'TX_PVLS_D',
      label: 'Com resultado de carga viral nos últimos 12 meses',
      cohort: txPvlsDenominator,
      disaggregations: [[indication, age, sex], [womanStatusAtResult]],
    },
    {
      code: 'TX_PVLS_N',
      label: 'Com carga viral suprimida (< 1000 cópias/mL) nos últimos 12 meses',
      cohort: txPvlsNumerator,
      disaggregations: [[indication, age, sex], [womanStatusAtResult]],
    },
  ],
};
