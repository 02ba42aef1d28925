/**
 * A pseud's icon where a pseud shows: its page, its user's page, comments, bylines. Nothing without an icon.
 * Here with the pseuds rather than in src/users/ (which stores the files, pseud-icons.ts), so that the works'
 * bylines can show one without the works folder depending on the user pages.
 */
export const ICON_SIZE = 100;
export const ICON_URL_PREFIX = '/pseud-icons/';
export const iconUrl = (name: string) => `${ICON_URL_PREFIX}${name}`;

export interface IconOf {
  icon_file: string | null;
  icon_alt: string | null;
}

export function PseudIcon({ pseud, small }: { pseud: IconOf; small?: boolean }) {
  if (!pseud.icon_file) return null;
  const size = small ? ICON_SIZE / 2 : ICON_SIZE;
  return (
    <img
      class={small ? 'pseud-icon small' : 'pseud-icon'}
      src={iconUrl(pseud.icon_file)}
      alt={pseud.icon_alt ?? ''}
      width={size}
      height={size}
      loading="lazy"
    />
  );
}
