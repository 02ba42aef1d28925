/**
 * Pseud icons as files: an uploaded image checked (PNG, JPEG or WebP, at
 * most 500 KB), re-encoded by sharp into a 100×100 WebP without any of the
 * upload's metadata (a phone photo's EXIF carries where it was taken), and
 * kept under `<dataDir>/pseud-icons/` as `<pseudId>-<random>.webp`. A new
 * icon gets a new name, so its address never changes content and may be
 * cached for good. Files an icon no longer uses (replaced, removed, its
 * pseud or account deleted) are named in a `pseud-icons.dropped` event by
 * the command that dropped them and removed by its listener after commit,
 * so a rolled-back change never loses a file still in use.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Config } from '../config.ts';
import type { EventListeners } from '../outbox/outbox.ts';
import { ICON_SIZE } from '../accounts/pseud-icon.tsx';

// Where an icon is shown lives with the pseuds (src/accounts/pseud-icon.tsx), so every folder may show one.
export { ICON_SIZE, ICON_URL_PREFIX, iconUrl } from '../accounts/pseud-icon.tsx';

export const ICON_MAX_BYTES = 500 * 1024;
export const ICON_ALT_MAX = 250;
export const ICON_FOLDER = 'pseud-icons';

const ACCEPTED_FORMATS = new Set(['png', 'jpeg', 'webp']);
/** A 500 KB file can still claim enormous dimensions (a decompression bomb); no icon needs more than 4096². */
const MAX_INPUT_PIXELS = 4096 * 4096;
const FILE_NAME = /^[0-9]{1,12}-[0-9a-f]{16}\.webp$/;

export const ICON_MESSAGES = {
  tooLarge: (bytes: number) =>
    `The icon is ${Math.ceil(bytes / 1024)} KB; choose an image of at most ${ICON_MAX_BYTES / 1024} KB.`,
  notImage: 'The icon must be a PNG, JPEG or WebP image.',
  tooManyPixels: (width: number, height: number) =>
    `The icon is ${width} × ${height} pixels; choose an image of at most 4096 × 4096.`,
  altMissing: 'Describe the icon in a few words: its alt text is read out to people who cannot see it.',
  altTooLong: `Alt text is at most ${ICON_ALT_MAX} characters.`,
};

export type PreparedIcon = { ok: true; webp: Buffer } | { ok: false; message: string };

/** The upload as the icon to store, or the message to show beside the field. */
export async function prepareIcon(bytes: Uint8Array): Promise<PreparedIcon> {
  if (bytes.byteLength > ICON_MAX_BYTES) return { ok: false, message: ICON_MESSAGES.tooLarge(bytes.byteLength) };
  try {
    // The header alone (nothing decoded yet), so a vast image gets its own message.
    const { format, width, height } = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (!format || !ACCEPTED_FORMATS.has(format)) return { ok: false, message: ICON_MESSAGES.notImage };
    if (width * height > MAX_INPUT_PIXELS) return { ok: false, message: ICON_MESSAGES.tooManyPixels(width, height) };
    // rotate() applies the EXIF orientation before it is dropped; sharp keeps no metadata unless asked.
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS });
    const webp = await image.rotate().resize(ICON_SIZE, ICON_SIZE, { fit: 'cover' }).webp({ quality: 82 }).toBuffer();
    return { ok: true, webp };
  } catch {
    // Not an image sharp can read (text named .png, a truncated file): the same answer as a wrong format.
    return { ok: false, message: ICON_MESSAGES.notImage };
  }
}

/** Pseuds' icons live in `pseud-icons/`; a collection's (src/collections/icon-routes.tsx) in `collection-icons/`. */
export const iconFolder = (dataDir: string, folder = ICON_FOLDER) => path.join(dataDir, folder);

/** Whether a name is one this module makes (and so safe to join to the folder). */
export const isIconFileName = (name: string) => FILE_NAME.test(name);

/** Writes the icon under a new name (written whole, then renamed, so it is never served half-written). */
export async function writeIconFile(
  dataDir: string,
  ownerId: number,
  webp: Buffer,
  folderName = ICON_FOLDER,
): Promise<string> {
  const folder = iconFolder(dataDir, folderName);
  await fs.mkdir(folder, { recursive: true });
  const name = `${ownerId}-${crypto.randomBytes(8).toString('hex')}.webp`;
  const partial = path.join(folder, `.${name}.partial`);
  await fs.writeFile(partial, webp);
  await fs.rename(partial, path.join(folder, name));
  return name;
}

export async function readIconFile(dataDir: string, name: string, folder = ICON_FOLDER): Promise<Buffer | null> {
  if (!isIconFileName(name)) return null;
  try {
    return await fs.readFile(path.join(iconFolder(dataDir, folder), name));
  } catch {
    return null;
  }
}

/** Removes icon files; one already gone is no error (a listener may run twice). */
export async function removeIconFiles(dataDir: string, names: readonly string[], folder = ICON_FOLDER): Promise<void> {
  for (const name of names) {
    if (isIconFileName(name)) await fs.rm(path.join(iconFolder(dataDir, folder), name), { force: true });
  }
}

/** Removes the files named by `pseud-icons.dropped` (wired in src/background.ts). */
export function pseudIconListeners(config: Pick<Config, 'dataDir'>): EventListeners {
  return {
    'pseud-icons.dropped': { run: (_db, { files }) => removeIconFiles(config.dataDir, files) },
  };
}
