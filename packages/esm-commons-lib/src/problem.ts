/** What a refused or failed call says: its error body's message (OpenMRS and our services write it in the user's language), else the fetch's own. */
export interface CallProblem {
  message: string;
  /** Our services' reason code (e.g. `no-facility`), when the body has one. */
  code?: string;
  /** The rest of the error body (e.g. the report run a refusal is about). */
  body: Record<string, unknown>;
}

/** The problem of a failed `openmrsFetch` (its `responseBody.error`), or undefined when there was none. */
export function problemOf(error: unknown): CallProblem | undefined {
  if (!error) return undefined;
  const failure = error as { responseBody?: { error?: Record<string, unknown> }; message?: string };
  const body = failure.responseBody?.error ?? {};
  const message = typeof body.message === 'string' && body.message ? body.message : (failure.message ?? String(error));
  return { message, code: typeof body.code === 'string' ? body.code : undefined, body };
}
