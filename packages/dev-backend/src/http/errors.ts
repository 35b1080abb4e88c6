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

export function asRestError(error: unknown): RestError {
  if (error instanceof RestError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new RestError(500, '', message, 'Exception');
}
