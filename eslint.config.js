// Lint rules for Quire: ESLint's and typescript-eslint's recommended sets,
// without type-aware rules (they would double the run time on CI's two cores
// for little gain over `tsc --noEmit`, which CI runs anyway).
//
// TypeScript 7's native compiler ships no JavaScript compiler API, which
// typescript-eslint needs to parse. package.json therefore installs
// TypeScript side by side, as Microsoft documents for 7.0: the package named
// `typescript` is the 6.0 API shim (for this linter), and
// `@typescript/native` is TypeScript 7, which owns `tsc`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'test-results/', '.tmp/', 'dist/', 'dist.building-*/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names mark deliberately unused parameters and destructured leftovers.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // New in ESLint 10's recommended set. Our wrappers already put the cause's
      // message in their own; attach `cause` when touching them, but do not fail CI.
      'preserve-caught-error': 'warn',
    },
  },
  {
    // SQL lives only in `*queries.ts` files (and in src/db/: the dialects,
    // the migrator and its migrations), so a reader finds every statement a
    // domain runs in one place and both dialects are checked there. Elsewhere
    // code calls those plain functions; db.transaction() and passing `trx`
    // along are fine. Tests and their helpers may set up rows directly.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*queries.ts', 'src/db/**', 'src/**/*.test.{ts,tsx}', 'src/**/*.test-helper.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression > MemberExpression.callee > Identifier.property[name=/^(selectFrom|insertInto|updateTable|deleteFrom|with|withRecursive|selectNoFrom|replaceInto|mergeInto)$/]',
          message: 'SQL belongs in a *queries.ts file: call a query function from there instead.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'kysely',
              importNames: ['sql'],
              message: 'SQL belongs in a *queries.ts file: call a query function from there instead.',
            },
          ],
        },
      ],
    },
  },
  {
    // Migrations and their helpers take `Kysely<any>` on purpose, as Kysely's
    // docs advise: a migration must keep working after the schema type changes.
    files: ['src/db/migrations/**', 'src/db/schema-helpers.ts', 'src/db/migrator.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The download builders write XML (EPUB, HTML) and must strip the control
    // characters XML 1.0 forbids, which is what these regular expressions match.
    files: ['src/downloads/**'],
    rules: { 'no-control-regex': 'off' },
  },
);
