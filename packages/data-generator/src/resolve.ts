import type { Connection } from 'mysql2/promise';
import { readTerms, resolveTermIds } from '@poc-emr/metadata';
import { GENERATOR_TERMS } from './terms';

type Groups = typeof GENERATOR_TERMS;
export type ResolvedTerms = { [G in keyof Groups]: Record<Groups[G][number], number> } & {
  /** Each drug's concept: the coded value of the per-drug formulation obs (value_drug holds the drug). */
  drugConcept: Record<Groups['drug'][number], number>;
};

/** Integer ids of everything the generator writes, resolved by uuid in the target database. */
export async function resolveGeneratorTerms(conn: Connection, database: string): Promise<ResolvedTerms> {
  const terms = readTerms();
  const codes = Object.entries(GENERATOR_TERMS).flatMap(([group, list]) => list.map((c) => `${group}.${c}`));
  const ids = await resolveTermIds(conn, database, codes, terms);
  const resolved: Record<string, Record<string, number>> = { drugConcept: {} };
  for (const [group, list] of Object.entries(GENERATOR_TERMS)) {
    resolved[group] = {};
    for (const code of list) resolved[group][code] = ids.get(`${group}.${code}`)!;
  }
  const [drugs] = (await conn.query('SELECT drug_id AS id, concept_id AS concept FROM drug WHERE drug_id IN (?)', [
    Object.values(resolved.drug),
  ])) as unknown as [Array<{ id: number; concept: number }>];
  const conceptOf = new Map(drugs.map((d) => [d.id, d.concept]));
  for (const code of GENERATOR_TERMS.drug) resolved.drugConcept[code] = conceptOf.get(resolved.drug[code])!;
  return resolved as unknown as ResolvedTerms;
}
