export { openDatabase, closeDatabase, inTransaction, isDatabaseInUse, type Db, type OpenOptions } from './open-database.js';
export { migrate, listMigrations, preMigrationBackupPath, MigrationError, MIGRATIONS_DIR, type MigrateOptions } from './migrate.js';
export { probeWritable, databaseSizeBytes, type WriteProbe } from './probe.js';
export { StorageError, toStorageError, isStorageError, storageProblemOf, describeStorageProblem, describeStorageProblemPublicly, type StorageProblem } from './storage-errors.js';
export { createStorageHealth, type StorageHealth, type StorageHealthOptions, type StorageStatus } from './storage-health.js';
