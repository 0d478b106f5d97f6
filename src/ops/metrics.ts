import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** One registry per Deps (no module-level singleton), so tests and processes do not share counters. */
export function createMetrics(opts: { defaults?: boolean } = {}) {
  const registry = new Registry();
  // The event-loop delay histogram samples with a timer; prom-client's default of 10 ms woke an idle
  // server 100 times a second, about 10 ms of CPU per second here (against about 2 ms at 100 ms), and
  // at 300 webhooks/s that was about 0.03 ms per event. Stalls of 100 ms and more are still caught.
  if (opts.defaults)
    collectDefaultMetrics({ register: registry, prefix: 'ledgerdesk_', eventLoopMonitoringPrecision: 100 });
  const r = [registry];
  return {
    registry,
    webhookRequests: new Counter({
      name: 'ledgerdesk_webhook_requests_total',
      help: 'Stripe webhook requests by outcome (applied, duplicate, ignored, stale, needs_review, invalid_signature, error).',
      labelNames: ['outcome'] as const,
      registers: r,
    }),
    signatureFailures: new Counter({
      name: 'ledgerdesk_webhook_signature_failures_total',
      help: 'Webhook deliveries rejected for a missing, invalid or expired signature.',
      registers: r,
    }),
    duplicates: new Counter({
      name: 'ledgerdesk_webhook_duplicates_total',
      help: 'Webhook deliveries of an event id already stored.',
      registers: r,
    }),
    ignoredEvents: new Counter({
      name: 'ledgerdesk_webhook_ignored_total',
      help: 'Verified events of unsupported types, stored as ignored.',
      registers: r,
    }),
    ackLatency: new Histogram({
      name: 'ledgerdesk_webhook_ack_seconds',
      help: 'Time from request start to webhook acknowledgement.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: r,
    }),
    eventLag: new Histogram({
      name: 'ledgerdesk_event_lag_seconds',
      help: 'Time from webhook acknowledgement to the effect it caused being delivered.',
      labelNames: ['kind'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: r,
    }),
    effectOutcomes: new Counter({
      name: 'ledgerdesk_effect_outcomes_total',
      help: 'Effect delivery attempts by kind and outcome (delivered, retry, dead, recorded_locally, disabled).',
      labelNames: ['kind', 'outcome'] as const,
      registers: r,
    }),
    deadLetters: new Counter({
      name: 'ledgerdesk_dead_letters_total',
      help: 'Jobs dead-lettered after their attempt budget.',
      labelNames: ['kind'] as const,
      registers: r,
    }),
    outboxDepth: new Gauge({
      name: 'ledgerdesk_outbox_depth',
      help: 'Jobs waiting in the outbox (pending or running).',
      registers: r,
    }),
    outboxOldestAge: new Gauge({
      name: 'ledgerdesk_outbox_oldest_age_seconds',
      help: 'Age of the oldest job waiting in the outbox.',
      registers: r,
    }),
    ingestBatchSize: new Histogram({
      name: 'ledgerdesk_ingest_batch_events',
      help: 'Webhook events written per fast-path batch (one statement each).',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128],
      registers: r,
    }),
    ingestFallbacks: new Counter({
      name: 'ledgerdesk_ingest_fallbacks_total',
      help: "Fast-path batch writes that did not commit, by reason (conflict: a record or event changed underneath, retried once re-read, then one event at a time on the locking path; waiting_dispute: a dispute waits for a payment the batch registers, so that customer's events take the locking path and the rest are written; error: straight to the locking path).",
      labelNames: ['reason'] as const,
      registers: r,
    }),
    payments: new Counter({
      name: 'ledgerdesk_payments_total',
      help: 'Payment events applied, by result (succeeded, failed).',
      labelNames: ['result'] as const,
      registers: r,
    }),
    handoffs: new Counter({
      name: 'ledgerdesk_handoffs_total',
      help: 'Handoffs to a human by reason and routing tag.',
      labelNames: ['reason', 'tag'] as const,
      registers: r,
    }),
    chatTurns: new Counter({
      name: 'ledgerdesk_chat_turns_total',
      help: 'Chat turns by outcome (answered, handoff, blocked).',
      labelNames: ['outcome'] as const,
      registers: r,
    }),
    injectionDetections: new Counter({
      name: 'ledgerdesk_injection_detections_total',
      help: 'Messages or fields the injection screen flagged.',
      labelNames: ['where'] as const,
      registers: r,
    }),
    httpRequests: new Histogram({
      name: 'ledgerdesk_http_request_seconds',
      help: 'HTTP request duration by route and status class.',
      labelNames: ['route', 'status'] as const,
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: r,
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
