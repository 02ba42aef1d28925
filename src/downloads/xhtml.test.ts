import { describe, expect, it } from 'vitest';
import { UNTIDY_HTML } from './fixtures.ts';
import { htmlToText } from './html-text.ts';
import { htmlToXhtml } from './xhtml.ts';

/** Fails unless every start tag has its end tag, properly nested, and no bare `&` or `<` is left. */
function expectWellFormed(xhtml: string): void {
  const stack: string[] = [];
  for (const match of xhtml.matchAll(/<(\/?)([a-z0-9]+)[^>]*?(\/?)>/g)) {
    if (match[3]) continue;
    if (match[1]) expect(stack.pop(), xhtml).toBe(match[2]);
    else stack.push(match[2]);
  }
  expect(stack, xhtml).toEqual([]);
  expect(xhtml.replace(/<[^>]*>/g, '')).not.toMatch(/&(?!(amp|lt|gt|quot);)|</);
}

describe('HTML to XHTML for EPUB', () => {
  it('closes void elements and turns named entities into characters', () => {
    expect(htmlToXhtml('<p>one<br>two</p><hr>')).toBe('<p>one<br/>two</p><hr/>');
    expect(htmlToXhtml('<p>&nbsp;&hellip;&amp;&lt;&copy;&#x263A;</p>')).toBe('<p>\u00a0…&amp;&lt;©☺</p>');
  });

  it('closes what the writer left open', () => {
    expect(htmlToXhtml('<p>Unclosed <em>emphasis<p>second')).toBe('<p>Unclosed <em>emphasis</em></p><p>second</p>');
  });

  it('turns images into links to their address, and never keeps an unsafe link', () => {
    expect(htmlToXhtml('<p><img src="https://example.org/a.png" alt="a gull"></p>')).toBe(
      '<p><a class="image-link" href="https://example.org/a.png">[Image: a gull]</a></p>',
    );
    expect(htmlToXhtml('<a href="javascript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(htmlToXhtml('<img src="data:image/png;base64,AAAA">')).toBe('[Image]');
  });

  it('repairs content models: blocks inside inline elements, stray list text, orphan cells', () => {
    expect(htmlToXhtml('<em><p>inside</p></em>')).toBe('<em><span>inside</span></em>');
    expect(htmlToXhtml('<ul>stray<li>item</li></ul>')).toBe('<ul><li>stray</li><li>item</li></ul>');
    expect(htmlToXhtml('<table><td>cell</td></table>')).toBe('<table><tr><td>cell</td></tr></table>');
    expect(htmlToXhtml('<li>alone</li>')).toBe('<div>alone</div>');
    expect(htmlToXhtml('<dl><dd>first</dd></dl>')).toBe('<dl><dt></dt><dd>first</dd></dl>');
    expect(htmlToXhtml('<dl><dt>a term alone</dt></dl>')).toBe('<dl><dt>a term alone</dt><dd></dd></dl>');
  });

  it('turns obsolete elements and attributes into classes', () => {
    expect(htmlToXhtml('<center>c</center><p align="right">r</p><big>b</big><strike>s</strike>')).toBe(
      '<div class="center">c</div><p class="align-right">r</p><span class="big">b</span><s>s</s>',
    );
  });

  it('drops scripts, styles and form controls with their content', () => {
    expect(htmlToXhtml('<script>alert(1)</script><style>p{}</style><select><option>o</option></select>ok')).toBe('ok');
  });

  it.each(UNTIDY_HTML.map((html) => [html]))('makes well-formed XHTML of %s', (html) => {
    expectWellFormed(htmlToXhtml(html));
  });
});

describe('HTML to plain text', () => {
  it('separates paragraphs by blank lines and keeps line breaks, bullets and alt text', () => {
    expect(
      htmlToText('<p>One<br>two</p><ul><li>a</li><li>b</li></ul><p><img alt="gull" src="https://x.test/g.png"></p>'),
    ).toBe('One\ntwo\n\n• a\n\n• b\n\n[Image: gull]');
  });
});
