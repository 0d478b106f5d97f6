// An Upstash-compatible REST bridge on loopback in front of a real Redis (the role SRH plays), so
// tests exercise the real `@upstash/redis` client and `@upstash/ratelimit` end to end. It speaks
// the protocol as that client uses it (node_modules/@upstash/redis, HttpClient and Pipeline):
//   POST /            ["CMD", ...args]          -> { result } | 400 { error }
//   POST /pipeline    [["CMD", ...], ...]       -> [{ result } | { error }, ...]
//   POST /multi-exec  [["CMD", ...], ...]       -> the same, run atomically in MULTI/EXEC
// `Authorization: Bearer <token>` is required; `Upstash-Encoding: base64` (the client's default)
// asks for every string in a result, at any depth, to be base64 of the raw bytes.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Command, Redis } from 'ioredis';

export type UpstashBridgeOptions = {
  redisUrl?: string;
  token: string;
  /** 0 (the default) picks a free port. */
  port?: number;
};

export type UpstashBridge = { url: string; token: string; close(): Promise<void> };

type Reply = Buffer | number | null | Error | Reply[];
type Json = string | number | null | Json[];
type Outcome = { result: Json } | { error: string };

const MAX_BODY_BYTES = 16 * 1024 * 1024;

// Commands that would change the state of the one shared connection (subscriber mode, another
// database, a half-open transaction) or hold it hostage while they block.
// biome-ignore format: a word list reads better packed
const REFUSED = new Set([
  'subscribe', 'psubscribe', 'ssubscribe', 'unsubscribe', 'punsubscribe', 'sunsubscribe', 'monitor',
  'select', 'quit', 'reset', 'hello', 'auth', 'multi', 'exec', 'discard', 'watch', 'unwatch', 'sync',
  'psync', 'blpop', 'brpop', 'brpoplpush', 'blmove', 'blmpop', 'bzpopmin', 'bzpopmax', 'bzmpop', 'wait',
  'waitaof',
]);

/** ioredis reshapes some replies (HGETALL into an object, ...); the wire protocol needs them raw. */
class RawCommand extends Command {
  // The declared type is narrower than what the decoder really delivers (numbers, null, errors).
  override transformReply(reply: Buffer | Buffer[]): Buffer | Buffer[] {
    return reply;
  }
}

