/** Backups of the one SQLite file: online backup, restore, a schedule while the server runs. */
export { backupDatabase, describeReport, inspectDatabaseCopy, type BackupOptions, type DatabaseReport } from './backup-database.js';
export { restoreDatabase, checkSchema, compactTimestamp, type RestoreOptions, type RestoreResult } from './restore-database.js';
export {
  startBackupSchedule, backupFileName, listScheduledBackups, pruneScheduledBackups, type BackupSchedule, type BackupScheduleDeps,
} from './backup-schedule.js';
export { BackupError, type BackupErrorCode } from './errors.js';
