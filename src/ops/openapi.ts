import { z } from 'zod';
import { json, route } from '../http/openapi.ts';

export const opsRouteDocs = [
  route({
    method: 'get',
    path: '/healthz',
    tags: ['ops'],
    summary: 'The process is up',
    responses: { 200: json(z.object({ status: z.literal('ok') }), 'Up') },
  }),
  route({
    method: 'get',
    path: '/readyz',
    tags: ['ops'],
    summary: 'The database answers and every migration is applied',
    responses: {
      200: json(z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.string()) }), 'Ready'),
      503: json(
        z.object({ status: z.literal('not_ready'), checks: z.record(z.string(), z.string()) }),
        'Not ready',
      ),
    },
  }),
];
