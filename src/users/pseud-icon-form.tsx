/**
 * The icon part of the pseud edit form (src/orphaning/routes.tsx): the
 * current icon with "Remove it", a new file, and its alt text (required with
 * an icon). `readIconForm` checks what was sent and says what to do;
 * `saveIconPlan` does it — writing the new file, then changing the row.
 */
import type { Child } from 'hono/jsx';
import type { Pseud } from '../accounts/accounts.table.ts';
import type { Db } from '../db/database.ts';
import { FileField, TextField, type FieldErrors } from '../web/forms.tsx';
import { changePseudIcon } from './change-pseud-icon.ts';
import { PseudIcon } from '../accounts/pseud-icon.tsx';
import {
  ICON_ALT_MAX,
  ICON_MAX_BYTES,
  ICON_MESSAGES,
  prepareIcon,
  removeIconFiles,
  writeIconFile,
} from './pseud-icons.ts';

export type IconPlan =
  { kind: 'keep' } | { kind: 'remove' } | { kind: 'alt'; alt: string } | { kind: 'new'; webp: Buffer; alt: string };

type IconState = Pick<Pseud, 'icon_file' | 'icon_alt'>;

/** The icon fields' errors (`icon`, `icon_alt`), else what to do with the icon. */
export async function readIconForm(
  form: Record<string, unknown>,
  current: IconState,
): Promise<{ errors: FieldErrors; plan: IconPlan }> {
  const errors: FieldErrors = {};
  if (form.remove_icon === '1') return { errors, plan: current.icon_file ? { kind: 'remove' } : { kind: 'keep' } };
  const alt = typeof form.icon_alt === 'string' ? form.icon_alt.trim().replace(/\s+/g, ' ') : '';
  // An empty file input still sends a part, with no name and no bytes.
  const upload = form.icon instanceof File && (form.icon.size > 0 || form.icon.name !== '') ? form.icon : null;
  let webp: Buffer | null = null;
  if (upload) {
    const prepared =
      upload.size > ICON_MAX_BYTES
        ? { ok: false as const, message: ICON_MESSAGES.tooLarge(upload.size) }
        : await prepareIcon(new Uint8Array(await upload.arrayBuffer()));
    if (prepared.ok) webp = prepared.webp;
    else errors.icon = prepared.message;
  }
  const hasIcon = upload !== null || current.icon_file !== null;
  if (hasIcon && !alt) errors.icon_alt = ICON_MESSAGES.altMissing;
  else if (alt.length > ICON_ALT_MAX) errors.icon_alt = ICON_MESSAGES.altTooLong;
  if (Object.keys(errors).length) return { errors, plan: { kind: 'keep' } };
  if (webp) return { errors, plan: { kind: 'new', webp, alt } };
  if (current.icon_file && alt !== current.icon_alt) return { errors, plan: { kind: 'alt', alt } };
  return { errors, plan: { kind: 'keep' } };
}

export async function saveIconPlan(db: Db, dataDir: string, userId: number, pseudId: number, plan: IconPlan) {
  if (plan.kind === 'keep') return;
  if (plan.kind === 'remove') return void (await changePseudIcon(db, userId, pseudId, null));
  if (plan.kind === 'alt') return void (await changePseudIcon(db, userId, pseudId, { alt: plan.alt }));
  const file = await writeIconFile(dataDir, pseudId, plan.webp);
  try {
    const outcome = await changePseudIcon(db, userId, pseudId, { file, alt: plan.alt });
    if (outcome !== 'changed') await removeIconFiles(dataDir, [file]);
  } catch (error) {
    await removeIconFiles(dataDir, [file]);
    throw error;
  }
}

/** The icon's fields; `preview` shows the current icon (a pseud's by default; a collection's page gives its own). */
export function IconFields({
  pseud,
  alt,
  errors,
  preview,
}: {
  pseud: IconState;
  alt?: string;
  errors: FieldErrors;
  preview?: Child;
}) {
  return (
    <fieldset class="field choices pseud-icon-fields">
      <legend>Icon</legend>
      {pseud.icon_file ? (
        <>
          <p>{preview ?? <PseudIcon pseud={pseud} />}</p>
          <label class="choice" for="remove_icon">
            <input id="remove_icon" type="checkbox" name="remove_icon" value="1" /> Remove the icon
          </label>
        </>
      ) : null}
      <FileField
        name="icon"
        label={pseud.icon_file ? 'A new icon' : 'An icon'}
        accept="image/png,image/jpeg,image/webp"
        errors={errors}
        hint={`PNG, JPEG or WebP, at most ${ICON_MAX_BYTES / 1024} KB; it is shown 100 × 100 pixels. If the form comes back with a message, choose the file again.`}
      />
      <TextField
        name="icon_alt"
        label="The icon's alt text"
        value={alt ?? pseud.icon_alt ?? ''}
        errors={errors}
        maxlength={ICON_ALT_MAX}
        hint="Required with an icon: what it shows, in a few words, for people who cannot see it."
      />
    </fieldset>
  );
}
