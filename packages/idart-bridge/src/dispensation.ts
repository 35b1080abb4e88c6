import {
  daysBetween,
  dispensationProblems,
  dispenseModeForDays,
  isDay,
  NID_IDENTIFIER_TYPE,
  posologyText,
  TARV_PROGRAM,
  type Dispensation,
  type DispenseMode,
} from '@poc-emr/fila';
import type { DrugMapping } from './drugs';
import type { OpenmrsClient } from './openmrs';
import type { SourceContent } from './outbox';

// From what iDART holds to the dispensation buildFila takes, with iDMED's checks before anything is
// posted: the NID must be the patient's in OpenMRS, the patient active in the TARV programme, the regimen
// and every drug mapped. A check that fails is the item's own problem: the error queue, with the reason
// in words the pharmacist acts on.

export class ItemProblem extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Posology when iDART's prescription does not give amount and times (the FILA's 1711 is free text). */
export const POSOLOGY_AS_PRESCRIBED = 'Conforme a prescrição';

const MONTHS: Record<string, number> = {
  jan: 1, fev: 2, feb: 2, mar: 3, abr: 4, apr: 4, mai: 5, may: 5, jun: 6, jul: 7,
  ago: 8, aug: 8, set: 9, sep: 9, out: 10, oct: 10, nov: 11, dez: 12, dec: 12,
}; // prettier-ignore

/**
 * packagedruginfotmp.dateexpectedstring: iDART formats it "dd MMM yyyy" in the machine's language
 * (Portuguese or English month abbreviations, with or without a dot); some installations hold
 * dd/MM/yyyy or yyyy-MM-dd. Undefined when it is none of them.
 */
export function parseExpectedDate(text: string | null): string | undefined {
  const value = (text ?? '').trim().toLowerCase();
  let m = /^(\d{1,2})[ -]([a-zç]{3})\.?[ -](\d{4})$/.exec(value);
  const day = (y: string, mo: number | undefined, d: string) => {
    if (!mo) return undefined;
    const iso = `${y}-${String(mo).padStart(2, '0')}-${d.padStart(2, '0')}`;
    return isDay(iso) ? iso : undefined;
  };
  if (m) return day(m[3], MONTHS[m[2]], m[1]);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (m) return day(m[3], Number(m[2]), m[1]);
  return isDay(value) ? value : undefined;
}

interface PatientRef {
  uuid: string;
  voided?: boolean;
  identifiers?: Array<{ identifier: string; voided?: boolean; identifierType?: { uuid: string } }>;
}

const PATIENT_REP = 'custom:(uuid,voided,identifiers:(identifier,voided,identifierType:(uuid)))';

const hasNid = (p: PatientRef, nid: string) =>
  (p.identifiers ?? []).some(
    (i) => !i.voided && i.identifier === nid && i.identifierType?.uuid === NID_IDENTIFIER_TYPE,
  );

/** The OpenMRS patient of the dispensation: by the uuid iDART keeps, confirmed by the NID; else by the NID. */
export async function matchPatient(openmrs: OpenmrsClient, content: SourceContent): Promise<string> {
  const nid = content.nid;
  if (content.patientUuid) {
    const byUuid = await openmrs.get<PatientRef>(`patient/${encodeURIComponent(content.patientUuid)}?v=${PATIENT_REP}`);
    if (byUuid && !byUuid.voided) {
      if (!hasNid(byUuid, nid))
        throw new ItemProblem(
          'nid-mismatch',
          `O NID ${nid} do iDART não é o NID do utente ${content.patientUuid} no OpenMRS: corrija o NID num dos dois.`,
        );
      return byUuid.uuid;
    }
  }
  const found = await openmrs.get<{ results: PatientRef[] }>(
    `patient?identifier=${encodeURIComponent(nid)}&v=${PATIENT_REP}`,
  );
  const matches = (found?.results ?? []).filter((p) => !p.voided && hasNid(p, nid));
  if (matches.length === 0)
    throw new ItemProblem('nid-not-found', `O NID ${nid} (${content.patientName}) não existe no OpenMRS.`);
  if (matches.length > 1)
    throw new ItemProblem('nid-ambiguous', `O NID ${nid} pertence a ${matches.length} utentes no OpenMRS.`);
  return matches[0].uuid;
}

