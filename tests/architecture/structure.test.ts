/**
 * The rules of the layout, checked on the source itself: folders import one way (no folder-level cycle), the web
 * layer reaches the domain only through the composition root's ports, SQL lives in store/ and db/, and only the
 * composition root and the CLI entry read process.env.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({ path, rel: relative(SRC, path), text: readFileSync(path, 'utf8') }));
const folderOf = (rel: string) => (rel.includes(sep) ? rel.split(sep)[0]! : '.');

/** Relative import targets of a file (static imports, re-exports and dynamic imports), as paths under src/. */
function importsOf(file: { path: string; text: string }): string[] {
  const specs = [...file.text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.map((s) => relative(SRC, resolve(dirname(file.path), s)));
}

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const f of files) {
    const from = folderOf(f.rel);
    for (const target of importsOf(f)) {
      const to = folderOf(target);
      if (to !== from && !to.startsWith('..')) (graph.get(from) ?? graph.set(from, new Set()).get(from)!).add(to);
    }
  }
  return graph;
}

/** One cycle in the graph, as a path of folders, or null. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('the layout', () => {
  it('has no folder-level import cycle', () => {
    expect(findCycle(folderGraph())).toBeNull();
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    expect(findCycle(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]))).toEqual(['a', 'b', 'c', 'a']);
  });

  it('keeps model/ free of imports from other folders', () => {
    expect([...(folderGraph().get('model') ?? [])]).toEqual([]);
  });

  it('keeps store/ on the database and the model alone (no pipeline types, no country lookups)', () => {
    expect([...(folderGraph().get('store') ?? [])].sort()).toEqual(['db', 'model']);
  });

  it('lets web/ reach the domain only through ports, never the database, the store or the composition root', () => {
    const offenders = files
      .filter((f) => folderOf(f.rel) === 'web')
      .flatMap((f) => importsOf(f).filter((t) => /^(db|store|app)(\/|$)/.test(t)).map((t) => `${f.rel} -> ${t}`));
    expect(offenders).toEqual([]);
  });

  it('keeps SQL in store/ and db/', () => {
    const sql = /\b(SELECT\s+[\w*(]|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|PRAGMA\s+\w)/;
    const offenders = files
      .filter((f) => !/^(store|db)$/.test(folderOf(f.rel)))
      .filter((f) => f.text.split('\n').some((line) => sql.test(line) && !/^\s*(\*|\/\/)/.test(line)))
      .map((f) => f.rel);
    expect(offenders).toEqual([]);
  });
});
