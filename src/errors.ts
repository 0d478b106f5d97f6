// The one error vocabulary: a closed set of codes, each with its HTTP status. `app.onError` is the only
// renderer (RFC 9457 problem details); 5xx bodies say nothing internal.
export const ERROR_CODES = {
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  INVALID_SIGNATURE: { status: 400, title: 'Invalid signature' },
  UNAUTHORIZED: { status: 401, title: 'Unauthorized' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  CONFLICT: { status: 409, title: 'Conflict' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  UNPROCESSABLE: { status: 422, title: 'Unprocessable content' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
  UNAVAILABLE: { status: 503, title: 'Service unavailable' },
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra response headers (e.g. Retry-After). */
  readonly headers: Record<string, string>;
  constructor(
    code: ErrorCode,
    detail?: string,
    opts: { cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? ERROR_CODES[code].title, { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.headers = opts.headers ?? {};
  }
}

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId: string;
};

export function toProblem(
  err: unknown,
  requestId: string,
): { problem: Problem; headers: Record<string, string> } {
  const app = err instanceof AppError ? err : new AppError('INTERNAL');
  const retry = app.status >= 500;
  const detail = retry ? `${ERROR_CODES[app.code].title}; please retry.` : app.message;
  return {
    problem: {
      type: `https://ledgerdesk.dev/problems/${app.code.toLowerCase().replaceAll('_', '-')}`,
      title: ERROR_CODES[app.code].title,
      status: app.status,
      detail,
      code: app.code,
      requestId,
    },
    headers: retry ? { 'retry-after': '1', ...app.headers } : app.headers,
  };
}
