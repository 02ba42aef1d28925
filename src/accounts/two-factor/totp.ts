/**
 * TOTP codes (RFC 6238: SHA-1, 6 digits, 30 seconds, as every authenticator app reads them) through otpauth,
 * and recovery codes: ten random codes shown once, kept as SHA-256 hashes (they are random and long enough
 * that a slow hash would add nothing).
 */
import crypto from 'node:crypto';
import QRCode from 'qrcode';
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

export function newSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, issuer: string, label: string): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// address an app reads from the QR code. */
export function otpauthUrl(secret: string, issuer: string, label: string): string {
  return totpOf(secret, issuer, label).toString();
}

/** The QR code of that address, as an SVG element's text. */
export function qrCodeSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}

/** The time step the code belongs to (one either side of now allowed, for clocks a little off), or null. */
export function stepOfCode(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secret, 'q', 'q').validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = crypto.randomBytes(8).toString('hex');
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12)}`;
  });
}

export function hashRecoveryCode(code: string): string {
  const normal = code
    .trim()
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '');
  return crypto.createHash('sha256').update(`quire-recovery\n${normal}`).digest('hex');
}

export const looksLikeRecoveryCode = (code: string) => code.trim().replace(/[^0-9a-fA-F]/g, '').length === 16;
