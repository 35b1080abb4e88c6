import { datetime, type Day, iso, yearsBetween } from './dates';
import type { DispenseMode, PatientHistory, Pickup, RegimenKey } from './model';
import { type Cell, rowUuid, text, tsvRow } from './tsv';
import type { ResolvedTerms } from './resolve';
import type { ConceptTerm, DrugTerm } from './terms';

const CREATED = ['creator', 'date_created'] as const;
const VOIDED = ['voided', 'voided_by', 'date_voided', 'void_reason'] as const;
/** The audit and void columns of an OpenMRS data table, in the order the rows below write them. */
const DATA = [...CREATED, ...VOIDED, 'uuid'] as const;

/** The columns the generator fills, per table; LOAD DATA leaves the others at their defaults. */
export const COLUMNS = {
  person: ['person_id', 'gender', 'birthdate', 'birthdate_estimated', 'dead', 'death_date', ...DATA],
  person_name: ['person_name_id', 'preferred', 'person_id', 'given_name', 'middle_name', 'family_name', ...DATA],
  person_address: [
    'person_address_id',
    'person_id',
    'preferred',
    'address1',
    'address5',
    'county_district',
    'state_province',
    'country',
    ...DATA,
  ],
  person_attribute: ['person_attribute_id', 'person_id', 'value', 'person_attribute_type_id', ...DATA],
  patient: ['patient_id', ...CREATED, ...VOIDED],
  patient_identifier: [
    'patient_identifier_id',
    'patient_id',
    'identifier',
    'identifier_type',
    'preferred',
    'location_id',
    ...DATA,
  ],
  patient_program: [
    'patient_program_id',
    'patient_id',
    'program_id',
    'date_enrolled',
    'date_completed',
    'location_id',
    ...DATA,
  ],
  patient_state: ['patient_state_id', 'patient_program_id', 'state', 'start_date', 'end_date', ...DATA],
  visit: ['visit_id', 'patient_id', 'visit_type_id', 'date_started', 'date_stopped', 'location_id', ...DATA],
  encounter: [
    'encounter_id',
    'encounter_type',
    'patient_id',
    'location_id',
    'form_id',
    'encounter_datetime',
    ...DATA,
    'visit_id',
  ],
  encounter_provider: [
    'encounter_provider_id',
    'encounter_id',
    'provider_id',
    'encounter_role_id',
    ...CREATED,
    'voided',
    'uuid',
  ],
  obs: [
    'obs_id',
    'person_id',
    'concept_id',
    'encounter_id',
    'obs_datetime',
    'location_id',
    'obs_group_id',
    'value_coded',
    'value_drug',
    'value_datetime',
    'value_numeric',
    'value_text',
    'comments',
    ...DATA,
    'previous_version',
    'status',
  ],
} as const;

export type Table = keyof typeof COLUMNS;

/** Receives finished rows, table by table. */
export interface RowSink {
  write(table: Table, line: string): void;
}

/** Next free primary key per table, read from the database before writing. */
export type IdCounters = Record<Table | 'person_id', number>;

export interface FacilityContext {
  locationId: number;
  province: string;
  district: string;
  providerIds: number[];
  terms: ResolvedTerms;
  /** A salt per table so that uuids differ between facilities and runs with other seeds. */
  salt: number;
}

const SALT: Record<Table, number> = {
  person: 1,
  person_name: 2,
  person_address: 3,
  person_attribute: 4,
  patient: 5,
  patient_identifier: 6,
  patient_program: 7,
  patient_state: 8,
  visit: 9,
  encounter: 10,
  encounter_provider: 11,
  obs: 12,
};

const DISPENSE_MODE_TERM: Record<DispenseMode, ConceptTerm> = {
  monthly: 'dispenseMode.monthly',
  quarterly: 'dispenseMode.quarterly',
  semiannual: 'dispenseMode.semiannual',
};

