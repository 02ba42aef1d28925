/**
 * The page shell every HTML page shares: header with navigation, a main
 * landmark, and the stylesheet. Pages are complete without JavaScript.
 */
import type { Child } from 'hono/jsx';
import type { AppContext, Viewer } from './context.ts';
import { applyRemoteImages, withRemoteImageScript } from '../html/remote-images.ts';
import { takeFlash } from './flash.ts';
import { can as canAsRole } from '../roles/policy.ts';
import { memberLinks } from './member-menu.ts';
import { SiteBanner } from './banner.tsx';
import { UnconfirmedNotice } from './unconfirmed-notice.tsx';

export interface PageOptions {
  title: string;
  status?: number;
  /** Extra elements for <head>, e.g. feed links. */
  head?: Child;
  /** A narrower measure for reading pages. */
  reading?: boolean;
}

function Header({ viewer, archiveName }: { viewer: Viewer | null; archiveName: string }) {
  return (
    <header class="site-header">
      <a class="site-name" href="/">
        {archiveName}
      </a>
      <form method="get" action="/works/search" role="search" aria-label="Search works" class="header-search">
        <label for="header-q" class="visually-hidden">
          Search works
        </label>
        <input id="header-q" name="q" type="search" placeholder="Search works" />
        <button type="submit">Search</button>
      </form>
      <nav aria-label="Main">
        <ul>
          <li>
            <a href="/works">Works</a>
          </li>
          <li>
            <a href="/media">Fandoms</a>
          </li>
          <li>
            <a href="/works/search">Search</a>
          </li>
          {canAsRole(viewer, 'enter-admin') ? (
            <li>
              <a href="/admin">Admin</a>
            </li>
          ) : null}
          {canAsRole(viewer, 'wrangle') ? (
            <li>
              <a href="/wrangling">Wrangling</a>
            </li>
          ) : null}
          {viewer ? (
            <>
              <li>
                <a href={`/users/${encodeURIComponent(viewer.username)}/inbox`} class="inbox-link">
                  Inbox
                  {viewer.unreadInbox ? <span class="unread-count"> ({viewer.unreadInbox} unread)</span> : null}
                </a>
              </li>
              <li>
                <details class="member-menu">
                  <summary>{viewer.username}</summary>
                  <ul>
                    {memberLinks(viewer).map((link) => (
                      <li>
                        <a href={link.href}>{link.label}</a>
                      </li>
                    ))}
                    <li>
                      <form method="post" action="/logout" class="inline">
                        <button type="submit" class="link-button">
                          Log out
                        </button>
                      </form>
                    </li>
                  </ul>
                </details>
              </li>
            </>
          ) : (
            <>
              <li>
                <a href="/login">Log in</a>
              </li>
              <li>
                <a href="/signup">Sign up</a>
              </li>
            </>
          )}
        </ul>
      </nav>
    </header>
  );
}

/** Renders a whole HTML page (with doctype) around `body`. */
export function renderPage(c: AppContext, options: PageOptions, body: Child): Response {
  const { config } = c.get('deps');
  const viewer = c.get('viewer');
  const flash = takeFlash(c);
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${options.title} | ${config.archiveName}`}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="icon" href="/favicon.png" type="image/png" sizes="32x32" />
        <link rel="stylesheet" href="/assets/quire.css" />
        {options.head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <Header viewer={viewer} archiveName={config.archiveName} />
        <SiteBanner c={c} />
        <main id="main" class={options.reading ? 'reading' : undefined}>
          {viewer?.unconfirmed ? <UnconfirmedNotice /> : null}
          {flash ? (
            <p class={`flash flash-${flash.kind}`} role="status">
              {flash.message}
            </p>
          ) : null}
          {body}
        </main>
        <footer class="site-footer">
          <nav aria-label="About this archive">
            <ul>
              <li>
                <a href="/about">About</a>
              </li>
              <li>
                <a href="/tos">Terms of Service</a>
              </li>
              <li>
                <a href="/privacy">Privacy</a>
              </li>
              <li>
                <a href="/help">Help</a>
              </li>
              <li>
                <a href="/admin_posts">News</a>
              </li>
              <li>
                <a href="/works/search">Search</a>
              </li>
              <li>
                <a href="/opds">OPDS catalogue</a>
              </li>
              <li>
                <a href="/api/v1/docs">API reference</a>
              </li>
            </ul>
          </nav>
          <p>
            {config.archiveName === 'Quire' ? 'Quire' : `${config.archiveName} runs on Quire`}, a self-hostable archive
            for fanworks.
          </p>
        </footer>
      </body>
    </html>
  );
  // Every page at once: an image from another host in a work, a preview or a summary waits for a click.
  const html = withRemoteImageScript(
    applyRemoteImages(page.toString(), config.remoteImages, new URL(config.baseUrl).host),
  );
  return c.html(`<!DOCTYPE html>${html}`, (options.status ?? 200) as 200);
}

/** A short page for errors and refusals (404, 403, 429…). */
export function renderMessage(c: AppContext, status: number, title: string, message: Child): Response {
  return renderPage(
    c,
    { title, status },
    <section class="message">
      <h1>{title}</h1>
      <p>{message}</p>
    </section>,
  );
}
