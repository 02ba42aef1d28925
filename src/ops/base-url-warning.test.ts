/** The one log line that tells an admin to set QUIRE_BASE_URL when devices on the network reach the archive. */
import { Writable } from 'node:stream';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { warnOfLoopbackBaseUrl } from './base-url-warning.ts';
import { createLogger } from './logging.ts';

function appWith(env: Record<string, string>) {
  const lines: Array<{ msg: string; host?: string }> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const config = loadConfig({ QUIRE_DATA_DIR: '/tmp/quire-unused', ...env });
  const app = new Hono();
  app.use('*', warnOfLoopbackBaseUrl(config, createLogger({ destination })));
  app.get('/', (c) => c.text('ok'));
  const ask = (host: string) => app.request('/', { headers: { host } });
  return { lines, ask };
}

describe('the QUIRE_BASE_URL warning', () => {
  it('logs once when another host is asked for while the base URL is the localhost default', async () => {
    const { lines, ask } = appWith({});
    await ask('localhost:3000');
    await ask('127.0.0.1:3000');
    expect(lines).toEqual([]);
    await ask('192.168.1.20:3000');
    await ask('reader-tablet.local:3000');
    expect(lines).toHaveLength(1);
    expect(lines[0].host).toBe('192.168.1.20');
    expect(lines[0].msg).toContain('QUIRE_BASE_URL');
    expect(lines[0].msg).toContain('http://192.168.1.20:3000');
  });

  it('says nothing when QUIRE_BASE_URL names the archive’s real address', async () => {
    const { lines, ask } = appWith({ QUIRE_BASE_URL: 'https://archive.example.org' });
    await ask('archive.example.org');
    await ask('192.168.1.20:3000');
    expect(lines).toEqual([]);
  });
});
