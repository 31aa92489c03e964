/** What can stop a backup or a restore; every message says what happened and what to do. */
export type BackupErrorCode =
  | 'exists'
  | 'missing'
  | 'not_database'
  | 'corrupt'
  | 'not_prayerwire'
  | 'newer_schema'
  | 'diverged'
  | 'in_use'
  | 'wal_beside';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}
