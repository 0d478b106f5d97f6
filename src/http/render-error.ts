import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../app-env.ts';
import type { Deps } from '../deps.ts';
import { AppError, toProblem } from '../errors.ts';

/** The one error renderer: problem details, a request id, and a log line for failures of ours. */
export function renderError(deps: Pick<Deps, 'log'>): ErrorHandler<AppEnv> {
  return (err, c) => {
    const known = err instanceof AppError ? err : fromHono(err);
    if (!known || known.status >= 500)
      deps.log.error({ err, requestId: c.get('requestId') }, 'request failed');
    const { problem, headers } = toProblem(known ?? err, c.get('requestId') ?? 'unknown');
    for (const [k, v] of Object.entries(headers)) c.header(k, v);
    c.header('content-type', 'application/problem+json');
    return c.body(JSON.stringify(problem), problem.status as 400);
  };
}

function fromHono(err: unknown): AppError | undefined {
  if (!(err instanceof HTTPException)) return undefined;
  if (err.status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'Request body too large.');
  if (err.status === 401) return new AppError('UNAUTHORIZED', 'Missing or invalid credentials.');
  if (err.status === 400) return new AppError('BAD_REQUEST', err.message || 'Bad request.');
  if (err.status === 404) return new AppError('NOT_FOUND');
  return err.status >= 500 ? new AppError('INTERNAL') : new AppError('BAD_REQUEST', err.message);
}