const REGIMEN_DRUGS: Record<RegimenKey, Array<{ drug: DrugTerm; perDay: number; posology: string }>> = {
  'TDF+3TC+DTG': [{ drug: 'TDF/3TC/DTG', perDay: 1, posology: 'Tomar 1 comp 1 vez por dia' }],
  'TDF+3TC+EFV': [{ drug: 'TDF/3TC/EFV', perDay: 1, posology: 'Tomar 1 comp 1 vez por dia (à noite)' }],
  'ABC+3TC+LPV/r': [
    { drug: 'ABC/3TC', perDay: 1, posology: 'Tomar 1 comp 1 vez por dia' },
    { drug: 'LPV/r', perDay: 4, posology: 'Tomar 2 comp 2 vezes por dia' },
  ],
  'ABC+3TC+DTG': [
    { drug: 'ABC/3TC', perDay: 1, posology: 'Tomar 1 comp 1 vez por dia' },
    { drug: 'DTG', perDay: 1, posology: 'Tomar 1 comp 1 vez por dia' },
  ],
  'AZT+3TC+NVP': [{ drug: 'AZT/3TC/NVP', perDay: 2, posology: 'Tomar 1 comp 2 vezes por dia' }],
};

const NULL = '\\N';
const VOID_NONE = `0\t${NULL}\t${NULL}\t${NULL}`;

type ObsValue = { coded?: number; drug?: number; date?: Day; numeric?: number; text?: string };

/**
 * Turns one simulated patient into OpenMRS rows: the same tables and shapes the EPTS forms,
 * iDART/iDMED FILA and the reports use.
 */
export class PatientWriter {
  constructor(
    private readonly sink: RowSink,
    private readonly ids: IdCounters,
    private readonly ctx: FacilityContext,
  ) {}

  write(p: PatientHistory): number {
    const t = this.ctx.terms;
    const personId = this.ids.person_id++;
    const created = datetime(p.opened, 30);
    const v = this.voidCells(p.voided, created, 'Registo duplicado');
    const dead = p.deathDay !== undefined;
    this.row('person', [
      personId,
      p.sex,
      iso(p.birthdate),
      p.birthdateEstimated,
      dead,
      dead ? datetime(p.deathDay!) : null,
      1,
      created,
      ...v,
      this.uuid('person', personId),
    ]);
    this.row('patient', [personId, 1, created, ...v]);
    this.row('person_name', [
      this.id('person_name'),
      true,
      personId,
      text(p.givenName),
      p.middleName ? text(p.middleName) : null,
      text(p.familyName),
      1,
      created,
      ...v,
      this.lastUuid('person_name'),
    ]);
    this.row('person_address', [
      this.id('person_address'),
      personId,
      true,
      p.referencePoint ? text(p.referencePoint) : null,
      text(p.bairro),
      text(this.ctx.district),
      text(this.ctx.province),
      'Moçambique',
      1,
      created,
      ...v,
      this.lastUuid('person_address'),
    ]);
    if (p.phone) this.attribute(personId, t.personAttributeType.phone, p.phone, created, v);
    if (p.referencePoint) this.attribute(personId, t.personAttributeType.referencePoint, p.referencePoint, created, v);
    this.identifier(personId, p.nid, t.identifierType.nid, true, created, v);
    if (p.nuic) this.identifier(personId, p.nuic, t.identifierType.nuic, false, created, v);

    const enc = new EncounterWriter(this, personId, p.voided);
    enc.fichaResumo(p);
    for (const pickup of p.pickups) enc.pickup(p, pickup);
    for (const c of p.consultations) enc.consultation(p, c);
    for (const vl of p.viralLoads) enc.viralLoad(vl);
    if (p.cd4) enc.cd4(p.cd4.day, p.cd4.cells);
    if (p.exit?.onBuscaActiva !== undefined) enc.buscaActiva(p.exit.onBuscaActiva, p.exit.kind);
    this.programs(p, personId, v);
    enc.flushVisits();
    return personId;
  }

  private programs(p: PatientHistory, personId: number, v: Cell[]): void {
    const t = this.ctx.terms;
    for (const e of p.enrolments) {
      const ppId = this.id('patient_program');
      const created = datetime(e.enrolled, 40);
      this.row('patient_program', [
        ppId,
        personId,
        t.program[e.program],
        datetime(e.enrolled),
        e.completed !== undefined ? datetime(e.completed) : null,
        this.ctx.locationId,
        1,
        created,
        ...v,
        this.lastUuid('patient_program'),
      ]);
      for (const s of e.states) {
        this.row('patient_state', [
          this.id('patient_state'),
          ppId,
          t.programWorkflowState[s.state],
          iso(s.start),
          s.end !== undefined ? iso(s.end) : null,
          1,
          datetime(s.start, 45),
          ...v,
          this.lastUuid('patient_state'),
        ]);
      }
    }
  }

