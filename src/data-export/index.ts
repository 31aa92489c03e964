/** Curators' work as data: export-data / import-data (JSON Lines). */
export { exportData, type ExportDataOptions, type ExportDataResult, type DataHeader } from './export-data.js';
export { importData, checkEmpty, type ImportDataOptions, type ImportDataResult } from './import-data.js';
export { DATA_TABLES, SKIPPED_TABLES, DATA_FORMAT, DATA_FORMAT_VERSION, NO_PASSWORD, type DataTable } from './tables.js';
export { DataError, type DataErrorCode } from './errors.js';
