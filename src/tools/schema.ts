// Tool schemas and results as the model sees them, kept small: every model call carries the tool
// definitions and every tool result, so each token here is paid on every turn.
import { type JSONSchema7, jsonSchema } from 'ai';
import { z } from 'zod';

/** The zod schema's JSON Schema without the `$schema` banner; validation stays zod's. */
export function compactInput<S extends z.ZodType>(schema: S) {
  const { $schema: _banner, ...json } = z.toJSONSchema(schema) as Record<string, unknown>;
  return jsonSchema<z.output<S>>(json as JSONSchema7, {
    validate: (value) => {
      const r = schema.safeParse(value);
      return r.success ? { success: true, value: r.data } : { success: false, error: r.error };
    },
  });
}

/**
 * A billing result for the model: without the event ids (kept for audit and the guard, not needed
 * to answer) and without null fields.
 */
export function forModel(output: unknown): { type: 'json'; value: never } {
  return { type: 'json', value: prune(output) as never };
}

function prune(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => prune(x));
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null || x === undefined || (k === 'eventIds' && key === '')) continue;
    out[k] = prune(x, k);
  }
  return out;
}
