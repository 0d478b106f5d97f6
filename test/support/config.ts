import { type Config, parseConfig } from '../../src/config.ts';

/** Fixed, recognisable test secrets: the secret-scan tests look for exactly these values. */
export const TEST_SECRETS = {
  STRIPE_WEBHOOK_SECRET: 'whsec_test_c2VjcmV0LXdlYmhvb2stc2lnbmluZw',
  HOST_API_KEY: 'hk_test_host_api_key_0123456789',
  CHAT_JWT_SECRET: 'chat-jwt-secret-for-tests-0123456789abcdef',
  METRICS_TOKEN: 'mt_test_metrics_token_0123',
  SUPPORT_HANDOFF_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  SUPPORT_API_KEYS: 'alice:sk_staff_alice_0123456789abcdef,bob:sk_staff_bob_0123456789abcdef',
  STRIPE_SECRET_KEY: 'sk_test_fake_stripe_secret_key_0123',
} as const;

export function testConfig(env: Record<string, string | undefined> = {}): Config {
  return parseConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    CHAT_RATE_LIMIT: '0',
    CHAT_IP_RATE_LIMIT: '0',
    WEBHOOK_RATE_LIMIT: '0',
    API_RATE_LIMIT: '0',
    WORKER_ENABLED: 'false',
    ...TEST_SECRETS,
    ...env,
  });
}
