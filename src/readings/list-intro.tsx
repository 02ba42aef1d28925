/** The head of the readings pages: the lists as tabs, and the history's own controls (clear, on/off). */
import type { ReadingsList } from '../search/scopes/readings.ts';
import { STATUS_LABELS } from './views.tsx';

export const TITLES: Record<ReadingsList, string> = {
  history: 'History',
  'to-read': 'Marked for later',
  reading: `Reading status: ${STATUS_LABELS.reading}`,
  finished: `Reading status: ${STATUS_LABELS.finished}`,
  'on-hold': `Reading status: ${STATUS_LABELS['on-hold']}`,
  dropped: `Reading status: ${STATUS_LABELS.dropped}`,
};

const TABS: Array<[ReadingsList, string]> = [
  ['history', 'History'],
  ['to-read', 'Marked for later'],
  ['reading', STATUS_LABELS.reading],
  ['finished', STATUS_LABELS.finished],
  ['on-hold', STATUS_LABELS['on-hold']],
  ['dropped', STATUS_LABELS.dropped],
];

export function ReadingsIntro(props: { base: string; list: ReadingsList; isHistoryOff: boolean }) {
  return (
    <>
      <nav aria-label="Your readings" class="readings-tabs">
        <ul>
          {TABS.map(([list, label]) => (
            <li>
              {list === props.list ? (
                <strong aria-current="page">{label}</strong>
              ) : (
                <a href={list === 'history' ? props.base : `${props.base}/${list}`}>{label}</a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {props.list === 'history' ? (
        <div class="history-settings">
          {props.isHistoryOff ? <p class="notice">Your history is off: the works you open are not kept.</p> : null}
          <form method="post" action="/readings/settings" class="inline-form">
            <input type="hidden" name="history" value={props.isHistoryOff ? 'on' : 'off'} />
            <button type="submit">{props.isHistoryOff ? 'Turn history on' : 'Turn history off (and clear it)'}</button>
          </form>{' '}
          <form method="post" action="/readings/clear" class="inline-form">
            <button type="submit">Clear history</button>
          </form>
        </div>
      ) : null}
    </>
  );
}
