/** What stops export-data or import-data; the message names the line and says what to do. */
export type DataErrorCode = 'exists' | 'not_empty' | 'invalid' | 'newer_schema' | 'truncated';

export class DataError extends Error {
  constructor(
    readonly code: DataErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DataError';
  }
}
