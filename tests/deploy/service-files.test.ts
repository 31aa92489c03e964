/**
 * deploy/prayerwire.service and the Dockerfile, checked without systemd or a Docker daemon: both start the same
 * `serve` invocation, with the settings the README promises (non-root, state and config paths, stop timeout,
 * hardening, health check); then the image's runtime layout is assembled from the Dockerfile's COPY lines, its CMD
 * run as written (paths moved to a temp dir), /healthz and the HEALTHCHECK command answer, and SIGTERM ends it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, ROOT } from '../../bin/build.mjs';
import { freePort } from '../helpers/free-port.js';

const UNIT = readFileSync(join(ROOT, 'deploy', 'prayerwire.service'), 'utf8');
const DOCKERFILE = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

/** A unit file as section -> [key, value] pairs (keys may repeat). */
function parseUnit(text: string): Map<string, [string, string][]> {
  const sections = new Map<string, [string, string][]>();
  let current: [string, string][] | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(\w+)\]$/.exec(line);
    if (section) sections.set(section[1]!, (current = []));
    else if (current) current.push([line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
  }
  return sections;
}

const service = parseUnit(UNIT).get('Service') ?? [];
const unitValue = (key: string) => service.filter(([k]) => k === key).map(([, v]) => v);

interface Instruction {
  op: string;
  args: string;
}

/** Dockerfile stages, each a list of instructions (continuation lines joined, comments dropped). */
function parseDockerfile(text: string): { from: string; instructions: Instruction[] }[] {
  const joined = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const stages: { from: string; instructions: Instruction[] }[] = [];
  for (const line of joined) {
    const [, op, args] = /^(\w+)\s+(.*)$/.exec(line)!;
    if (op!.toUpperCase() === 'FROM') stages.push({ from: args!, instructions: [] });
    else stages.at(-1)!.instructions.push({ op: op!.toUpperCase(), args: args! });
  }
  return stages;
}

const stages = parseDockerfile(DOCKERFILE);
const runtime = stages.at(-1)!;
const runtimeValue = (op: string) => runtime.instructions.filter((i) => i.op === op).map((i) => i.args);
const dockerCmd = JSON.parse(runtimeValue('CMD').at(-1)!) as string[];
const execStart = unitValue('ExecStart')[0]!.split(/\s+/);

/** The value after a flag in an argv. */
const flag = (argv: string[], name: string) => argv[argv.indexOf(name) + 1]!;

