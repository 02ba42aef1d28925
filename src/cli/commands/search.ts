/**
 * `quire search reindex`: rebuilds the full-text index and the search facts
 * of every work, with a progress bar (plain lines when not on a terminal).
 * The index is normally kept in step by every write; this is for recovery,
 * after a bulk import, or after changing how documents are built.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { rebuildIndex } from '../../indexing/indexer.ts';
import { UsageError, openConfiguredDatabase, type Command } from '../command.ts';

export const searchCommand: Command = {
  name: 'search',
  summary: 'maintain the search index (reindex)',
  help: `Usage: quire search reindex [--fresh]

Rebuilds the search index of every work: title, creators, tags, summary,
notes and the text of posted chapters, plus the facts listings sort on.
Searches keep working while it runs; each batch of works is re-indexed in
its own transaction.

Options:
  --fresh   empty the index first (searches miss works until it finishes)`,
  async run(args) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { fresh: { type: 'boolean', default: false } },
    });
    if (positionals[0] !== 'reindex' || positionals.length > 1) {
      throw new UsageError(
        positionals[0] ? `unknown subcommand "${positionals.join(' ')}"` : 'say what to do: reindex',
      );
    }
    const db = await openConfiguredDatabase();
    const bar = new cliProgress.SingleBar(
      {
        format: 'Indexing works [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left',
        noTTYOutput: !process.stderr.isTTY,
        notTTYSchedule: 5000,
      },
      cliProgress.Presets.shades_classic,
    );
    const started = Date.now();
    try {
      let begun = false;
      const done = await rebuildIndex(
        db,
        ({ done, total }) => {
          if (!begun) {
            bar.start(total, done);
            begun = true;
          } else {
            bar.setTotal(total);
            bar.update(done);
          }
        },
        { fresh: values.fresh },
      );
      bar.stop();
      console.log(
        `Indexed ${done} ${done === 1 ? 'work' : 'works'} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
      return 0;
    } finally {
      bar.stop();
      await db.destroy();
    }
  },
};
