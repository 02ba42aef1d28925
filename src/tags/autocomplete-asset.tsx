/**
 * The tag autocomplete script (assets/tag-autocomplete.js): its text, served
 * at /assets/tag-autocomplete.js, and the <script> element a page with tag
 * fields puts in its <head>. A file, not inline, because the CSP forbids
 * inline scripts.
 */
import fs from 'node:fs';

export const TAG_AUTOCOMPLETE_PATH = '/assets/tag-autocomplete.js';

export const tagAutocompleteSource = fs.readFileSync(new URL('./assets/tag-autocomplete.js', import.meta.url), 'utf8');

export const TAG_AUTOCOMPLETE_SCRIPT = <script src={TAG_AUTOCOMPLETE_PATH} defer></script>;
