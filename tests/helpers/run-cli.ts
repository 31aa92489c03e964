/**
 * The `prayerwire` command from the TypeScript sources, for tests that need a real process (signals, exit codes):
 * `node bin/run-ts.mjs tests/helpers/run-cli.ts serve --port 0 ...`.
 */
import { main } from '../../src/cli/index.js';

process.exitCode = await main(process.argv.slice(2));
