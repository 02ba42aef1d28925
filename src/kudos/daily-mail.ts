/**
 * The daily kudos mail: once a day (KUDOS_MAIL_JOB, queued under a per-day
 * once-key by src/background.ts) the kudos no mail has told of yet are
 * gathered per creator into one mail, "Your works got kudos": which works,
 * who, and how many guests. Creators who turned kudos mails off get none,
 * and their kudos are marked all the same, so turning mails back on does
 * not bring a flood of old news. A work its creator can no longer read (a
 * deleted one waiting for its purge) is never mailed about.
 */
import type { Config } from '../config.ts';
import { mailPreferencesUrl } from '../accounts/mail-links.ts';
import type { Db } from '../db/database.ts';
import { queueMail } from '../outbox/mail.ts';
import type { Viewer } from '../web/context.ts';
import { findWorkAccess, whyCannotReadWork } from '../visibility/index.ts';
import {
  listKudosRecipients,
  listUnnotifiedKudos,
  listWorkTitles,
  markKudosNotified,
  type UnnotifiedKudos,
} from './queries.ts';

export const KUDOS_MAIL_JOB = 'kudos.daily-mail';
export const KUDOS_MAIL_SUBJECT = 'Your works got kudos';

/** Kudos gathered per run; a busier day's rest waits for the next run. */
const BATCH = 20_000;

/** A creator as the reading rules see them: no staff powers, only their creatorships. */
function asCreator(userId: number): Viewer {
  return {
    id: userId,
    username: '',
    isAdmin: false,
    isWrangler: false,
    isModerator: false,
    skipAdultNotice: false,
    hideWarnings: false,
    hideFreeform: false,
    sessionId: '',
  };
}

interface WorkKudos {
  workId: number;
  names: string[];
  guests: number;
}

function describe(kudos: WorkKudos): string {
  const parts = [...kudos.names];
  if (kudos.guests) parts.push(`${kudos.guests} ${kudos.guests === 1 ? 'guest' : 'guests'}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
}

/** Queues today's kudos mails and marks the kudos told of; gives how many mails were queued. */
export async function queueKudosMails(
  db: Db,
  config: Pick<Config, 'baseUrl' | 'archiveName'>,
  now: Date,
): Promise<number> {
  const pending = await listUnnotifiedKudos(db, BATCH);
  const byWork = new Map<number, UnnotifiedKudos[]>();
  for (const kudos of pending) byWork.set(kudos.workId, [...(byWork.get(kudos.workId) ?? []), kudos]);

  const perCreator = new Map<number, WorkKudos[]>();
  const told: number[] = [];
  for (const [workId, kudos] of byWork) {
    const access = await findWorkAccess(db, workId);
    if (!access) continue;
    const readers = access.creatorUserIds.filter((id) => whyCannotReadWork(asCreator(id), access) === null);
    // A deleted work's kudos stay untold: if it comes back before its purge, its creators hear then.
    if (!readers.length) continue;
    const summary: WorkKudos = {
      workId,
      names: kudos.flatMap((k) => (k.username ? [k.username] : [])),
      guests: kudos.filter((k) => !k.username).length,
    };
    for (const id of readers) perCreator.set(id, [...(perCreator.get(id) ?? []), summary]);
    told.push(...kudos.map((k) => k.id));
  }

  const titles = await listWorkTitles(db, [...byWork.keys()]);
  let mails = 0;
  for (const person of await listKudosRecipients(db, [...perCreator.keys()])) {
    if (person.kudosEmailsOff) continue;
    const works = perCreator.get(person.id) ?? [];
    await queueMail(db, {
      to: person.email,
      subject: KUDOS_MAIL_SUBJECT,
      text: [
        `Hello ${person.username},`,
        '',
        `Your works on ${config.archiveName} got kudos:`,
        '',
        ...works.flatMap((w) => [
          `“${titles.get(w.workId) ?? ''}”: ${describe(w)} left kudos.`,
          `${config.baseUrl}/works/${w.workId}`,
          '',
        ]),
        'Stop these emails with one click (no need to log in):',
        await mailPreferencesUrl(db, config.baseUrl, person.id),
      ].join('\n'),
    });
    mails += 1;
  }
  await markKudosNotified(db, told, now);
  return mails;
}
