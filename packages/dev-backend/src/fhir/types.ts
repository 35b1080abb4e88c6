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
  privilege: string;
  toFhir(row: Row, ctx: RequestContext): Promise<Record<string, unknown>>;
  search(params: URLSearchParams): SearchSql;
}
