// Stripe webhook events for tests and evals: object and event builders in the current API version's
// shapes (stripe-objects.ts), a step-by-step customer timeline (stripe-timeline.ts) and ready-made
// lifecycle scenarios (stripe-scenarios.ts), e.g.
//
//   const s = scenario.activeMonthly({ customerId: 'cus_a', authUserId: 'user_a', start: '2026-03-01T09:00:00Z' });
//   for (const event of s.events) {
//     const payload = JSON.stringify(event);
//     const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
//     await app.request('/webhooks/stripe', { method: 'POST', body: payload, headers: { 'stripe-signature': header } });
//   }
export * from './stripe-lifecycles.ts';
export * from './stripe-objects.ts';
export * from './stripe-payment-objects.ts';
export * from './stripe-scenarios.ts';
export * from './stripe-timeline.ts';
