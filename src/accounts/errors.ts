/** The one error type of the accounts module; `code` says what went wrong, `message` says it to a person. */
export type AccountErrorCode =
  | 'invalid_name'
  | 'invalid_role'
  | 'weak_password'
  | 'name_taken'
  | 'not_found'
  | 'setup_closed'
  | 'invalid_setup_token';

export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}
