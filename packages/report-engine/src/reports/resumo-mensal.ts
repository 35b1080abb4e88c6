import type { PeriodContext } from '../context';
import { resumoAdolescents, resumoAdults, resumoChildren, resumoUnder15 } from '../dimensions';
import * as rm from '../indicators/resumo-mensal';
import { FLOW_FACTS, flowRules, type FlowDefinition } from '../balance';
import type { IndicatorDefinition, ReportDefinition } from '../report';
import type { Sql } from '../sql';

const byAgeGroups = [[resumoChildren], [resumoAdults], [resumoAdolescents]] as const;
/** Sections C, E and F are printed as < 15 and 15+; adolescents are counted too, as for every indicator. */
const underAndOver15 = [[resumoUnder15], [resumoAdolescents]] as const;

const indicator = (
  code: string,
  label: string,
  cohort: (ctx: PeriodContext) => Sql,
  disaggregations: IndicatorDefinition['disaggregations'] = byAgeGroups,
): IndicatorDefinition => ({ code, label, cohort, disaggregations });

/** The identity printed on the form: B13 = B12 + B1 + B2 + B3 − B9, patient by patient. */
const flow: FlowDefinition = {
  terms: [
    { code: 'B12', label: 'Activos em TARV no fim do mês anterior', role: 'before', cohort: rm.b12 },
    { code: 'B1', label: 'Iniciaram TARV durante o mês', role: 'in', cohort: rm.b1 },
    { code: 'B2', label: 'Transferidos de outras US durante o mês', role: 'in', cohort: rm.b2 },
    { code: 'B3', label: 'Reiniciaram TARV durante o mês', role: 'in', cohort: rm.b3 },
    { code: 'B9', label: 'Saídas de TARV durante o mês', role: 'out', cohort: rm.b9 },
    { code: 'B13', label: 'Activos em TARV no fim do mês', role: 'after', cohort: rm.b13 },
    {
      code: 'BACK',
      label: 'Levantamento no mês depois de uma transferência para outra US',
      role: 'fact',
      cohort: rm.backAfterTransferOut,
    },
    ...FLOW_FACTS('misau'),
  ],
  rules: [
    {
      code: 'back-after-transfer-out',
      description:
        'picked up drugs again after a transfer out whose drugs had run out: active (B13), but the form has no row for a return after a transfer out — B2 counts arrivals from other facilities, B3 restarts after an abandonment or a suspension (MER counts it in TRF_IN)',
      matches: (t) => t.has('BACK') && t.has('B13') && !t.has('B12'),
    },
    {
      code: 'transfer-after-drugs-ran-out',
      description:
        'active at the start of the month by the 59 days of grace, then transferred out during it when the drugs had already run out: B5 dates a transfer by the drugs running out (EPTS), in a month already reported, so the patient leaves B13 without a B9 row',
      matches: (t) => t.has('TRANSFER_LATE') && t.has('B12') && !t.has('B13') && !t.has('B9'),
    },
    ...flowRules({ before: 'B12', after: 'B13', started: 'B1' }),
  ],
};

/** MISAU Resumo Mensal de HIV/SIDA (EPTS `ResumoMensalDataSetDefinition`), in the form's order. */
export const RESUMO_MENSAL: ReportDefinition = {
  id: 'resumo-mensal',
  label: 'Resumo Mensal de HIV/SIDA',
  periodType: 'Monthly',
  flow,
  indicators: [
    indicator('A1', 'Inscritos no cuidado pré-TARV até ao fim do mês anterior', rm.a1),
    indicator('A2', 'Novos inscritos no cuidado pré-TARV durante o mês', rm.a2),
    indicator('A3', 'Inscritos no cuidado pré-TARV até ao fim do mês', rm.a3),
    indicator('B1', 'Iniciaram TARV durante o mês', rm.b1),
    indicator('B2', 'Transferidos de outras US durante o mês', rm.b2),
    indicator('B3', 'Reiniciaram TARV durante o mês', rm.b3),
    indicator('B5', 'Transferidos para outras US durante o mês', rm.b5),
    indicator('B6', 'Suspenderam TARV durante o mês', rm.b6),
    indicator('B7', 'Abandonos durante o mês', rm.b7),
    indicator('B8', 'Óbitos durante o mês', rm.b8),
    indicator('B9', 'Saídas de TARV durante o mês (B5 + B6 + B7 + B8)', rm.b9),
    indicator('B10', 'Iniciaram TARV até ao fim do mês anterior (cumulativo)', rm.b10),
    indicator('B11', 'Iniciaram TARV até ao fim do mês (cumulativo)', rm.b11),
    indicator('B12', 'Activos em TARV no fim do mês anterior', rm.b12),
    indicator('B13', 'Activos em TARV no fim do mês', rm.b13),
    indicator('C1', 'Novos inscritos (A2) rastreados para TB', rm.c1, underAndOver15),
    indicator('C2', 'Novos inscritos (A2) que iniciaram profilaxia com isoniazida', rm.c2, underAndOver15),
    indicator('C3', 'Novos inscritos (A2) diagnosticados com TB activa', rm.c3, underAndOver15),
    indicator('E1', 'Activos em TARV (B13) com pedido de carga viral no mês', rm.e1, underAndOver15),
    indicator('E2', 'Activos em TARV (B13) com resultado de carga viral no mês', rm.e2, underAndOver15),
    indicator('E3', 'Activos em TARV (B13) com carga viral suprimida no mês', rm.e3, underAndOver15),
    indicator('F1', 'Utentes com consulta clínica no mês', rm.f1, underAndOver15),
    indicator('F2', 'Utentes com consulta clínica no mês rastreados para TB', rm.f2, underAndOver15),
    indicator('F3', 'Utentes com pelo menos uma consulta clínica nos últimos 12 meses', rm.f3, underAndOver15),
  ],
};
