/**
 * The production build: compiles every module of src/ (TypeScript and
 * hono/jsx) to plain JavaScript in dist/src/, one file per module in the same
 * folders, and copies src/'s other files (stylesheets, browser scripts) beside
 * them — modules read those at run time through `new URL(…, import.meta.url)`,
 * so they must keep their places relative to the code. Packages stay imports
 * of node_modules, and `import('./x.ts')` becomes `import('./x.js')`, so a
 * command still loads only the modules it needs.
 *
 *   node scripts/build.js     (npm run build)
 *
 * Plain JavaScript so that it runs before anything is compiled: bin/quire.js
 * calls ensureBuild() to build when dist/ is missing or older than src/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'src');
export const distDir = path.join(root, 'dist');
/** Written last: its mtime is when the build finished, and its presence that it did. */
const stampFile = path.join(distDir, '.build-stamp');
/** What the build's output depends on besides src/. */
const inputs = ['package.json', 'tsconfig.json', 'scripts/build.js'].map((file) => path.join(root, file));

const isTestFile = (file) => /\.test\.tsx?$|\.test-support\.tsx?$/.test(file);
const isModule = (file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts');

function filesUnder(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

/** True when dist/ lacks a finished build or any source file changed after it. */
export function isBuildStale() {
  let builtAt;
  try {
    builtAt = fs.statSync(stampFile).mtimeMs;
  } catch {
    return true;
  }
  return [...inputs, ...filesUnder(srcDir)].some((file) => fs.statSync(file).mtimeMs > builtAt);
}

/** esbuild plugin: every import stays an import; a relative `.ts`/`.tsx` one points at the compiled `.js`. */
const keepImports = {
  name: 'keep-imports',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const isRelative = args.path.startsWith('./') || args.path.startsWith('../');
      return { path: isRelative ? args.path.replace(/\.tsx?$/, '.js') : args.path, external: true };
    });
  },
};

/** Compiles src/ into dist/. Builds in a scratch folder and swaps it in, so a half-written dist/ never runs. */
export async function build() {
  const { build: esbuild } = await import('esbuild');
  const scratch = `${distDir}.building-${process.pid}`;
  fs.rmSync(scratch, { recursive: true, force: true });
  const sources = filesUnder(srcDir).filter((file) => !isTestFile(file));
  await esbuild({
    absWorkingDir: root,
    entryPoints: sources.filter(isModule),
    outbase: srcDir,
    outdir: path.join(scratch, 'src'),
    bundle: true, // only so that onResolve sees each import; keepImports leaves every one external
    plugins: [keepImports],
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: path.join(root, 'tsconfig.json'), // jsx: react-jsx with hono/jsx as the import source
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  for (const file of sources.filter((file) => !isModule(file))) {
    const target = path.join(scratch, 'src', path.relative(srcDir, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  fs.writeFileSync(path.join(scratch, '.build-stamp'), `${new Date().toISOString()}\n`);
  // Two renames, so dist/ is missing only between them, and never half-removed under a running process.
  const old = `${distDir}.old-${process.pid}`;
  if (fs.existsSync(distDir)) fs.renameSync(distDir, old);
  fs.renameSync(scratch, distDir);
  fs.rmSync(old, { recursive: true, force: true });
}

const lockFile = `${distDir}.lock`;
/** A lock older than this was left by a build that died: taken over. */
const STALE_LOCK_MS = 2 * 60_000;

/**
 * Runs `work` holding dist.lock (a file made with O_EXCL), waiting while another process holds it: two
 * `quire` commands started together (two servers, a server and a CLI command) would otherwise build into
 * dist/ at once and one of them fail.
 */
async function withBuildLock(work) {
  const deadline = Date.now() + STALE_LOCK_MS;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lockFile, 'wx'));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      try {
        if (Date.now() - fs.statSync(lockFile).mtimeMs > STALE_LOCK_MS) fs.rmSync(lockFile, { force: true });
      } catch {
        // released meanwhile
      }
      if (Date.now() > deadline) throw new Error(`${lockFile} is held by another build`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

/**
 * Builds when dist/ is missing or stale. Returns false when it cannot (esbuild
 * is not installed, or the checkout is read-only): the caller then runs the
 * sources through tsx instead.
 */
export async function ensureBuild() {
  if (!isBuildStale()) return true;
  try {
    return await withBuildLock(async () => {
      if (!isBuildStale()) return true; // built by another process while this one waited
      process.stderr.write('quire: compiling src/ to dist/ (missing or older than the sources)…\n');
      await build();
      return true;
    });
  } catch (error) {
    process.stderr.write(`quire: could not build dist/ (${error.message}); running the sources through tsx\n`);
    return false;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await withBuildLock(build);
  console.log(`Built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
