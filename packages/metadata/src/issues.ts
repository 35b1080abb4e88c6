/** One defect in the configuration, located as precisely as the source allows. */
export interface ValidationIssue {
  /** Path relative to the configuration directory. */
  file: string;
  line: number;
  field?: string;
  message: string;
}

/** `concepts/concepts.csv:12 [Answers]: …` */
export function formatIssue(issue: ValidationIssue): string {
  const field = issue.field ? ` [${issue.field}]` : '';
  return `${issue.file}:${issue.line}${field}: ${issue.message}`;
}

export class InvalidConfigurationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(`The configuration has ${issues.length} issue(s):\n${issues.map(formatIssue).join('\n')}`);
  }
}
