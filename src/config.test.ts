import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadDevSecrets, parseConfig } from './config.ts';

const PROD = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://u@db.example.com/app',
  STRIPE_WEBHOOK_SECRET: 'whsec_live_supersecretvalue123',
  HOST_API_KEY: 'host-key-very-secret-123456',
  CHAT_JWT_SECRET: 'jwt-secret-very-secret-0123456789abcdef',
  METRICS_TOKEN: 'metrics-token-secret-1234',
  SUPPORT_API_KEYS: 'alice:staff-key-secret-0123456789',
};

function problemsOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected parseConfig to reject');
}

describe('config', () => {
  it('accepts a complete production environment and types its values', () => {
    const config = parseConfig({ ...PROD, PORT: '8080', PAST_DUE_GRACE_DAYS: '3' });
    expect(config.mode).toBe('production');
    expect(config.PORT).toBe(8080);
    expect(config.PAST_DUE_GRACE_DAYS).toBe(3);
    expect(config.supportApiKeys).toEqual([{ name: 'alice', key: 'staff-key-secret-0123456789' }]);
    expect(config.demoEnabled).toBe(false);
  });

  it('names the variable and what is expected when a value is malformed', () => {
    const message = problemsOf({ ...PROD, PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    expect(message).toMatch(/PORT: expected an integer from 0 to 65535/);
    expect(message).toMatch(/DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ connection string/);
  });

  it('never prints a secret value, even when the secret itself is malformed', () => {
    const badSecret = 'not-a-whsec-but-very-secret-value';
    const message = problemsOf({
      ...PROD,
      STRIPE_WEBHOOK_SECRET: badSecret,
      CHAT_JWT_SECRET: 'short-secret',
    });
    expect(message).toMatch(/STRIPE_WEBHOOK_SECRET: expected one or more comma-separated whsec_/);
    expect(message).toMatch(/CHAT_JWT_SECRET: expected at least 32 characters/);
    expect(message).not.toContain(badSecret);
    expect(message).not.toContain('short-secret');
    for (const value of Object.values(PROD)) if (value.length > 12) expect(message).not.toContain(value);
  });

  it('requires every secret in production and lists all that are missing at once', () => {
    const message = problemsOf({ NODE_ENV: 'production' });
    for (const name of [
      'STRIPE_WEBHOOK_SECRET',
      'HOST_API_KEY',
      'METRICS_TOKEN',
      'CHAT_JWT_SECRET',
      'SUPPORT_API_KEYS',
    ]) {
      expect(message).toContain(`${name}: required in production`);
    }
  });

  it('parses a comma-separated list of webhook secrets for rotation', () => {
    const config = parseConfig({ ...PROD, STRIPE_WEBHOOK_SECRET: 'whsec_oldsecret123,whsec_newsecret456' });
    expect(config.stripeWebhookSecrets).toEqual(['whsec_oldsecret123', 'whsec_newsecret456']);
  });

  it('rejects an OpenAI model without a key and a rate limit that is not count/window', () => {
    const message = problemsOf({ ...PROD, AGENT_MODEL: 'openai:gpt-4.1-mini', CHAT_RATE_LIMIT: 'lots' });
    expect(message).toMatch(/CHAT_RATE_LIMIT: expected "<count>\/<window>"/);
    const message2 = problemsOf({ ...PROD, AGENT_MODEL: 'openai:gpt-4.1-mini' });
    expect(message2).toMatch(/OPENAI_API_KEY: required when AGENT_MODEL is openai/);
  });

  it('parses rate limits into count and window, with 0 meaning off', () => {
    const config = parseConfig({ ...PROD, CHAT_RATE_LIMIT: '20/1m', CHAT_IP_RATE_LIMIT: '0' });
    expect(config.CHAT_RATE_LIMIT).toEqual({ limit: 20, windowMs: 60_000 });
    expect(config.CHAT_IP_RATE_LIMIT).toBeNull();
  });

  it('embedded mode generates development secrets once and keeps them across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledgerdesk-config-'));
    try {
      const first = loadConfig({ DATA_DIR: dir });
      const second = loadConfig({ DATA_DIR: dir });
      expect(first.mode).toBe('embedded');
      expect(first.stripeWebhookSecrets[0]).toMatch(/^whsec_/);
      expect(second.stripeWebhookSecrets).toEqual(first.stripeWebhookSecrets);
      expect(second.hostApiKey).toBe(first.hostApiKey);
      expect(loadDevSecrets(dir).HOST_API_KEY).toBe(first.hostApiKey);
      expect(first.demoEnabled).toBe(true);
      expect(first.agentModel).toBe('offline');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
