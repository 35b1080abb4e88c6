import { pregnancyStatus } from '../blocks/pregnancy';
import { cohortColumn, pepfarAge, sex } from '../dimensions';
import { MMD_BANDS, txCurr } from '../indicators/tx-curr';
import { TX_ML_OUTCOMES, txMl } from '../indicators/tx-ml';
import { txNew } from '../indicators/tx-new';
import { txPvlsDenominator, txPvlsNumerator } from '../indicators/tx-pvls';
import { INTERRUPTION_BANDS, txRtt } from '../indicators/tx-rtt';
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
const womanStatus = (id: string, anchor: string): Dimension => ({
  id,
  label: 'Gravidez / lactação',
  options: labelled(['pregnant', 'breastfeeding'], { pregnant: 'Grávida', breastfeeding: 'Lactante' }),
  value: (ctx) => pregnancyStatus(ctx, raw(anchor)),
});

/** PEPFAR MER quarterly treatment indicators (§5). */
export const MER: ReportDefinition = {
  id: 'mer',
  label: 'PEPFAR MER — tratamento',
  periodType: 'Quarterly',
  indicators: [
    {
      code: 'TX_NEW',
      label: 'Novos inícios de TARV',
      cohort: txNew,
      disaggregations: [[pepfarAge(() => sql`c.art_start`), sex], [womanStatus('pregnancy', 'c.art_start')]],
    },
    { code: 'TX_CURR', label: 'Actualmente em TARV', cohort: txCurr, disaggregations: [[age, sex], [mmd]] },
    { code: 'TX_ML', label: 'Perdas de seguimento em TARV', cohort: txMl, disaggregations: [[outcome, age, sex]] },
    { code: 'TX_RTT', label: 'Retorno ao TARV', cohort: txRtt, disaggregations: [[age, sex], [interruption]] },
    {
      code: 'TX_PVLS_D',
      label: 'Com resultado de carga viral nos últimos 12 meses',
      cohort: txPvlsDenominator,
      disaggregations: [[indication, age, sex], [womanStatus('pregnancy', 'c.resulted')]],
    },
    {
      code: 'TX_PVLS_N',
      label: 'Com carga viral suprimida (< 1000 cópias/mL) nos últimos 12 meses',
      cohort: txPvlsNumerator,
      disaggregations: [[indication, age, sex], [womanStatus('pregnancy', 'c.resulted')]],
    },
  ],
};
