/** The kudos at the end of every reading page: the button and who left kudos (a reading extra). */
import type { ReadingExtra } from '../works/reading-extras.ts';
import { KudosSection, loadKudosSection } from './kudos-section.tsx';

export const kudosExtra: ReadingExtra = {
  name: 'kudos',
  place: 'after-text',
  async load({ db, viewer, access, chapterId, returnTo }) {
    return <KudosSection data={await loadKudosSection(db, viewer, access, { chapterId, returnTo })} />;
  },
};
