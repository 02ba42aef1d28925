/**
 * The kudos at the end of a work's page and of each chapter page: the
 * Kudos ♥ button (a plain form; kudos.js posts it with fetch and swaps the
 * line in place), the line of who left kudos ("lanternwright, snegir and
 * 12 guests left kudos on this work!", the first 50 names, then a link to
 * all of them), and for the work's creators the count per chapter. The
 * loader costs the same few queries however many kudos a work has.
 */
import type { Child } from 'hono/jsx';
import type { Db } from '../db/database.ts';
import type { Viewer } from '../web/context.ts';
import { isCreator, isListedWithStates, listingAudience, type WorkAccess } from '../visibility/index.ts';
import { can } from './policy.ts';
import { countKudos, countKudosByChapter, listKudosUsernames } from './queries.ts';

/** Names shown on the work page before the rest collapse into a link. */
export const KUDOS_NAMES_SHOWN = 50;

export const KUDOS_SCRIPT_PATH = '/assets/kudos.js';

export interface KudosLineData {
  workId: number;
  /** The newest givers' usernames, at most KUDOS_NAMES_SHOWN. */
  names: string[];
  users: number;
  guests: number;
}

export interface KudosSectionData {
  line: KudosLineData;
  /** Where the button sits: its chapter, and the page to come back to. */
  chapterId: number | null;
  returnTo: string;
  showsButton: boolean;
  /** For the work's creators: kudos per chapter. */
  byChapter: Array<{ position: number | null; count: number }> | null;
}

export async function loadKudosLine(db: Db, workId: number): Promise<KudosLineData> {
  const [counts, names] = await Promise.all([
    countKudos(db, workId),
    listKudosUsernames(db, workId, { limit: KUDOS_NAMES_SHOWN }),
  ]);
  return { workId, names, ...counts };
}

/** What the reading page needs for its kudos, for a work the viewer may read. */
export async function loadKudosSection(
  db: Db,
  viewer: Viewer | null,
  access: WorkAccess,
  place: { chapterId: number | null; returnTo: string },
): Promise<KudosSectionData> {
  const line = await loadKudosLine(db, access.id);
  const creator = isCreator(viewer, access);
  const byChapter = can(viewer, 'see-kudos-by-chapter', access) ? await countKudosByChapter(db, access.id) : null;
  // Creators may not praise their own work, and drafts and hidden works take no kudos (policy.ts).
  const showsButton = !creator && isListedWithStates(listingAudience(viewer), access.states);
  return { line, ...place, showsButton, byChapter };
}

const userHref = (username: string) => `/users/${encodeURIComponent(username)}`;
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "a, b and c": the parts of the line, joined as a sentence. */
function joinParts(parts: Child[]): Child[] {
  return parts.flatMap((part, i) => {
    if (i === 0) return [part];
    return [<>{i === parts.length - 1 ? ' and ' : ', '}</>, part];
  });
}

export function KudosLine({ line }: { line: KudosLineData }) {
  const more = line.users - line.names.length;
  const parts = [
    ...line.names.map((name) => <a href={userHref(name)}>{name}</a>),
    ...(more > 0 ? [<a href={`/works/${line.workId}/kudos`}>{plural(more, 'more user', 'more users')}</a>] : []),
    ...(line.guests ? [<>{plural(line.guests, 'guest', 'guests')}</>] : []),
  ];
  return (
    <p class="kudos-line" id="kudos-line" aria-live="polite">
      {parts.length ? <>{joinParts(parts)} left kudos on this work!</> : 'No kudos yet.'}
    </p>
  );
}

function KudosByChapter({ rows }: { rows: NonNullable<KudosSectionData['byChapter']> }) {
  if (!rows.length) return null;
  return (
    <details class="kudos-by-chapter">
      <summary>Kudos by chapter</summary>
      <ul>
        {rows.map((row) => (
          <li>
            {row.position === null ? 'Whole work' : `Chapter ${row.position}`}: {row.count.toLocaleString('en-US')}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function KudosSection({ data }: { data: KudosSectionData }) {
  return (
    <section class="kudos" aria-label="Kudos">
      {data.showsButton ? (
        <form method="post" action={`/works/${data.line.workId}/kudos`} class="kudos-form" data-kudos-form="">
          {data.chapterId ? <input type="hidden" name="chapter_id" value={String(data.chapterId)} /> : null}
          <input type="hidden" name="return_to" value={data.returnTo} />
          <button type="submit">Kudos ♥</button>
        </form>
      ) : null}
      <KudosLine line={data.line} />
      {data.byChapter ? <KudosByChapter rows={data.byChapter} /> : null}
      <script src={KUDOS_SCRIPT_PATH} defer></script>
    </section>
  );
}
