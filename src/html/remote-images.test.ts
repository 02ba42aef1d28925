import { describe, expect, it } from 'vitest';
import { applyRemoteImages, remoteHostOf } from './remote-images.ts';
import { sanitizeBody } from './body.ts';

const OWN = 'archive.test';

describe('applyRemoteImages', () => {
  it('in click mode makes an image from another host a link, keeping the alt text', () => {
    const html = sanitizeBody('<p>See <img src="https://example.com/a.png?x=1&amp;y=2" alt="a map" width="30"></p>');
    expect(applyRemoteImages(html, 'click', OWN)).toBe(
      '<p>See <a class="remote-image" href="https://example.com/a.png?x=1&amp;y=2" data-alt="a map" rel="nofollow noopener noreferrer">Show image from example.com: a map</a></p>',
    );
  });

  it('leaves the archive’s own images, data and relative addresses, and everything in show mode', () => {
    const own = '<p><img src="https://archive.test/cover.png" /><img src="/local.png" /></p>';
    expect(applyRemoteImages(own, 'click', OWN)).toBe(own);
    const remote = sanitizeBody('<p><img src="https://example.com/a.png"></p>');
    expect(applyRemoteImages(remote, 'show', OWN)).toBe(remote);
    expect(remoteHostOf('data:image/png;base64,xx', OWN)).toBeNull();
  });

  it('inside a link, gives the label as text (links cannot nest)', () => {
    const html = sanitizeBody(
      '<p><a href="https://example.org/">x <img src="https://example.com/a.png" alt="b"></a></p>',
    );
    const out = applyRemoteImages(html, 'click', OWN);
    expect(out).not.toContain('<img');
    expect(out).toContain('<span class="remote-image">[Show image from example.com: b]</span></a>');
  });

  it('escapes the alt text it writes as the label', () => {
    const html = sanitizeBody('<p><img src="https://example.com/a.png" alt="<b>&quot;hi&quot;</b>"></p>');
    const out = applyRemoteImages(html, 'click', OWN);
    expect(out).toContain('Show image from example.com: &lt;b&gt;"hi"&lt;/b&gt;</a>');
  });
});
