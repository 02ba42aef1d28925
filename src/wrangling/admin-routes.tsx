/**
 * `/admin/wranglers` (admins only): who wrangles and which fandoms, with
 * forms to grant or revoke the wrangler role and to assign or unassign a
 * fandom. Every change is one POST that comes back here with a message.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { findUserByName } from '../accounts/queries.ts';
import { TAG_AUTOCOMPLETE_SCRIPT } from '../tags/autocomplete-asset.tsx';
import type { AppEnv } from '../web/context.ts';
import { setFlash } from '../web/flash.ts';
import { renderPage } from '../web/layout.tsx';
import { listWranglers, type WranglerEntry } from './bin-queries.ts';
import { TagNameInput } from './tag-forms.tsx';
import { assignFandom, setWranglerRole, unassignFandom } from './queries.ts';
import { requireAdmin } from './require-wrangler.ts';
import { findCanonicalFandom } from './routes.tsx';

export const wranglerAdminRoutes = new Hono<AppEnv>();

function HiddenAction({
  action,
  username,
  fandom,
  label,
}: {
  action: string;
  username: string;
  fandom?: string;
  label: string;
}) {
  return (
    <form method="post" action="/admin/wranglers" class="inline">
      <input type="hidden" name="username" value={username} />
      {fandom ? <input type="hidden" name="fandom" value={fandom} /> : null}
      <button
        type="submit"
        name="action"
        value={action}
        class="secondary"
        aria-label={`${label}${fandom ? ` ${fandom}` : ''} (${username})`}
      >
        {label}
      </button>
    </form>
  );
}

function WranglerTable({ wranglers }: { wranglers: WranglerEntry[] }) {
  if (!wranglers.length) return <p>No one wrangles yet.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Wrangler</th>
          <th scope="col">Fandoms</th>
          <th scope="col">Role</th>
        </tr>
      </thead>
      <tbody>
        {wranglers.map((w) => (
          <tr>
            <th scope="row">{w.username}</th>
            <td>
              {w.fandoms.length ? (
                <ul class="link-list">
                  {w.fandoms.map((f) => (
                    <li>
                      {f.name} <HiddenAction action="unassign" username={w.username} fandom={f.name} label="Unassign" />
                    </li>
                  ))}
                </ul>
              ) : (
                'None'
              )}
            </td>
            <td>
              {w.isWrangler ? (
                <HiddenAction action="revoke" username={w.username} label="Revoke wrangler" />
              ) : (
                'Not a wrangler'
              )}
              {w.isAdmin ? ' (admin)' : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

wranglerAdminRoutes.get('/admin/wranglers', async (c) => {
  const viewer = requireAdmin(c);
  if (viewer instanceof Response) return viewer;
  const wranglers = await listWranglers(c.get('deps').db);
  return renderPage(
    c,
    { title: 'Wranglers', head: TAG_AUTOCOMPLETE_SCRIPT },
    <section class="wrangler-admin">
      <h1>Wranglers</h1>
      <p>
        <a href="/wrangling">Wrangling dashboard</a>
      </p>
      <WranglerTable wranglers={wranglers} />
      <h2>Grant the wrangler role</h2>
      <form method="post" action="/admin/wranglers" class="wrangle-form">
        <div class="field">
          <label for="grant-username">Username</label>
          <input id="grant-username" name="username" type="text" autocomplete="off" />
        </div>
        <button type="submit" name="action" value="grant">
          Grant
        </button>
      </form>
      <h2>Assign a fandom</h2>
      <form method="post" action="/admin/wranglers" class="wrangle-form">
        <div class="field">
          <label for="assign-username">Wrangler's username</label>
          <input id="assign-username" name="username" type="text" autocomplete="off" />
        </div>
        <TagNameInput name="fandom" label="Fandom (a canonical fandom)" suggest="fandom" />
        <button type="submit" name="action" value="assign">
          Assign
        </button>
      </form>
    </section>,
  );
});

const adminSchema = z.object({
  action: z.enum(['grant', 'revoke', 'assign', 'unassign']),
  username: z.string().trim().min(1).max(100),
  fandom: z.string().max(200).optional().default(''),
});

wranglerAdminRoutes.post('/admin/wranglers', async (c) => {
  const viewer = requireAdmin(c);
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const parsed = adminSchema.safeParse(await c.req.parseBody());
  const back = () => c.redirect('/admin/wranglers', 303);
  if (!parsed.success) {
    setFlash(c, 'Type a username.', 'error');
    return back();
  }
  const { action, username, fandom: fandomName } = parsed.data;
  const user = await findUserByName(db, username);
  if (!user) {
    setFlash(c, `There is no user named "${username}".`, 'error');
    return back();
  }
  if (action === 'grant' || action === 'revoke') {
    await setWranglerRole(db, user.id, action === 'grant');
    setFlash(
      c,
      action === 'grant' ? `${user.username} is now a tag wrangler.` : `${user.username} is no longer a tag wrangler.`,
    );
    return back();
  }
  const fandom = await findCanonicalFandom(db, fandomName);
  if (!fandom) {
    setFlash(c, `There is no canonical fandom named "${fandomName}".`, 'error');
    return back();
  }
  if (action === 'assign') {
    if (!user.is_wrangler && !user.is_admin) {
      setFlash(c, `${user.username} is not a wrangler; grant the role first.`, 'error');
      return back();
    }
    await assignFandom(db, user.id, fandom.id);
    setFlash(c, `${user.username} now wrangles ${fandom.name}.`);
  } else {
    await unassignFandom(db, user.id, fandom.id);
    setFlash(c, `${user.username} no longer wrangles ${fandom.name}.`);
  }
  return back();
});
