import type { ValidationIssue } from '../issues';
import type { LoadContext } from '../load-context';
import type { Row } from '../configuration';

/** A set of names another file may refer to: configured rows of a domain plus OpenMRS core rows. */
export interface NameSet {
  /** What the name denotes, for messages ("privilege"). */
  label: string;
  /** Domain folder whose rows provide names, and the header holding them. */
  domain?: string;
  column?: string;
  /** Only rows of that domain that pass. */
  where?: (row: Row) => boolean;
  /** Also accept the uuids of those rows. */
  orUuid?: boolean;
  /** Core seed table and column whose values are names too. */
  core?: { table: string; column: string };
}

export type Cell =
  | { type: 'text' }
  | { type: 'uuid' }
  | { type: 'boolean' }
  | { type: 'integer' }
  | { type: 'number' }
  | { type: 'enum'; values: readonly string[] }
  /** The uuid of a row of `domain` (or of a core row of its table). */
  | { type: 'ref'; domain: string }
  /** Semicolon-separated uuids of rows of `domain`. */
  | { type: 'refs'; domain: string }
  | { type: 'name'; of: NameSet }
  | { type: 'names'; of: NameSet };

export interface Column {
  header: string;
  cell: Cell;
  /** The header must be present. */
  headerRequired?: boolean;
  /** Every row needs a value. */
  required?: boolean;
}

/** Headers built from a prefix, e.g. `Tag|Login Location` or `Fully specified name:pt`. */
export interface PatternColumn {
  pattern: RegExp;
  cell: Cell;
  /** When set, the header's first capture group must be one of these names. */
  names?: NameSet;
  /** At least one header of the file must match (e.g. a description in some locale), named so in messages. */
  headerRequired?: string;
}

export interface CheckContext {
  /** Rows of every domain, by folder. */
  rows: ReadonlyMap<string, Row[]>;
  /** An issue when `uuid` is not a row of `domain` (configured or core), else undefined. */
  reference(row: Row, header: string, uuid: string, domain: string): ValidationIssue | undefined;
}

export interface DomainDef {
  /** Folder under the configuration directory; also the domain's name in summaries. */
  folder: string;
  /** One row, in words ("encounter type"). */
  label: string;
  /** Main table: core uuids of this table count as existing rows. */
  table?: string;
  columns: Column[];
  patterns?: PatternColumn[];
  /** Checks beyond the declarative ones (e.g. concept names). */
  check?(rows: Row[], ctx: CheckContext): ValidationIssue[];
  load(ctx: LoadContext, rows: Row[]): Promise<void>;
}

export const text: Cell = { type: 'text' };
export const bool: Cell = { type: 'boolean' };
export const integer: Cell = { type: 'integer' };
export const number: Cell = { type: 'number' };
export const ref = (domain: string): Cell => ({ type: 'ref', domain });

export const UUID: Column = { header: 'Uuid', cell: { type: 'uuid' }, headerRequired: true, required: true };
export const RETIRE: Column = { header: 'Void/Retire', cell: bool };
/**
 * The harmonised EPTS integer id. Required as a header (cells may be empty) where EPTS harmonised the
 * domain: a file that leaves it out would give its rows other ids than an EPTS database has.
 */
export const EPTS_ID: Column = { header: 'EPTS id', cell: integer, headerRequired: true };
/** For domains EPTS did not harmonise (locations, encounter roles, identifier sources). */
export const OPTIONAL_EPTS_ID: Column = { ...EPTS_ID, headerRequired: false };
export const NAME: Column = { header: 'Name', cell: text, headerRequired: true, required: true };
/** Required as a header: a file without it would blank every description it loads. */
export const DESCRIPTION: Column = { header: 'Description', cell: text, headerRequired: true };
