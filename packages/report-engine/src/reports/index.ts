import type { ReportDefinition } from '../report';
import { MER } from './mer';
import { RESUMO_MENSAL } from './resumo-mensal';

/** The reports the CLI runs, by name. */
export const REPORTS: Readonly<Record<string, ReportDefinition>> = { [MER.id]: MER, [RESUMO_MENSAL.id]: RESUMO_MENSAL };
