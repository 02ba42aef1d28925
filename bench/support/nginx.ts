/**
 * nginx as the benches' yardstick: Debian's /usr/sbin/nginx run as a child
 * process with a config generated into a temporary directory, on a free
 * loopback port, serving fixed answers — the bytes (and headers) Quire sent,
 * saved to files — so a bench compares Quire with a static file server
 * sending exactly the same thing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const NGINX = process.env.QUIRE_BENCH_NGINX ?? '/usr/sbin/nginx';

/** One fixed answer: a path, the body bytes as sent, and the headers sent with them. */
export interface SavedAnswer {
  path: string;
  body: Uint8Array;
  headers: Array<[string, string]>;
}

export interface StaticServer {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

/** A port nothing listens on now (the kernel's choice, closed again at once). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Headers nginx writes itself (or that describe one connection or request), left out of the copy. */
const OWN_HEADERS = new Set([
  'date',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'server',
  'x-request-id', // one request's own
]);

const quoted = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function configFor(dir: string, port: number, answers: SavedAnswer[], workers: number): string {
  const locations = answers.map((answer, i) => {
    const type = answer.headers.find(([name]) => name === 'content-type')?.[1] ?? 'text/html';
    const extra = answer.headers
      .filter(([name]) => !OWN_HEADERS.has(name) && name !== 'content-type')
      .map(([name, value]) => `      add_header ${name} ${quoted(value)} always;`);
    return [
      `    location = ${answer.path} {`,
      `      default_type ${quoted(type)};`,
      ...extra,
      `      try_files /answer-${i} =404;`,
      '    }',
    ].join('\n');
  });
  return `worker_processes ${workers};
daemon off;
master_process on;
user root;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  open_file_cache max=64 inactive=60s; # as a static file server is run: no open() per request
  open_file_cache_valid 60s;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { }
  gzip off;
  etag off;
  server_tokens off;
  client_body_temp_path ${dir}/tmp-body;
  proxy_temp_path ${dir}/tmp-proxy;
  fastcgi_temp_path ${dir}/tmp-fastcgi;
  uwsgi_temp_path ${dir}/tmp-uwsgi;
  scgi_temp_path ${dir}/tmp-scgi;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/root;
${locations.join('\n')}
  }
}
`;
}

/** Starts nginx serving these answers with `workers` worker processes; resolves once it answers. */
export async function startNginx(answers: SavedAnswer[], workers = 1): Promise<StaticServer> {
  if (!fs.existsSync(NGINX)) {
    throw new Error(`nginx is not at ${NGINX}: apt-get install -y nginx (or set QUIRE_BENCH_NGINX to its path)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-nginx-'));
  fs.mkdirSync(path.join(dir, 'root'));
  answers.forEach((answer, i) => fs.writeFileSync(path.join(dir, 'root', `answer-${i}`), answer.body));
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, configFor(dir, port, answers, workers));
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-e', `${dir}/error.log`, '-c', conf], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      const response = await fetch(`${base}${answers[0].path}`);
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || tries > 100) {
      const log = fs.existsSync(`${dir}/error.log`) ? fs.readFileSync(`${dir}/error.log`, 'utf8') : '';
      child.kill('SIGQUIT');
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`nginx did not start (exit ${child.exitCode}):\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    base,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGQUIT'); // graceful: the master waits for its workers
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
