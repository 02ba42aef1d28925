/**
 * Checking what a person typed as their second factor: a TOTP code, taken only once (its time step is
 * claimed), or one of their recovery codes, each good once.
 */
import type { Db } from '../../db/database.ts';
import { claimStep, findTwoFactor, useRecoveryCode } from './queries.ts';
import { hashRecoveryCode, looksLikeRecoveryCode, stepOfCode } from './totp.ts';

export type SecondFactor = 'code' | 'recovery' | null;

export async function verifySecondFactor(
  db: Db,
  userId: number,
  typed: string,
  now = new Date(),
): Promise<SecondFactor> {
  const row = await findTwoFactor(db, userId);
  if (!row?.enabledAt) return null;
  const step = stepOfCode(row.secret, typed, now.getTime());
  if (step !== null) return (await claimStep(db, userId, step)) ? 'code' : null;
  if (looksLikeRecoveryCode(typed) && (await useRecoveryCode(db, userId, hashRecoveryCode(typed), now))) {
    return 'recovery';
  }
  return null;
}
