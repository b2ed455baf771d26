// One error type for the whole product: a stable code plus parameters; the edge translates it for people.

export type ErrorParams = Record<string, string | number | boolean | null | undefined>;

export class DomainError extends Error {
  readonly code: string;
  readonly params: ErrorParams;
  /** HTTP status the edge should answer with; domain rules default to 422, validation to 400. */
  readonly status: number;

  constructor(code: string, params: ErrorParams = {}, status = 422) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`);
    this.name = 'DomainError';
    this.code = code;
    this.params = params;
    this.status = status;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
