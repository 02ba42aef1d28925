/**
 * What every prompt meme page starts from: the collection at `:name` and
 * whether the viewer maintains it (collections' gate), the meme it holds
 * (404 when it holds none), and the clock's now.
 */
import { gateCollection } from '../../collections/routes.tsx';
import { collectionPath } from '../../collections/views.tsx';
import type { AppContext } from '../../web/context.ts';
import { nowOf } from '../../web/context.ts';
import { renderMessage } from '../../web/layout.tsx';
import { loadMeme, type LoadedMeme } from './prompt-meme.ts';

export const promptsPath = (collectionName: string) => `${collectionPath(collectionName)}/prompts`;
export const promptPath = (collectionName: string, promptId: number) => `${promptsPath(collectionName)}/${promptId}`;
export const memeSettingsPath = (collectionName: string) => `${collectionPath(collectionName)}/prompt_meme`;

export type MemeGate = LoadedMeme & { maintains: boolean; now: Date };

export async function gateMeme(c: AppContext): Promise<MemeGate | Response> {
  const gate = await gateCollection(c);
  if (gate instanceof Response) return gate;
  const now = nowOf(c);
  const loaded = await loadMeme(c.get('deps').db, gate.collection, now);
  if (!loaded) return renderMessage(c, 404, 'Not found', `${gate.collection.title} holds no prompt meme.`);
  return { ...loaded, maintains: gate.maintains, now };
}

export const textOf = (body: Record<string, unknown>, name: string): string =>
  typeof body[name] === 'string' ? body[name] : '';
