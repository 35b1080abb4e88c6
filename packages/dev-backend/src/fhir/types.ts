import type { Row } from '../database';
import type { RequestContext } from '../rest/context';

export interface SearchSql {
  where: string;
  params: unknown[];
  orderBy: string;
}

/** A FHIR resource type served from one OpenMRS table, id = uuid. */
export interface FhirType {
  table: string;
  /** A condition on `t` for rows of the table that are of this type (a person that is a patient). */
  scope?: string;
  privilege: string;
  toFhir(row: Row, ctx: RequestContext): Promise<Record<string, unknown>>;
  search(params: URLSearchParams): SearchSql;
}

/** Drops empty values, as HAPI's serialiser does. */
export function prune(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) =>
        v !== null &&
        v !== undefined &&
        v !== '' &&
        !(Array.isArray(v) && v.length === 0) &&
        !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0),
    ),
  );
}
