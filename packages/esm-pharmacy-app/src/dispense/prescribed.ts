import { DISPENSE_MODE_DAYS, type DispenseMode } from '@poc-emr/fila';
import type { Regimen } from '../config-schema';
import type { Prescription } from '../resources/prescriptions.resource';

/** What the dispense form starts from when drug orders wait for the patient. */
export interface Prescribed {
  regimen: Regimen;
  mode: DispenseMode;
  /** Per drug of the regimen: the prescribed quantity and instructions, where the order gives them. */
  drugs: Record<string, { quantity?: number; posology?: string }>;
  /** The orders this dispensation fulfils: those of the regimen's drugs. */
  orders: Prescription[];
}

/**
 * The configured regimen the prescribed drugs make up (every drug of it prescribed; else the first with
 * any), the dispensation model nearest the days the prescribed quantity lasts, the quantities and
 * instructions. Undefined when no prescribed drug belongs to a configured regimen.
 */
export function prescribedDispensation(regimens: Regimen[], prescriptions: Prescription[]): Prescribed | undefined {
  const byDrug = new Map(prescriptions.filter((p) => p.drugUuid).map((p) => [p.drugUuid!, p]));
  const regimen =
    regimens.find((r) => r.drugs.every((d) => byDrug.has(d.drugUuid))) ??
    regimens.find((r) => r.drugs.some((d) => byDrug.has(d.drugUuid)));
  if (!regimen) return undefined;
  const orders = regimen.drugs.flatMap((d) => byDrug.get(d.drugUuid) ?? []);
  const days = regimen.drugs.map((d) => (byDrug.get(d.drugUuid)?.quantity ?? 0) / d.unitsPerDay).find((n) => n > 0);
  const modes = Object.keys(DISPENSE_MODE_DAYS) as DispenseMode[];
  const mode = days
    ? modes.reduce((a, b) => (Math.abs(DISPENSE_MODE_DAYS[b] - days) < Math.abs(DISPENSE_MODE_DAYS[a] - days) ? b : a))
    : 'monthly';
  const drugs = Object.fromEntries(
    orders.map((o) => [
      o.drugUuid!,
      { quantity: o.quantity ?? undefined, posology: o.dosingInstructions?.trim() || undefined },
    ]),
  );
  return { regimen, mode, drugs, orders };
}
