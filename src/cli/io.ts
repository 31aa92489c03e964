/** Where a command writes: injectable so tests can run commands in-process. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
}

export const processIo: CommandIo = {
  out: (text) => void process.stdout.write(`${text}\n`),
  err: (text) => void process.stderr.write(`${text}\n`),
  isTTY: Boolean(process.stderr.isTTY),
};
