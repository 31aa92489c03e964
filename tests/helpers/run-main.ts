/** Runs the `prayerwire` CLI in process with captured output: `const { code, out, err } = await runMain('backup', f)`. */
import { main } from '../../src/cli/index.js';
import type { CommandIo } from '../../src/cli/io.js';

export async function runMain(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false };
  const code = await main(argv, {}, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
