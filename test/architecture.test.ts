/**
 * The folders under src/ form layers: a folder may import from another only
 * if that one never imports back, directly or through others. A cycle means
 * two domains can no longer be read, tested or changed one at a time (and,
 * at run time, that a module may see another half-loaded). The graph is
 * read from the sources' import statements, type-only imports included:
 * they tie the folders together just the same. Tests and test helpers may
 * reach anywhere, so they are left out. Each file directly in src/
 * (server.ts, config.ts…) counts as a node of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../src');
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s*\(?\s*['"](\.[^'"]+)['"]/g;

/** folder → folder → the imports (importer → imported, relative to src/) that make the edge. */
type Graph = Map<string, Map<string, string[]>>;

function isTestCode(file: string): boolean {
  return /\.test\.tsx?$|\.test-helper\.tsx?$/.test(file);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !isTestCode(entry.name) ? [full] : [];
  });
}

/** The node a file belongs to: its top-level folder under src/, or the file itself when it sits in src/. */
function nodeOf(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0]!;
}

export function folderGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(SRC)) {
    const from = nodeOf(file);
    for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = path.resolve(path.dirname(file), (match[1] ?? match[2])!);
      if (!target.startsWith(SRC + path.sep)) continue;
      const to = nodeOf(target);
      if (to === from) continue;
      // The composed Database type gathers each domain's table types (`*.table.ts`, Kysely's example app's
      // shape): those files import nothing of their domain, so the composition is no real cycle.
      if (target.endsWith('.table.ts') && path.relative(SRC, file) === path.join('db', 'database.ts')) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, edges);
      edges.set(to, [...(edges.get(to) ?? []), `${path.relative(SRC, file)} → ${path.relative(SRC, target)}`]);
    }
  }
  return graph;
}

/** The shortest path of folders from `start` to `goal`, or null when `goal` cannot be reached. */
function shortestPath(graph: Graph, start: string, goal: string): string[] | null {
  const cameFrom = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    if (node === goal) {
      const route = [node];
      for (let at = cameFrom.get(node); at; at = cameFrom.get(at)) route.unshift(at);
      return route;
    }
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}

/** Every import between folders that closes a cycle, with the way back that makes it one. */
export function cyclesOf(graph: Graph): string[] {
  const found: string[] = [];
  for (const [from, edges] of [...graph].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [to, imports] of [...edges].sort(([a], [b]) => a.localeCompare(b))) {
      const back = shortestPath(graph, to, from);
      if (!back) continue;
      found.push(`${from} → ${back.join(' → ')}\n    because ${imports.join('\n        and ')}`);
    }
  }
  return found;
}

/**
 * Imports that still go the wrong way, each closing a cycle, with what they
 * are waiting for. The test leaves them out of the graph and fails once one
 * is gone, so this list only shrinks. Add nothing here: move the shared
 * piece down instead.
 */
const KNOWN_WRONG_WAY: ReadonlyArray<[from: string, to: string, why: string]> = [];

function withoutKnown(graph: Graph): Graph {
  const copy: Graph = new Map([...graph].map(([from, edges]) => [from, new Map(edges)]));
  for (const [from, to] of KNOWN_WRONG_WAY) copy.get(from)?.delete(to);
  return copy;
}

describe('the folders of src/', () => {
  it('import one another without a cycle', () => {
    const cycles = cyclesOf(withoutKnown(folderGraph()));
    expect(cycles, `Folder import cycles (break each by moving the shared piece down):\n${cycles.join('\n')}`).toEqual(
      [],
    );
  });

  it('still need each import listed as going the wrong way (delete the line once it is fixed)', () => {
    const graph = folderGraph();
    const fixed = KNOWN_WRONG_WAY.filter(([from, to]) => !graph.get(from)?.has(to) || !shortestPath(graph, to, from));
    expect(fixed.map(([from, to]) => `${from} → ${to}`)).toEqual([]);
  });

  it('are read from the sources (the graph is not empty)', () => {
    const graph = folderGraph();
    expect(graph.get('works')?.has('db')).toBe(true);
  });
});

describe('the database types', () => {
  it('live beside their domains: db/database.ts composes the tables and declares none of its own', () => {
    const composed = fs.readFileSync(path.join(SRC, 'db', 'database.ts'), 'utf8');
    const declared = [...composed.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]);
    expect(declared).toEqual(['Tables', 'Db']);
    const tableFiles = sourceFiles(SRC).filter((file) => file.endsWith('.table.ts'));
    expect(tableFiles.length).toBeGreaterThan(5);
  });

  it('name the handle one way: Db, never a local Kysely<Tables> or another alias', () => {
    const elsewhere = sourceFiles(SRC)
      .filter((file) => !file.endsWith(path.join('db', 'database.ts')) && !file.endsWith(path.join('db', 'connect.ts')))
      .filter((file) => /Kysely<Tables>|type \w+ = Kysely</.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(SRC, file));
    expect(elsewhere).toEqual([]);
  });
});
