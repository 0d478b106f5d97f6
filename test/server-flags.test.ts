// The benchmarks and the multi-process tests start the server themselves (test/support/server-process.ts);
// they must run it with the runtime flags `npm start` uses, or they measure a different server.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from './support/server-process.ts';

describe('server runtime flags', () => {
  it('npm start runs the server with exactly the flags the test and bench processes use', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe(`node ${SERVER_NODE_FLAGS.join(' ')} --import tsx src/server.ts`);
    expect(SERVER_NODE_FLAGS).toContain('--no-memory-reducer');
    expect(SERVER_NODE_FLAGS).toContain('--heap-growing-percent=300');
  });
});