export async function startUpstashBridge(opts: UpstashBridgeOptions): Promise<UpstashBridge> {
  if (!opts.token) throw new Error('upstash-bridge: a token is required');
  const redis = new Redis(opts.redisUrl ?? 'redis://127.0.0.1:6379', {
    // Upstash answers in RESP2 shapes (flat HGETALL, scores as strings); ioredis 6 defaults to RESP3.
    protocol: 2,
    lazyConnect: true,
    // A replayed half of MULTI ... EXEC after a reconnect would run outside the transaction.
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 1,
  });
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  const runner = createRunner(redis);
  const expected = Buffer.from(`Bearer ${opts.token}`);

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      respond(res, 500, { error: `ERR bridge: ${err instanceof Error ? err.message : String(err)}` });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const auth = Buffer.from(req.headers.authorization ?? '');
    if (auth.length !== expected.length || !timingSafeEqual(auth, expected)) {
      req.resume();
      return respond(res, 401, { error: 'Unauthorized' });
    }
    const path = new URL(req.url ?? '/', 'http://bridge').pathname.replace(/\/+$/, '') || '/';
    if (req.method !== 'POST' || !['/', '/pipeline', '/multi-exec'].includes(path)) {
      req.resume();
      return respond(res, req.method === 'POST' ? 404 : 405, {
        error: `ERR unsupported: ${req.method} ${path}`,
      });
    }
    const body = await readJson(req);
    if (body === undefined) return respond(res, 400, { error: 'ERR request body must be JSON' });
    const encode = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64' ? base64 : utf8;

    if (path === '/') {
      if (!isCommand(body)) return respond(res, 400, { error: 'ERR expected a command array' });
      const outcome = await runner.run(body, encode);
      return respond(res, 'error' in outcome ? 400 : 200, outcome);
    }
    if (!Array.isArray(body) || body.length === 0 || !body.every(isCommand)) {
      return respond(res, 400, { error: 'ERR expected a non-empty array of command arrays' });
    }
    const outcomes =
      path === '/pipeline' ? await runner.pipeline(body, encode) : await runner.transaction(body, encode);
    respond(res, Array.isArray(outcomes) ? 200 : 400, outcomes);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('upstash-bridge: no TCP address');

  return {
    url: `http://127.0.0.1:${address.port}`,
    token: opts.token,
    close: async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // The client keeps connections alive; idle ones would otherwise hold close() open.
      server.closeAllConnections();
      await stopped;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

type CommandArray = [string, ...(string | number | boolean)[]];

function isCommand(value: unknown): value is CommandArray {
  return (
    Array.isArray(value) &&
    typeof value[0] === 'string' &&
    value.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
  );
}

/**
 * Runs commands on the one shared connection. Every command is dispatched synchronously (no await
 * before `send`), so a pipeline's or transaction's commands reach Redis back to back, in order,
 * with nothing from a concurrent request in between.
 */
function createRunner(redis: Redis) {
  const scripts = createScriptDialect();

  function send(name: string, args: string[]): Promise<Reply> {
    const command = new RawCommand(name, args);
    redis.sendCommand(command);
    return command.promise as Promise<Reply>;
  }

  function dispatch(cmd: CommandArray, encode: Encode): Promise<Outcome> {
    const [rawName, ...rawArgs] = cmd;
    const name = rawName.toLowerCase();
    if (
      REFUSED.has(name) ||
      (/^xread/.test(name) && rawArgs.some((a) => String(a).toLowerCase() === 'block'))
    ) {
      return Promise.resolve({ error: `ERR bridge: '${name}' is not supported over REST` });
    }
    const { args, after } = scripts.toRedis(name, rawArgs.map(String));
    return send(name, args).then(
      (reply) => ({ result: toJson(after(reply), encode) }),
      (err: unknown) => errorOutcome(err),
    );
  }

  return {
    run: dispatch,
    pipeline: (cmds: CommandArray[], encode: Encode) => Promise.all(cmds.map((c) => dispatch(c, encode))),
    /** An array of outcomes, or one error when the transaction never ran (EXECABORT). */
    async transaction(cmds: CommandArray[], encode: Encode): Promise<Outcome[] | { error: string }> {
      const refused = cmds.map((c) => c[0].toLowerCase()).find((n) => REFUSED.has(n));
      if (refused) return { error: `ERR bridge: '${refused}' is not supported in a transaction` };
      const begin = send('multi', []);
      const queued = cmds.map((cmd) => {
        const [name, ...rawArgs] = cmd;
        const { args, after } = scripts.toRedis(name.toLowerCase(), rawArgs.map(String));
        return { reply: send(name.toLowerCase(), args).then((r) => r, errorOutcome), after };
      });
      const exec = send('exec', []).then(
        (r) => r,
        (err: unknown) => errorOutcome(err),
      );
      await begin;
      const queueErrors = (await Promise.all(queued.map((q) => q.reply))).filter(isErrorOutcome);
      const replies = await exec;
      if (isErrorOutcome(replies)) {
        const cause = queueErrors[0] ? ` (${queueErrors[0].error})` : '';
        return { error: `${replies.error}${cause}` };
      }
      if (!Array.isArray(replies))
        return { error: 'ERR bridge: EXEC returned no array (transaction aborted)' };
      return replies.map((reply, i) =>
        reply instanceof Error
          ? { error: reply.message }
          : { result: toJson(queued[i]!.after(reply), encode) },
      );
    },
  };
}

/**
 * `@upstash/ratelimit` scripts start with `#!lua flags=allow-key-locking`, an Upstash-only flag
 * that Redis rejects ("Unexpected flag in script shebang"). Unknown flags are dropped on the way in,
 * and since the client addresses scripts by the SHA-1 of its own text, EVALSHA / SCRIPT EXISTS are
 * translated from that SHA to the one Redis knows, and SCRIPT LOAD answers with the client's SHA.
 */
function createScriptDialect() {
  const REDIS_FLAGS = new Set([
    'no-writes',
    'allow-oom',
    'allow-stale',
    'no-cluster',
    'allow-cross-slot-keys',
  ]);
  const redisShaOf = new Map<string, string>();
  const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
  const same = (reply: Reply) => reply;

  function translate(script: string): string {
    const match = /^#!lua([^\n]*)/.exec(script);
    if (!match) return script;
    const options = (match[1] ?? '')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((opt) => {
        if (!opt.startsWith('flags=')) return opt;
        const flags = opt
          .slice('flags='.length)
          .split(',')
          .filter((f) => REDIS_FLAGS.has(f));
        return flags.length > 0 ? `flags=${flags.join(',')}` : '';
      })
      .filter(Boolean);
    const translated = ['#!lua', ...options].join(' ') + script.slice(match[0].length);
    if (translated !== script) redisShaOf.set(sha1(script), sha1(translated));
    return translated;
  }
  const toRedisSha = (sha: string) => redisShaOf.get(sha.toLowerCase()) ?? sha;

  return {
    toRedis(name: string, args: string[]): { args: string[]; after: (reply: Reply) => Reply } {
      const [first = '', ...rest] = args;
      if (name === 'eval' || name === 'eval_ro') return { args: [translate(first), ...rest], after: same };
      if (name === 'evalsha' || name === 'evalsha_ro')
        return { args: [toRedisSha(first), ...rest], after: same };
      const sub = first.toLowerCase();
      if (name === 'script' && sub === 'load' && rest[0] !== undefined) {
        const clientSha = sha1(rest[0]);
        return {
          args: [first, translate(rest[0])],
          after: (r) => (r instanceof Error ? r : Buffer.from(clientSha)),
        };
      }
      if (name === 'script' && sub === 'exists')
        return { args: [first, ...rest.map(toRedisSha)], after: same };
      return { args, after: same };
    },
  };
}

type Encode = (bytes: Buffer) => string;
const base64: Encode = (b) => b.toString('base64');
const utf8: Encode = (b) => b.toString('utf8');

/** Redis nil -> null, integers -> numbers, bulk and status strings -> encoded bytes, at any depth. */
function toJson(reply: Reply, encode: Encode): Json {
  if (reply === null || reply === undefined) return null;
  if (typeof reply === 'number') return reply;
  if (Buffer.isBuffer(reply)) return encode(reply);
  // An error nested in an array (a Lua table holding redis.error_reply) has no JSON slot of its own.
  if (reply instanceof Error) return encode(Buffer.from(reply.message));
  return reply.map((r) => toJson(r, encode));
}

function errorOutcome(err: unknown): { error: string } {
  return { error: err instanceof Error ? err.message : String(err) };
}

function isErrorOutcome(value: unknown): value is { error: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'error' in value;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function respond(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