describe('deploy/prayerwire.service', () => {
  it('runs serve as a non-root user on the config in /etc/prayerwire and the database in its state directory', () => {
    expect(unitValue('User')).toEqual(['prayerwire']);
    expect(unitValue('WorkingDirectory')).toHaveLength(1);
    expect(execStart.slice(1, 3)).toEqual(['bin/prayerwire.mjs', 'serve']);
    expect(execStart[0]).toMatch(/^\/.*\/node$/);
    expect(flag(execStart, '--config')).toBe('/etc/prayerwire/feeds.yml');
    expect(flag(execStart, '--db')).toBe(`/var/lib/${unitValue('StateDirectory')[0]}/prayerwire.db`);
  });

  it('restarts on failure, waits longer than the 10 s shutdown, and is hardened with the data and config writable', () => {
    expect(unitValue('Restart')).toEqual(['on-failure']);
    expect(Number(unitValue('TimeoutStopSec')[0])).toBeGreaterThan(10);
    expect(unitValue('NoNewPrivileges')).toEqual(['yes']);
    expect(unitValue('ProtectSystem')).toEqual(['strict']);
    expect(unitValue('PrivateTmp')).toEqual(['yes']);
    const writable = unitValue('ReadWritePaths').flatMap((v) => v.split(/\s+/));
    expect(writable).toEqual(expect.arrayContaining([dirname(flag(execStart, '--db')), dirname(flag(execStart, '--config'))]));
  });

  it.runIf(spawnSync('systemd-analyze', ['--version']).status === 0)('passes systemd-analyze verify', () => {
    // The node binary of this machine stands in for /usr/bin/node, which verify checks exists.
    const dir = mkdtempSync(join(tmpdir(), 'pw-unit-'));
    const file = join(dir, 'prayerwire.service');
    writeFileSync(file, UNIT.replace(execStart[0]!, process.execPath));
    const run = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    // verify exits 0 even for settings it ignores; every complaint names the file.
    const complaints = `${run.stdout}${run.stderr}`.split('\n').filter((l) => l.includes('prayerwire.service'));
    expect(complaints).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('Dockerfile', () => {
  it('builds on node:20-bookworm-slim with the native toolchain, and runs as node without it', () => {
    expect(stages.map((s) => s.from.split(/\s+/)[0])).toEqual(['node:20-bookworm-slim', 'node:20-bookworm-slim']);
    const buildSteps = stages[0]!.instructions.map((i) => i.args).join('\n');
    for (const step of ['python3', 'make', 'g++', 'npm ci', 'npm run build', 'npm prune --omit=dev']) expect(buildSteps).toContain(step);
    expect(runtimeValue('USER')).toEqual(['node']);
    expect(runtimeValue('RUN').join('\n')).not.toMatch(/apt-get|g\+\+/);
  });

  it('keeps its data in a volume, exposes 8080, stops on SIGTERM and checks /healthz', () => {
    expect(runtimeValue('VOLUME')).toEqual(['/data']);
    expect(runtimeValue('EXPOSE')).toEqual(['8080']);
    expect(runtimeValue('STOPSIGNAL')).toEqual(['SIGTERM']);
    expect(runtimeValue('HEALTHCHECK')[0]).toMatch(/\/healthz/);
    expect(flag(dockerCmd, '--db')).toMatch(/^\/data\//);
    expect(flag(dockerCmd, '--config')).toMatch(/^\/data\//);
  });

  it('starts the same serve invocation as the systemd unit (only the paths differ)', () => {
    const shape = (argv: string[]) => argv.slice(1).map((a) => (a.startsWith('/') ? '<path>' : a));
    expect(shape(dockerCmd)).toEqual(shape(execStart));
    expect(shape(dockerCmd)).toEqual(['bin/prayerwire.mjs', 'serve', '--config', '<path>', '--db', '<path>']);
  });
});


describe('the image layout, run as the Dockerfile says', () => {
  const work = mkdtempSync(join(tmpdir(), 'pw-image-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /**
   * The build stage's inputs copied and built in their own directory (not the repository's dist/, which other tests
   * build at the same time), then the runtime stage's COPY lines applied to an empty /app.
   */
  function assembleImage(): string {
    const buildDir = join(work, 'build');
    for (const copy of stages[0]!.instructions.filter((i) => i.op === 'COPY')) {
      const parts = copy.args.split(/\s+/);
      for (const src of parts.slice(0, -1)) cpSync(join(ROOT, src), join(buildDir, src), { recursive: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(buildDir, 'node_modules'), 'dir');
    build(buildDir);
    const app = join(work, 'app');
    mkdirSync(app);
    for (const copy of runtime.instructions.filter((i) => i.op === 'COPY')) {
      const fromBuild = /^--from=build\s+/.test(copy.args);
      const [src, dest] = copy.args.replace(/^--from=build\s+/, '').split(/\s+/) as [string, string];
      const source = fromBuild ? join(buildDir, src.replace(/^\/app\//, '')) : join(ROOT, src);
      // `COPY a ./` puts a into the working directory; `COPY a ./b` makes ./b.
      const target = dest === './' || dest === '.' ? join(app, basename(src)) : join(app, dest.replace(/^\.\//, ''));
      if (src.endsWith('node_modules')) symlinkSync(source, target, 'dir');
      else cpSync(source, target, { recursive: true });
    }
    return app;
  }

  it('answers /healthz and the HEALTHCHECK, and exits 0 on SIGTERM', async () => {
    const app = assembleImage();
    expect(existsSync(join(app, 'src'))).toBe(false);
    const data = join(work, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'feeds.yml'), 'feeds: []\n');
    const port = await freePort();
    const env = { ...process.env, NODE_ENV: 'production', PORT: String(port) };
    const argv = dockerCmd.map((a) => (a === 'node' ? process.execPath : a.replace(/^\/data\//, `${data}/`)));
    const child = spawn(argv[0]!, argv.slice(1), { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => void (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => void (output += c.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    try {
      await expect.poll(() => output, { timeout: 30_000, interval: 100 }).toContain('listening on');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status, output).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      // The container's HEALTHCHECK command, run as written.
      const check = JSON.parse(runtimeValue('HEALTHCHECK')[0]!.replace(/^.*?CMD\s+/, '')) as string[];
      const checked = spawnSync(process.execPath, check.slice(1), { env, encoding: 'utf8' });
      expect(checked.status, checked.stderr).toBe(0);
      // JSON lines when the output is not a terminal (docker logs, the journal).
      const firstLine = output.split('\n').find((l) => l.startsWith('{'));
      expect(JSON.parse(firstLine!)).toMatchObject({ level: expect.any(Number), msg: expect.any(String) });
    } finally {
      child.kill('SIGTERM');
    }
    const started = Date.now();
    const { code } = await exited;
    expect(code, output).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 240_000);
});
