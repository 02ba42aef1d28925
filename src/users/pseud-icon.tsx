/** A pseud's icon where a pseud shows: its page, its user's page, comments, bylines. Nothing without an icon. */
import { iconUrl, ICON_SIZE } from './pseud-icons.ts';

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
