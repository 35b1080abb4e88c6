// The failures of OpenMRS REST, each with the status its Java exception maps to and the reason
// its @ResponseStatus gives (RestUtil.wrapErrorResponse writes "<reason> [<message>]").

export interface FieldError {
  code: string;
  message: string;
}

export class RestError extends Error {
  constructor(
    readonly status: number,
    /** The exception's @ResponseStatus reason; '' when it has none. */
    readonly reason: string,
    message: string | null,
    /** Stands in for OpenMRS's "<throwing class>:<line>". */
    readonly code: string,
  ) {
    super(message ?? 'null');
  }

  envelope(): object {
    const message = this.reason ? `${this.reason} [${this.message}]` : `[${this.message}]`;
    return { error: { message, code: this.code, detail: '' } };
  }
}

export class ValidationError extends RestError {
  constructor(
    readonly fieldErrors: Record<string, FieldError[]>,
    readonly globalErrors: FieldError[] = [],
  ) {
    super(400, '', 'Invalid Submission', 'webservices.rest.error.invalid.submission');
  }

  override envelope(): object {
    return {
      error: {
        message: 'Invalid Submission',
        code: this.code,
        globalErrors: this.globalErrors,
        fieldErrors: this.fieldErrors,
      },
    };
  }
}

export const objectNotFound = (message: string | null = null) =>
  new RestError(404, "Object with given uuid doesn't exist", message, 'ObjectNotFoundException');

export const notSupported = (message: string | null = null) =>
  new RestError(
    400,
    'The Resource Does not Support the Requested Operation',
    message,
    'ResourceDoesNotSupportOperationException',
  );

export const conversionFailed = (message: string) =>
  new RestError(400, 'Unable to convert object into response content', message, 'ConversionException');

export const illegalRequest = (message: string) => new RestError(400, '', message, 'IllegalRequestException');

export const badRequest = (message: string) => new RestError(400, '', message, 'HttpMessageNotReadableException');

/** APIException carries no @ResponseStatus, so it surfaces as 500. */
export const apiException = (message: string) => new RestError(500, '', message, 'APIException');

export const unknownResource = (name: string) =>
  new RestError(404, '', `Unknown resource: ${name}`, 'UnknownResourceException');

export const methodNotAllowed = (method: string) =>
  new RestError(405, '', `Request method '${method}' not supported`, 'HttpRequestMethodNotSupportedException');

/** APIAuthenticationException: 401 or 403 is decided by whether anyone is logged in. */
export class AuthenticationRequired extends RestError {
  constructor(message: string, loggedIn: boolean) {
    super(
      loggedIn ? 403 : 401,
      loggedIn ? "User is logged in but doesn't have the relevant privilege" : 'User is not logged in',
      message,
      'APIAuthenticationException',
    );
  }
}

export const unsupportedMediaType = (contentType: string) =>
  // Spring's HttpMediaTypeNotSupportedException, which BaseRestController.handleException answers with
  // a 500 (it carries no @ResponseStatus).
  new RestError(500, '', `Content type '${contentType}' not supported`, 'HttpMediaTypeNotSupportedException');

/**
 * Any other failure, in the same envelope but without what it would leak (SQL, column names, the
 * database's address, JavaScript messages): the server log has it. A few database refusals are named.
 */
export function asRestError(error: unknown): RestError {
  if (error instanceof RestError) return error;
  switch ((error as { code?: unknown }).code) {
    case 'ER_STATEMENT_TIMEOUT':
      return new RestError(500, '', 'The request took too long and was stopped: ask for less', 'StatementTimeout');
    case 'ER_ROW_IS_REFERENCED':
    case 'ER_ROW_IS_REFERENCED_2':
      // What OpenMRS's ConstraintViolationException says, without the constraint's SQL.
      return new RestError(500, '', 'Cannot delete it: other records refer to it', 'DataIntegrityViolationException');
    case 'ER_LOCK_DEADLOCK':
    case 'ER_LOCK_WAIT_TIMEOUT':
      return new RestError(500, '', 'The record is being changed by another request: try again', 'LockAcquisition');
  }
  return new RestError(500, '', 'Internal server error: see the server log', 'Exception');
}