  private attribute(personId: number, typeId: number, value: string, created: string, v: Cell[]): void {
    this.row('person_attribute', [
      this.id('person_attribute'),
      personId,
      text(value),
      typeId,
      1,
      created,
      ...v,
      this.lastUuid('person_attribute'),
    ]);
  }

  private identifier(
    personId: number,
    value: string,
    typeId: number,
    preferred: boolean,
    created: string,
    v: Cell[],
  ): void {
    this.row('patient_identifier', [
      this.id('patient_identifier'),
      personId,
      value,
      typeId,
      preferred,
      this.ctx.locationId,
      1,
      created,
      ...v,
      this.lastUuid('patient_identifier'),
    ]);
  }

  voidCells(voided: boolean, when: string, reason: string): Cell[] {
    return voided ? [true, 1, when, reason] : [false, null, null, null];
  }

  row(table: Table, cells: Cell[]): void {
    this.sink.write(table, tsvRow(cells));
  }

  raw(table: Table, line: string): void {
    this.sink.write(table, line);
  }

  id(table: Table): number {
    return this.ids[table]++;
  }

  uuid(table: Table, id: number): string {
    return rowUuid(this.ctx.salt * 64 + SALT[table], id);
  }

  lastUuid(table: Table): string {
    return this.uuid(table, this.ids[table] - 1);
  }

  get context(): FacilityContext {
    return this.ctx;
  }
}

/** Encounters, their obs and the visits that hold them, for one patient. */
class EncounterWriter {
  private readonly visits = new Map<Day, { id: number; type: number }>();
  private providerTurn = 0;

  constructor(
    private readonly w: PatientWriter,
    private readonly personId: number,
    private readonly patientVoided: boolean,
  ) {}

  private get t() {
    return this.w.context.terms;
  }

  fichaResumo(p: PatientHistory): void {
    const t = this.t;
    const e = this.encounter(t.encounterType.fichaResumo, t.form.fichaResumo, p.opened, 10, t.visitType.masterCard);
    this.obs(e, t.concept.hivTestDate, { date: p.hivTestDay });
    // Infants under 18 months are diagnosed by PCR; everyone else by rapid test.
    const pcr = p.hivTestDay - p.birthdate < 548;
    this.obs(e, t.concept.hivTestType, { coded: pcr ? t.concept['hivTestType.pcr'] : t.concept['hivTestType.rapid'] });
    if (p.artStartOnResumo !== undefined) this.obs(e, t.concept.artStartDate, { date: p.artStartOnResumo });
    if (p.transferIn) {
      this.obs(e, t.concept.transferredFrom, { coded: t.concept.yes });
      this.obs(e, t.concept.transferredFromType, { coded: t.concept.art });
      this.obs(e, t.concept.transferInDate, { date: p.opened });
    }
  }

  pickup(p: PatientHistory, pickup: Pickup): void {
    const t = this.t;
    if (pickup.source === 'masterCard') {
      const e = this.encounter(
        t.encounterType.masterCardPickup,
        t.form.masterCardPickup,
        pickup.day,
        20,
        t.visitType.masterCard,
      );
      this.obs(e, t.concept.pickedUpArv, { coded: t.concept.yes });
      this.obs(e, t.concept.pickupDate, { date: pickup.day });
      return;
    }
    this.fila(p, pickup, false);
    if (pickup.voidedDuplicate) this.fila(p, pickup, true);
  }

