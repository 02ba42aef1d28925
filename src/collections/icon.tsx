/** A collection's icon as pages show it, and where its files live (src/collections/icon-routes.tsx). */
import type { Collection } from './collections.table.ts';

export const COLLECTION_ICON_FOLDER = 'collection-icons';
export const collectionIconUrl = (file: string) => `/collection-icons/${file}`;

export function CollectionIcon({ collection }: { collection: Pick<Collection, 'icon_file' | 'icon_alt'> }) {
  if (!collection.icon_file) return null;
  return (
    <img
      class="collection-icon"
      src={collectionIconUrl(collection.icon_file)}
      alt={collection.icon_alt ?? ''}
      width={100}
      height={100}
    />
  );
}
