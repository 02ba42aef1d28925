import { describe, expect, it } from 'vitest';
import { can, whyCannot } from './policy.ts';

const person = (id: number, role: 'admin' | 'moderator' | null = null) => ({
  id,
  is_admin: role === 'admin' ? 1 : 0,
  is_moderator: role === 'moderator' ? 1 : 0,
});

describe('who may block or mute whom', () => {
  it('lets a logged-in person block or mute anyone else who is not staff', () => {
    expect(can({ id: 1 }, 'block', person(2))).toBe(true);
    expect(can({ id: 1 }, 'mute', person(2))).toBe(true);
  });

  it('refuses guests and oneself', () => {
    expect(whyCannot(null, 'mute', person(2))).toBe('guest');
    expect(whyCannot({ id: 2 }, 'block', person(2))).toBe('self');
    expect(whyCannot({ id: 2 }, 'mute', person(2))).toBe('self');
  });

  it('refuses blocking admins and moderators, but lets them be muted', () => {
    expect(whyCannot({ id: 1 }, 'block', person(2, 'admin'))).toBe('staff');
    expect(whyCannot({ id: 1 }, 'block', person(3, 'moderator'))).toBe('staff');
    expect(can({ id: 1 }, 'mute', person(2, 'admin'))).toBe(true);
    expect(can({ id: 1 }, 'mute', person(3, 'moderator'))).toBe(true);
  });
});
