// Embedded mode: an effect whose target is not configured is delivered to the local log table, so
// the demo (and a person reading the database) can see it. It is never silently dropped.
import { localDeliveries } from '../db/schema/index.ts';
import type { Delivered, Handler } from './delivery.ts';

export const deliverLocally: Handler = async ({ job }): Promise<Delivered> => ({
  outcome: 'recorded_locally',
  detail: 'no target configured',
  commit: async (tx) => {
    await tx
      .insert(localDeliveries)
      .values({ jobId: job.id, kind: job.kind, key: job.key, payload: job.payload ?? {} })
      .onConflictDoNothing({ target: localDeliveries.key });
  },
});