/** Enrolled in the TARV treatment programme and not out of it (iDMED checks the same before posting). */
export async function checkTarvEnrolment(openmrs: OpenmrsClient, patientUuid: string, nid: string): Promise<void> {
  const answer = await openmrs.get<{
    results: Array<{ voided?: boolean; dateCompleted?: string | null; program?: { uuid: string } }>;
  }>(`programenrollment?patient=${patientUuid}&v=custom:(uuid,voided,dateCompleted,program:(uuid))`);
  const active = (answer?.results ?? []).some((e) => !e.voided && !e.dateCompleted && e.program?.uuid === TARV_PROGRAM);
  if (!active)
    throw new ItemProblem('not-in-tarv', `O utente ${nid} não está inscrito no programa TARV (tratamento) no OpenMRS.`);
}

export interface DispensationContext {
  openmrs: OpenmrsClient;
  drugs: DrugMapping;
  locationUuid: string;
  providerUuid?: string;
  /** Regimen concept uuids OpenMRS has been seen to hold (asked once each). */
  knownConcepts: Set<string>;
}

/** The dispensation to post for an outbox item (throws ItemProblem, or OpenmrsError when OpenMRS fails). */
export async function toDispensation(
  encounterUuid: string,
  content: SourceContent,
  ctx: DispensationContext,
): Promise<Dispensation> {
  if (!content.regimen)
    throw new ItemProblem(
      'regimen-unmapped',
      `O regime «${content.regimenName ?? 'sem regime'}» não tem o conceito do OpenMRS (regimeterapeutico.regimenomeespecificado).`,
    );
  if (!ctx.knownConcepts.has(content.regimen)) {
    if (!(await ctx.openmrs.get(`concept/${encodeURIComponent(content.regimen)}?v=custom:(uuid)`)))
      throw new ItemProblem(
        'regimen-unmapped',
        `O regime «${content.regimenName}» aponta para o conceito ${content.regimen}, que o OpenMRS não tem.`,
      );
    ctx.knownConcepts.add(content.regimen);
  }
  if (content.drugs.length === 0) throw new ItemProblem('no-arv', 'O levantamento não tem nenhum ARV.');
  const drugs = content.drugs.map((d) => {
    const drugUuid = ctx.drugs.get(d.drug);
    if (!drugUuid)
      throw new ItemProblem(
        'drug-unmapped',
        `O medicamento «${d.drug}» do iDART não está no mapeamento de medicamentos.`,
      );
    const posology =
      d.amountPerTime && d.timesPerDay ? posologyText(d.amountPerTime, d.timesPerDay) : POSOLOGY_AS_PRESCRIBED;
    return { drugUuid, quantity: d.amount, posology };
  });
  const nextPickup = parseExpectedDate(content.nextPickup);
  if (!nextPickup)
    throw new ItemProblem(
      'next-pickup-unreadable',
      `A data do próximo levantamento do iDART («${content.nextPickup ?? ''}») não é uma data.`,
    );
  const patientUuid = await matchPatient(ctx.openmrs, content);
  await checkTarvEnrolment(ctx.openmrs, patientUuid, content.nid);
  const mode: DispenseMode = content.semiannual
    ? 'semiannual'
    : content.quarterly
      ? 'quarterly'
      : dispenseModeForDays(daysBetween(content.pickup, nextPickup));
  const dispensation: Dispensation = {
    uuid: encounterUuid,
    patientUuid,
    locationUuid: ctx.locationUuid,
    ...(ctx.providerUuid ? { providerUuid: ctx.providerUuid } : {}),
    pickupDatetime: content.pickup,
    nextPickupDate: nextPickup,
    regimenUuid: content.regimen,
    dispenseMode: mode,
    drugs,
    comment: 'IDART',
  };
  const problems = dispensationProblems(dispensation);
  if (problems.length > 0)
    throw new ItemProblem(
      'invalid',
      `Levantamento inválido: ${problems.map((p) => `${p.field} (${p.code})`).join(', ')}.`,
    );
  return dispensation;
}
