/** Password hashing with argon2id (the binary ships inside @node-rs/argon2). */
import { hash, verify } from '@node-rs/argon2';

// Argon2id with OWASP's second recommended profile: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash that never verifies, checked against when the user is unknown so timing does not tell. */
export const DUMMY_HASH_PROMISE = hashPassword('quire-no-such-user');
