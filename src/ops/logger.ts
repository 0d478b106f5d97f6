import pino, { type DestinationStream, type Logger } from 'pino';

export type Log = Logger;

/** Header and field names whose values never reach a log line. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["stripe-signature"]',
  'req.headers["x-api-key"]',
  'req.headers["webhook-signature"]',
  'headers.authorization',
  'headers["stripe-signature"]',
  '*.token',
  '*.secret',
  '*.apiKey',
  '*.password',
  '*.authorization',
  'token',
  'secret',
  'apiKey',
];

/**
 * Structured JSON logs. Two layers keep secrets out: pino's path redaction for the places secrets
 * are known to live, and a last-line scrub of every configured secret value wherever it appears
 * (an error message or a nested object pino cannot know about).
 */
export function createLogger(opts: {
  level?: string;
  secrets?: string[];
  destination?: DestinationStream;
}): Log {
  const secrets = (opts.secrets ?? []).filter((s) => s.length >= 8);
  return pino(
    {
      level: opts.level ?? 'info',
      base: { service: 'ledgerdesk' },
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: {
        streamWrite: (line: string) => scrubSecrets(line, secrets),
      },
    },
    opts.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}

export function scrubSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) {
    if (out.includes(s)) out = out.replaceAll(s, '[REDACTED]');
    // JSON-escaped forms (secrets with / or +) appear escaped inside log lines.
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s && out.includes(escaped)) out = out.replaceAll(escaped, '[REDACTED]');
  }
  return out;
}
