// Filled in by the foundation: starts shared test services (Upstash bridge, Neon ws proxy).
export default async function setup(): Promise<void> {}
