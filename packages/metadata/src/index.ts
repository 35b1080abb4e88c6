export { formatIssue, InvalidConfigurationError, type ValidationIssue } from './issues';
export { validateConfiguration } from './validate';
export { DEFAULT_CONFIG_DIR, loadMetadata, type LoadOptions } from './load';
export { ampathFormUuid } from './ampath-forms';
export { formQuestions } from './ampath-form-concepts';
export { cell, readConfiguration, rowsOf, uuidOf } from './configuration';
export type { LoadSummary } from './load-context';
export type { Counts } from './sync';
export { METADATA_TABLES, readTerms, resolveTermIds, type MetadataTerm } from './terms';
