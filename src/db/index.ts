export { openDatabase, inTransaction, isDatabaseInUse, type Db, type OpenOptions } from './open-database.js';
export { migrate, listMigrations, preMigrationBackupPath, MigrationError, MIGRATIONS_DIR, type MigrateOptions } from './migrate.js';
export { probeWritable, databaseSizeBytes, type WriteProbe } from './probe.js';
