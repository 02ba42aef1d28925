#!/usr/bin/env node
// The `quire` command (npx quire, npm link, a global install, a systemd unit):
// runs the compiled CLI in dist/, compiling it first when it is missing or
// older than src/ (scripts/build.js). Where it cannot be built (no esbuild, a
// read-only install) it runs the TypeScript through tsx, with this package's
// tsconfig.json named explicitly: tsx looks for one only in the working
// folder, and without it the hono/jsx views fail ("React is not defined").
import { fileURLToPath } from 'node:url';
import { ensureBuild } from '../scripts/build.js';

process.env.QUIRE_CLI = '1'; // main.ts runs itself whatever name this file was linked under
if (await ensureBuild()) {
  await import('../dist/src/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  await import('../src/cli/main.ts');
}
delete process.env.QUIRE_CLI; // main.ts has read it; keep it out of processes the CLI starts
