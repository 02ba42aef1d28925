/**
 * A real PostgreSQL primary and one streaming replica for tests, made with the server's own tools: `initdb`,
 * `pg_basebackup -R` (a standby that follows the primary) and `pg_ctl`, in temporary folders on free ports.
 * They run as the `postgres` OS user (initdb refuses root). `missingReason()` says why this machine cannot.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];
const TOOLS = ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'];

function binDir(): string | undefined {
  return BIN_DIRS.find((dir) => TOOLS.every((tool) => fs.existsSync(path.join(dir, tool))));
}

/** Why a streaming replica cannot be made here, or undefined when it can. */
export function streamingReplicaMissingReason(): string | undefined {
  if (!binDir()) return `PostgreSQL server tools (${TOOLS.join(', ')}) not found in ${BIN_DIRS.join(' or ')}`;
  if (process.getuid?.() !== 0) return 'the servers run as the postgres OS user, which needs root (runuser)';
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
  } catch {
    return 'there is no postgres OS user to run the servers as';
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function asPostgres(tool: string, args: string[]): string {
  return execFileSync('runuser', ['-u', 'postgres', '--', path.join(binDir()!, tool), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
}

export interface StreamingPair {
  primaryUrl: string;
  replicaUrl: string;
  /** Stops the replica (fast shutdown): its connections end, new ones are refused. */
  stopReplica(): void;
  startReplica(): void;
  /** Stops both servers and removes their folders. */
  destroy(): void;
}

export async function startStreamingPair(): Promise<StreamingPair> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-replica-'));
  fs.chmodSync(root, 0o755);
  execFileSync('chown', ['postgres:', root]);
  const primaryDir = path.join(root, 'primary');
  const replicaDir = path.join(root, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const serverOptions = (port: number) =>
    `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${root} -c fsync=off -c shared_buffers=16MB -c max_connections=60`;
  const start = (dir: string, port: number) =>
    asPostgres('pg_ctl', ['-D', dir, '-l', `${dir}.log`, '-o', serverOptions(port), '-w', '-t', '60', 'start']);
  const stop = (dir: string) => {
    try {
      asPostgres('pg_ctl', ['-D', dir, '-m', 'fast', '-w', 'stop']);
    } catch {
      // already stopped
    }
  };

  asPostgres('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  start(primaryDir, primaryPort);
  try {
    asPostgres('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
      '--no-sync',
    ]);
    start(replicaDir, replicaPort);
  } catch (error) {
    stop(primaryDir);
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
    replicaUrl: `postgres://postgres@127.0.0.1:${replicaPort}/postgres`,
    stopReplica: () => stop(replicaDir),
    startReplica: () => start(replicaDir, replicaPort),
    destroy: () => {
      stop(replicaDir);
      stop(primaryDir);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
