export { openDatabase, inTransaction, type Db, type OpenOptions } from './open-database.js';
export { migrate, listMigrations, MigrationError, MIGRATIONS_DIR } from './migrate.js';
