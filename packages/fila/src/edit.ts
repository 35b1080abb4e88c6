import type { FilaEncounter, RestObs } from './fila';
import { FILA_METADATA } from './metadata';

// Editing a saved FILA in place: the edited dispensation is built again with buildFila and compared,
// value by value, with the FILA as OpenMRS holds it. Each obs that differs is edited through
// `POST /obs/{uuid}` (OpenMRS voids it and saves a new version linked by previous_version), so the
// FILA keeps the one shape both writers post and the reports read.

/** An obs of a saved FILA as `GET encounter/{uuid}` answers it (`v=custom:` with uuid, concept, value, groupMembers). */
export interface SavedObs {
  uuid: string;
  concept: { uuid: string };
  value: { uuid: string } | string | number | null;
  groupMembers?: SavedObs[] | null;
}

export interface ObsEdit {
  obsUuid: string;
  value: string | number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function same(saved: SavedObs['value'], wanted: string | number): boolean {
  if (saved !== null && typeof saved === 'object') return saved.uuid === wanted;
  if (typeof wanted === 'number') return Number(saved) === wanted;
  // A date (5096) comes back as a date-time at midnight.
  if (DAY.test(wanted) && typeof saved === 'string') return saved.slice(0, 10) === wanted;
  return saved === wanted;
}

function matchValues(saved: SavedObs[], wanted: RestObs[], where: string, edits: ObsEdit[]): void {
  for (const w of wanted) {
    const found = saved.filter((s) => s.concept.uuid === w.concept && !s.groupMembers?.length);
    if (found.length !== 1) throw new Error(`The saved FILA has ${found.length} obs of ${w.concept} ${where}`);
    if (w.value !== undefined && !same(found[0].value, w.value)) edits.push({ obsUuid: found[0].uuid, value: w.value });
  }
}

/**
 * The obs edits that turn the saved FILA's obs into `desired` (the FILA of the edited dispensation). Only
 * values change: the same obs, the same drugs in their groups — a changed regimen's drugs, or a FILA of
 * another shape, throws (void it and dispense again). Empty when the FILA already says it, as after a retry.
 */
export function filaEdits(saved: SavedObs[], desired: FilaEncounter): ObsEdit[] {
  const c = FILA_METADATA.concepts;
  const edits: ObsEdit[] = [];
  const groups = saved.filter((s) => s.concept.uuid === c.drugGroup);
  const wantedGroups = desired.obs.filter((o) => o.concept === c.drugGroup);
  if (groups.length !== wantedGroups.length)
    throw new Error(`The saved FILA has ${groups.length} drug groups, the edit ${wantedGroups.length}`);
  matchValues(
    saved.filter((s) => s.concept.uuid !== c.drugGroup),
    desired.obs.filter((o) => o.concept !== c.drugGroup),
    'outside the drug groups',
    edits,
  );
  for (const wanted of wantedGroups) {
    const drug = wanted.groupMembers!.find((m) => m.concept === c.drugFormulation)!.value;
    const group = groups.find((g) =>
      (g.groupMembers ?? []).some((m) => m.concept.uuid === c.drugFormulation && same(m.value, drug!)),
    );
    if (!group) throw new Error(`The saved FILA has no drug group of ${String(drug)}`);
    matchValues(group.groupMembers ?? [], wanted.groupMembers!, `in the group of ${String(drug)}`, edits);
  }
  return edits;
}
