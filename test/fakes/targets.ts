// All four fake targets at once, and the configuration that points the adapters at them.
import type { Config } from '../../src/config.ts';
import { type FakeHandoffReceiver, startFakeHandoffReceiver } from './handoff-receiver.ts';
import { type FakeHubspot, startFakeHubspot } from './hubspot.ts';
import { type FakeResend, startFakeResend } from './resend.ts';
import { type FakeSlack, startFakeSlack } from './slack.ts';

export const FAKE_CRM_TOKEN = 'pat-na1-fake-hubspot-token-0123';
export const FAKE_EMAIL_API_KEY = 're_fake_resend_api_key_0123';
export const FAKE_HANDOFF_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

export type Targets = {
  hubspot: FakeHubspot;
  resend: FakeResend;
  slack: FakeSlack;
  handoff: FakeHandoffReceiver;
  /** Environment variables naming the fakes (for a child process or testConfig). */
  env: Record<string, string>;
  /** `base` with every target pointed at the fakes. */
  config(base: Config): Config;
  close(): Promise<void>;
};

export async function startTargets(): Promise<Targets> {
  const [hubspot, resend, slack, handoff] = await Promise.all([
    startFakeHubspot({ token: FAKE_CRM_TOKEN }),
    startFakeResend({ apiKey: FAKE_EMAIL_API_KEY }),
    startFakeSlack(),
    startFakeHandoffReceiver({ secret: FAKE_HANDOFF_SECRET }),
  ]);
  const env = {
    CRM_BASE_URL: hubspot.url,
    CRM_TOKEN: FAKE_CRM_TOKEN,
    EMAIL_API_URL: resend.url,
    EMAIL_API_KEY: FAKE_EMAIL_API_KEY,
    ALERT_WEBHOOK_URL: slack.url,
    SUPPORT_HANDOFF_URL: `${handoff.url}/hooks/ledgerdesk`,
    SUPPORT_HANDOFF_SECRET: FAKE_HANDOFF_SECRET,
  };
  return {
    hubspot,
    resend,
    slack,
    handoff,
    env,
    config: (base) => ({ ...base, ...env }),
    close: async () => {
      await Promise.all([hubspot.close(), resend.close(), slack.close(), handoff.close()]);
    },
  };
}
