/**
 * A member's nominations to a tag set, as one form they may come back to
 * while nominations are open: up to the set's number of fandoms, and under
 * each up to its number of characters and of relationships. Saving replaces
 * what they nominated before (a nomination kept keeps its review). Names are
 * resolved as maintainers' are (a synonym nominates its canonical); a tag the
 * set already holds is approved at once. Limits answer with field-level
 * messages naming the limit; `reviewNominations` is the maintainers' side.
 */
import type { Db } from '../db/database.ts';
import type { FieldErrors } from '../web/forms.tsx';
import { splitTagList } from '../tags/names.ts';
import {
  deleteNominations,
  findNominations,
  insertNomination,
  listOwnNominations,
  setNominationStatus,
} from './nomination-queries.ts';
import { insertAssociations, insertSetTags, setTagIdsAmong } from './queries.ts';
import { resolveTagNames } from './resolve-tags.ts';
import type { NominationStatus, TagSetKind, TagSetRow } from './tag-sets.table.ts';

/** One fandom slot of the form, as typed. */
export interface NominationSlot {
  fandom: string;
  characters: string;
  relationships: string;
}

export interface NominationLimits {
  fandoms: number;
  characters: number;
  relationships: number;
}

export function limitsOf(set: TagSetRow): NominationLimits {
  return {
    fandoms: set.fandom_nomination_limit,
    characters: set.character_nomination_limit,
    relationships: set.relationship_nomination_limit,
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The limits, checked before any tag is looked up or created; field names match the form's. */
export function checkNominationLimits(slots: readonly NominationSlot[], limits: NominationLimits): FieldErrors {
  const errors: FieldErrors = {};
  const named = slots.map((slot) => ({
    fandom: slot.fandom.trim(),
    characters: splitTagList(slot.characters),
    relationships: splitTagList(slot.relationships),
  }));
  const fandomCount = named.filter((s) => s.fandom).length;
  named.forEach((slot, i) => {
    if (!slot.fandom && (slot.characters.length || slot.relationships.length)) {
      errors[`fandom_${i}`] = 'Name the fandom these characters and relationships belong to.';
    }
    for (const [kind, one, many] of [
      ['characters', 'character', 'characters'],
      ['relationships', 'relationship', 'relationships'],
    ] as const) {
      const n = slot[kind].length;
      const limit = limits[kind];
      if (n > limit) {
        errors[`${kind}_${i}`] =
          limit === 0
            ? `This tag set takes no ${many} nominations.`
            : `Nominate at most ${plural(limit, one, many)} per fandom; you named ${n}${slot.fandom ? ` for ${slot.fandom}` : ''}.`;
      }
    }
  });
  if (fandomCount > limits.fandoms) {
    const firstOver = named.findIndex((_, i) => named.slice(0, i + 1).filter((s) => s.fandom).length > limits.fandoms);
    errors[`fandom_${firstOver}`] =
      limits.fandoms === 0
        ? 'This tag set takes no fandom nominations.'
        : `Nominate at most ${plural(limits.fandoms, 'fandom', 'fandoms')}; you named ${fandomCount}.`;
  }
  return errors;
}

interface Wanted {
  tagId: number;
  kind: TagSetKind;
  fandomId: number;
}

const keyOf = (w: { tagId: number; fandomId: number }) => `${w.tagId}:${w.fandomId}`;

/** Saves the form: `{ errors }` (nothing changed) or how many nominations the person now has. */
export async function saveNominations(
  db: Db,
  set: TagSetRow,
  userId: number,
  slots: readonly NominationSlot[],
): Promise<{ errors: FieldErrors } | { count: number; approved: number }> {
  const errors = checkNominationLimits(slots, limitsOf(set));
  if (Object.keys(errors).length) return { errors };
  return db.transaction().execute(async (trx) => {
    const wanted: Wanted[] = [];
    const fail: FieldErrors = {};
    for (const [i, slot] of slots.entries()) {
      if (!slot.fandom.trim()) continue;
      const fandom = await resolveTagNames(trx, [slot.fandom], 'fandom');
      if ('problem' in fandom) {
        fail[`fandom_${i}`] = fandom.problem;
        continue;
      }
      const fandomId = fandom.tags[0].id;
      wanted.push({ tagId: fandomId, kind: 'fandom', fandomId: 0 });
      for (const [field, kind] of [
        ['characters', 'character'],
        ['relationships', 'relationship'],
      ] as const) {
        const resolved = await resolveTagNames(trx, splitTagList(slot[field]), kind);
        if ('problem' in resolved) fail[`${field}_${i}`] = resolved.problem;
        else for (const tag of resolved.tags) wanted.push({ tagId: tag.id, kind, fandomId });
      }
    }
    if (Object.keys(fail).length) return { errors: fail };
    const unique = [...new Map(wanted.map((w) => [keyOf(w), w])).values()];
    const existing = await listOwnNominations(trx, set.id, userId);
    const existingKeys = new Set(existing.map(keyOf));
    const wantedKeys = new Set(unique.map(keyOf));
    await deleteNominations(
      trx,
      existing.filter((n) => !wantedKeys.has(keyOf(n))).map((n) => n.id),
    );
    const fresh = unique.filter((w) => !existingKeys.has(keyOf(w)));
    const inSet = await setTagIdsAmong(
      trx,
      set.id,
      fresh.map((w) => w.tagId),
    );
    let approved = 0;
    for (const w of fresh) {
      const status: NominationStatus = inSet.has(w.tagId) ? 'approved' : 'pending';
      if (status === 'approved') {
        approved++;
        // Already in the set: the nomination still says which fandom the nominator meant.
        if (w.fandomId) await insertAssociations(trx, set.id, [{ tagId: w.tagId, fandomId: w.fandomId }]);
      }
      await insertNomination(trx, { setId: set.id, userId, ...w, status });
    }
    return { count: unique.length, approved };
  });
}

/** Approves (the tags join the set, characters and relationships associated to their fandom) or rejects. */
export async function reviewNominations(
  db: Db,
  setId: number,
  ids: readonly number[],
  decision: 'approve' | 'reject',
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const found = await findNominations(trx, setId, ids);
    const foundIds = found.map((n) => n.id);
    if (decision === 'reject') {
      await setNominationStatus(trx, foundIds, 'rejected');
      return found.length;
    }
    await insertSetTags(
      trx,
      setId,
      found.map((n) => ({ tagId: n.tagId, kind: n.kind })),
    );
    await insertAssociations(
      trx,
      setId,
      found.filter((n) => n.fandomId).map((n) => ({ tagId: n.tagId, fandomId: n.fandomId })),
    );
    await setNominationStatus(trx, foundIds, 'approved');
    return found.length;
  });
}