  private fila(p: PatientHistory, pickup: Pickup, voidedDuplicate: boolean): void {
    const t = this.t;
    const e = this.encounter(
      t.encounterType.fila,
      t.form.fila,
      pickup.day,
      (pickup.atMidnight ? -420 : 25) + (voidedDuplicate ? 10 : 0),
      t.visitType.arvPickup,
      voidedDuplicate,
    );
    const days = pickup.nextPickup - pickup.day;
    const drugs = REGIMEN_DRUGS[pickup.regimen];
    const child = yearsBetween(p.birthdate, pickup.day) < 10;
    this.obs(e, t.concept.regimen, { coded: t.concept[`regimen.${pickup.regimen}`] });
    this.obs(e, t.concept.dispensedQuantity, { numeric: Math.ceil((days * drugs[0].perDay) / 30) * 30 });
    this.obs(e, t.concept.posology, { text: drugs[0].posology });
    this.obs(e, t.concept.dispenseMode, { coded: t.concept[DISPENSE_MODE_TERM[pickup.mode]] });
    if (pickup.correctedNextPickup !== undefined && !voidedDuplicate) {
      const wrong = this.obs(e, t.concept.nextPickupDate, { date: pickup.correctedNextPickup }, undefined, true);
      this.obs(e, t.concept.nextPickupDate, { date: pickup.nextPickup }, undefined, false, wrong);
    } else {
      this.obs(e, t.concept.nextPickupDate, { date: pickup.nextPickup });
    }
    for (const d of drugs) {
      const group = this.obs(e, t.concept.drugGroup, {});
      this.obs(e, t.concept.drugFormulation, { coded: t.drugConcept[d.drug], drug: t.drug[d.drug] }, group);
      this.obs(
        e,
        t.concept.dispensedQuantity,
        { numeric: Math.ceil((days * d.perDay * (child ? 0.5 : 1)) / 30) * 30 },
        group,
      );
      this.obs(e, t.concept.posology, { text: d.posology }, group);
    }
  }

  consultation(p: PatientHistory, c: PatientHistory['consultations'][number]): void {
    const t = this.t;
    const child = yearsBetween(p.birthdate, c.day) < 15;
    const e = this.encounter(
      child ? t.encounterType.fichaClinicaChild : t.encounterType.fichaClinicaAdult,
      t.form.fichaClinica,
      c.day,
      60,
      t.visitType.artFollowUp,
    );
    this.obs(e, t.concept.weight, { numeric: c.weightKg });
    if (c.heightCm !== undefined) this.obs(e, t.concept.height, { numeric: c.heightCm });
    if (c.whoStage !== undefined) this.obs(e, t.concept.whoStage, { coded: t.concept[`whoStage.${c.whoStage}`] });
    this.obs(e, t.concept.tbSymptoms, { coded: c.tbSymptoms ? t.concept.yes : t.concept.no });
    this.obs(e, t.concept.nextConsultationDate, { date: c.nextVisit });
    this.obs(e, t.concept.dispensationType, { coded: t.concept[DISPENSE_MODE_TERM[c.dispensation]] });
    if (c.artPlan) this.obs(e, t.concept.artPlan, { coded: t.concept[`artPlan.${c.artPlan}`] });
    if (c.pregnant) {
      this.obs(e, t.concept.pregnant, { coded: t.concept.yes });
      this.obs(e, t.concept.weeksPregnant, { numeric: c.pregnant.weeks });
    }
    if (c.breastfeeding) this.obs(e, t.concept.breastfeeding, { coded: t.concept.yes });
    if (c.vlRequest) {
      this.obs(e, t.concept.labRequest, { coded: t.concept.viralLoad });
      this.obs(e, t.concept.vlRequestReason, { coded: t.concept[`vlRequestReason.${c.vlRequest}`] });
    }
    if (c.stateOfStay) this.obs(e, t.concept.stateOfStayArt, { coded: t.concept[c.stateOfStay] });
    if (c.tptStart !== undefined) this.obs(e, t.concept.isoniazidStartDate, { date: c.tptStart });
    if (c.tbTreatmentStart !== undefined) this.obs(e, t.concept.tbTreatmentStartDate, { date: c.tbTreatmentStart });
  }

  viralLoad(vl: PatientHistory['viralLoads'][number]): void {
    const t = this.t;
    const e = vl.viaFsr
      ? this.encounter(t.encounterType.fsr, t.form.fsr, vl.resulted, 90, t.visitType.laboratory)
      : this.encounter(t.encounterType.laboratory, null, vl.resulted, 90, t.visitType.laboratory);
    if (vl.viaFsr) {
      this.obs(e, t.concept.sampleCollectionDate, { date: vl.collected });
      this.obs(e, t.concept.vlRequestReason, { coded: t.concept[`vlRequestReason.${vl.reason}`] });
    }
    if (typeof vl.result === 'number') this.obs(e, t.concept.viralLoad, { numeric: vl.result });
    else this.obs(e, t.concept.viralLoadQualitative, { coded: t.concept[`viralLoad.${vl.result}`] });
  }

