/**
 * The chapter HTML vocabulary and the EPUB rules cannot drift apart: the
 * sanitizer is probed for what it really keeps, and every element and
 * attribute it keeps must have an EPUB rule that the converter applies.
 */
import { describe, expect, it } from 'vitest';
import { sanitizeBody } from '../html/body.ts';
import { CHAPTER_ELEMENTS, type ChapterElement } from '../html/html-vocabulary.ts';
import { allowedElementSample } from './fixtures.ts';
import { VOID_ELEMENTS } from './html-tokens.ts';
import { htmlToXhtml } from './xhtml.ts';
import {
  BOUNDARIES,
  CLOSES_P,
  CONTAINERS,
  EPUB_ATTRIBUTES,
  EPUB_ELEMENTS,
  type EpubAttributeRule,
  IMAGE_LINKED,
  KEPT,
  PARENTS,
  PHRASING,
  PHRASING_ONLY,
  RENAMED,
  SIBLING_FAMILIES,
} from './xhtml-rules.ts';

/** HTML's elements, current and obsolete (what writers paste from old pages and word processors). */
const HTML_ELEMENTS = `a abbr acronym address area article aside audio b base basefont bdi bdo big blink blockquote
  body br button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em
  embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i
  iframe img input ins kbd label legend li link main map mark marquee math menu meta meter nav nobr noframes noscript
  object ol optgroup option output p param picture pre progress q rp rt ruby s samp script search section select slot
  small source span strike strong style sub summary sup svg table tbody td template textarea tfoot th thead time
  title tr track tt u ul var video wbr`.split(/\s+/);

/** Attributes writers' HTML carries, allowed or not. */
const HTML_ATTRIBUTES = `abbr accesskey align alt bgcolor border cellpadding cellspacing cite class color colspan
  datetime dir face headers height hidden href hreflang id lang name nowrap onclick onerror rel rowspan scope size span
  src srcset start style summary tabindex target title type valign value width`.split(/\s+/);

const PROBE_VALUES: Record<string, string> = {
  href: 'https://example.org/',
  src: 'https://example.org/i.png',
  align: 'center',
  dir: 'rtl',
  lang: 'fr',
};

function keeps(element: string, html: string): boolean {
  return new RegExp(`<${element}[\\s/>]`).test(sanitizeBody(html));
}

/** The elements the sanitizer really lets through. */
function elementsTheSanitizerKeeps(): string[] {
  return HTML_ELEMENTS.filter((name) =>
    keeps(name, name === 'img' ? '<img src="https://example.org/i.png">' : `<${name}>x</${name}>`),
  );
}

function ruleFor(element: string, attribute: string): EpubAttributeRule | undefined {
  const rules: Record<string, EpubAttributeRule | undefined> = EPUB_ATTRIBUTES;
  return rules[`${element}.${attribute}`] ?? rules[`*.${attribute}`];
}

const epubOf = (html: string) => htmlToXhtml(sanitizeBody(html));

describe('the chapter HTML vocabulary and the EPUB rules', () => {
  it('the sanitizer keeps exactly the vocabulary, and EPUB has a rule for every element it keeps', () => {
    const kept = elementsTheSanitizerKeeps();
    expect(kept.filter((name) => !(name in EPUB_ELEMENTS))).toEqual([]);
    expect([...kept].sort()).toEqual([...CHAPTER_ELEMENTS].sort());
  });

  it('EPUB has a rule for every attribute the sanitizer keeps', () => {
    const withoutRule: string[] = [];
    for (const element of elementsTheSanitizerKeeps()) {
      for (const attribute of HTML_ATTRIBUTES) {
        const value = PROBE_VALUES[attribute] ?? 'x';
        const html = VOID_ELEMENTS.has(element)
          ? `<${element} src="https://example.org/i.png" ${attribute}="${value}">`
          : `<${element} ${attribute}="${value}">x</${element}>`;
        const kept = new RegExp(`<${element}\\b[^>]*\\s${attribute}="`).test(sanitizeBody(html));
        if (kept && !ruleFor(element, attribute)) withoutRule.push(`${element}.${attribute}`);
      }
    }
    expect(withoutRule).toEqual([]);
  });

  it.each(CHAPTER_ELEMENTS.map((name) => [name]))('a chapter’s <%s> reaches the EPUB as its rule says', (name) => {
    const xhtml = epubOf(allowedElementSample(name));
    const rule = EPUB_ELEMENTS[name as ChapterElement];
    if (rule === 'keep') expect(xhtml).toMatch(new RegExp(`<${name}[\\s/>]`));
    else if (rule === 'image-link')
      expect(xhtml).toContain('<a class="image-link" href="https://example.org/gull.png">');
    else expect(xhtml).toMatch(new RegExp(`<${rule.as}\\b[^>]*class="${'className' in rule ? rule.className : ''}`));
    if (!VOID_ELEMENTS.has(name)) expect(xhtml).toContain(`${name} text`);
  });

  it.each(Object.entries(EPUB_ATTRIBUTES))('EPUB applies the rule for %s: %s', (key, rule) => {
    const [element, attribute] = key.split('.');
    const name = element === '*' ? 'span' : element;
    const xhtml = epubOf(allowedElementSample(name));
    const written = new RegExp(`<${name}\\b[^>]*\\s${attribute}="`);
    if (rule === 'keep') expect(xhtml).toMatch(written);
    else if (rule === 'class') expect(xhtml).toMatch(new RegExp(`<${name}\\b[^>]*class="[^"]*align-center`));
    else if (rule === 'image-link') expect(xhtml).toContain('href="https://example.org/gull.png">[Image: a gull]</a>');
    else expect(xhtml).not.toMatch(new RegExp(`\\s${attribute}="`));
  });

  it('the content-model rules and renames name only elements EPUB writes', () => {
    const named = [
      ...PHRASING_ONLY,
      ...PHRASING,
      ...CLOSES_P,
      ...BOUNDARIES,
      ...Object.values(RENAMED).map((r) => r.name),
      ...Object.entries(CONTAINERS).flatMap(([name, c]) => [name, c.wrapper, ...c.accepts]),
      ...Object.entries(PARENTS).flatMap(([name, parents]) => [name, ...parents]),
      ...Object.entries(SIBLING_FAMILIES).flatMap(([name, family]) => [name, ...family]),
    ];
    expect([...new Set(named.filter((name) => !KEPT.has(name) && !IMAGE_LINKED.has(name)))]).toEqual([]);
  });
});
