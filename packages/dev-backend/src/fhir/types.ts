import type { Row } from '../database';
import { RestError } from '../http/errors';
import type { RequestContext } from '../rest/context';

export interface SearchSql {
  where: string;
  params: unknown[];
  orderBy: string;
}

/** A write a FHIR type accepts: the privilege it needs, and what it does (in one transaction). */
export interface FhirWrite<A extends unknown[]> {
  privilege: string;
  run(ctx: RequestContext, ...args: A): Promise<Row>;
}

/** A FHIR resource type served from one OpenMRS table (or a union of tables), id = uuid. */
export interface FhirType {
  table: string;
  /** The rows as a derived table instead of `table` (fhir2's Condition: conditions and diagnoses). */
  from?: string;
  /** A condition on `t` for rows of the table that are of this type (a person that is a patient). */
  scope?: string;
  privilege: string;
  toFhir(row: Row, ctx: RequestContext): Promise<Record<string, unknown>>;
  search(params: URLSearchParams): SearchSql;
  /** POST <Type>: answers the row created. */
  create?: FhirWrite<[resource: Record<string, unknown>]>;
  /** PUT <Type>/<id>: answers the row that now stands for the resource (a new version for conditions). */
  update?: FhirWrite<[row: Row, resource: Record<string, unknown>]>;
  /** DELETE <Type>/<id>. */
  delete?: FhirWrite<[row: Row]>;
}

/** A FHIR processing error: 400 with an OperationOutcome, as HAPI's InvalidRequestException. */
export const invalidRequest = (message: string) => new RestError(400, '', message, 'fhir');

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

/**
 * Builds a FHIR search's SQL filter. Repeated or comma-separated values of a parameter are
 * alternatives (OR); each `?` of `condition` receives the value.
 */
export class SearchFilter {
  private readonly where: string[];
  private readonly values: unknown[] = [];

  constructor(
    private readonly params: URLSearchParams,
    ...always: string[]
  ) {
    this.where = always;
  }

  anyOf(param: string, condition: string, value: (v: string) => unknown = (v) => v): this {
    const alternatives = this.params
      .getAll(param)
      .flatMap((p) => p.split(','))
      .filter((v) => v !== '');
    if (alternatives.length === 0) return this;
    const placeholders = condition.split('?').length - 1;
    this.where.push(`(${alternatives.map(() => condition).join(' OR ')})`);
    this.values.push(...alternatives.flatMap((v) => Array.from({ length: placeholders }, () => value(v))));
    return this;
  }

  /** The patient a resource belongs to, by `subject`, `subject:Patient` or `patient` ("Patient/<uuid>" or the uuid). */
  patient(personColumn: string): this {
    const condition = `${personColumn} = (SELECT p.person_id FROM person p WHERE p.uuid = ?)`;
    return this.anyOf('subject', condition, idOf)
      .anyOf('subject:Patient', condition, idOf)
      .anyOf('patient', condition, idOf);
  }

  sql(orderBy: string): SearchSql {
    return { where: this.where.join(' AND '), params: this.values, orderBy };
  }
}

/** "Patient/<uuid>" or the bare uuid. */
export const idOf = (reference: string) => reference.replace(/^[A-Za-z]+\//, '');