  cd4(on: Day, cells: number): void {
    const t = this.t;
    const e = this.encounter(t.encounterType.laboratory, null, on, 95, t.visitType.laboratory);
    this.obs(e, t.concept.cd4, { numeric: cells });
  }

  buscaActiva(on: Day, kind: string): void {
    const t = this.t;
    const e = this.encounter(t.encounterType.buscaActiva, null, on, 120, t.visitType.artFollowUp);
    if (kind === 'died') this.obs(e, t.concept['buscaActiva.notFoundReason'], { coded: t.concept.died });
    else this.obs(e, t.concept['buscaActiva.missedVisitReason'], { coded: t.concept.transferredOut });
  }

  /** Visits are written last, once every encounter of the day is known. */
  flushVisits(): void {
    for (const [d, visit] of this.visits) {
      const v = this.w.voidCells(this.patientVoided, datetime(d, 30), 'Registo duplicado');
      this.w.row('visit', [
        visit.id,
        this.personId,
        visit.type,
        datetime(d, -420), // from midnight: iDART's FILAs are dated at 00:00
        datetime(d, 599),
        this.w.context.locationId,
        1,
        datetime(d, 1),
        ...v,
        this.w.uuid('visit', visit.id),
      ]);
    }
  }

  private encounter(
    typeId: number,
    formId: number | null,
    on: Day,
    minute: number,
    visitType: number,
    voided = false,
  ): EncounterRef {
    let visit = this.visits.get(on);
    if (!visit) {
      visit = { id: this.w.id('visit'), type: visitType };
      this.visits.set(on, visit);
    }
    const id = this.w.id('encounter');
    const when = datetime(on, minute);
    const isVoid = voided || this.patientVoided;
    const v = this.w.voidCells(
      isVoid,
      datetime(on, minute + 5),
      voided ? 'Levantamento registado em duplicado' : 'Registo duplicado',
    );
    this.w.row('encounter', [
      id,
      typeId,
      this.personId,
      this.w.context.locationId,
      formId,
      when,
      1,
      datetime(on, minute + 2),
      ...v,
      this.w.uuid('encounter', id),
      visit.id,
    ]);
    const providers = this.w.context.providerIds;
    const provider = providers[this.providerTurn++ % providers.length];
    this.w.row('encounter_provider', [
      this.w.id('encounter_provider'),
      id,
      provider,
      this.t.encounterRole.unknown,
      1,
      datetime(on, minute + 2),
      isVoid,
      this.w.lastUuid('encounter_provider'),
    ]);
    return { id, when, voided: isVoid, voidedOn: v[2] as string | null };
  }

  /** Writes one obs; returns its id (for groups and previous_version). */
  private obs(
    e: EncounterRef,
    conceptId: number,
    value: ObsValue,
    groupId?: number,
    voided = false,
    previousVersion?: number,
  ): number {
    const id = this.w.id('obs');
    const isVoid = voided || e.voided;
    const n = (x: number | undefined) => (x === undefined ? NULL : x);
    const voidCols = isVoid
      ? `1\t1\t${e.voidedOn ?? e.when}\t${voided ? 'Data corrigida' : 'Encontro anulado'}`
      : VOID_NONE;
    const date = value.date !== undefined ? `${iso(value.date)} 00:00:00` : NULL;
    const txt = value.text !== undefined ? text(value.text) : NULL;
    // Template literal rather than tsvRow: obs is most of the volume (see docs/benchmarks.md).
    this.w.raw(
      'obs',
      `${id}\t${this.personId}\t${conceptId}\t${e.id}\t${e.when}\t${this.w.context.locationId}\t${n(groupId)}\t${n(value.coded)}\t${n(value.drug)}\t${date}\t${n(value.numeric)}\t${txt}\t${NULL}\t1\t${e.when}\t${voidCols}\t${this.w.uuid('obs', id)}\t${n(previousVersion)}\tFINAL\n`,
    );
    return id;
  }
}

interface EncounterRef {
  id: number;
  when: string;
  voided: boolean;
  voidedOn: string | null;
}
