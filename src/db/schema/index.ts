export * from './agent.ts';
export * from './customers.ts';
export * from './jobs.ts';
export * from './payment-refs.ts';
export * from './stripe-events.ts';
export * from './support.ts';
