/** Errors of curator actions: each carries a code the API maps to a status, and a message a curator can act on. */
export type CurateErrorCode = 'not_found' | 'unknown_country' | 'invalid_transition' | 'requirements' | 'invalid_input';

export class CurateError extends Error {
  constructor(
    readonly code: CurateErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CurateError';
  }
}
