// Chooses, per effect kind, the real target or the local delivery log, from configuration alone.
import type { Deps } from '../deps.ts';
import { alertHandler, createSlackClient } from './alert-slack.ts';
import { createHubspotClient, crmHandler } from './crm-hubspot.ts';
import type { Adapters } from './delivery.ts';
import { createResendClient, emailHandler } from './email-resend.ts';
import { createHandoffClient, handoffHandler } from './handoff-webhook.ts';
import type { Fetch } from './http.ts';
import { deliverLocally } from './local-delivery.ts';

export function createAdapters(deps: Pick<Deps, 'config' | 'clock'>, opts: { fetch?: Fetch } = {}): Adapters {
  const c = deps.config;
  const fetch = opts.fetch;
  return {
    'crm.upsertContact': c.CRM_TOKEN
      ? crmHandler(createHubspotClient({ baseUrl: c.CRM_BASE_URL, token: c.CRM_TOKEN, fetch }))
      : deliverLocally,
    'email.send': c.EMAIL_API_KEY
      ? emailHandler(
          createResendClient({ baseUrl: c.EMAIL_API_URL, apiKey: c.EMAIL_API_KEY, fetch }),
          c.EMAIL_FROM,
        )
      : deliverLocally,
    'alert.notify': c.ALERT_WEBHOOK_URL
      ? alertHandler(createSlackClient({ url: c.ALERT_WEBHOOK_URL, fetch }))
      : deliverLocally,
    'handoff.deliver':
      c.SUPPORT_HANDOFF_URL && c.SUPPORT_HANDOFF_SECRET
        ? handoffHandler(
            createHandoffClient({
              url: c.SUPPORT_HANDOFF_URL,
              secret: c.SUPPORT_HANDOFF_SECRET,
              clock: deps.clock,
              fetch,
            }),
          )
        : deliverLocally,
  };
}

/** Which targets are real, for the start-up log (never the URLs: they may carry tokens). */
export function describeTargets(config: Deps['config']): Record<string, 'remote' | 'local'> {
  return {
    crm: config.CRM_TOKEN ? 'remote' : 'local',
    email: config.EMAIL_API_KEY ? 'remote' : 'local',
    alert: config.ALERT_WEBHOOK_URL ? 'remote' : 'local',
    handoff: config.SUPPORT_HANDOFF_URL && config.SUPPORT_HANDOFF_SECRET ? 'remote' : 'local',
  };
}
