/**
 * Errors the API sends, as RFC 9457 problem details
 * (`application/problem+json`): a `type` naming the kind of problem (each
 * explained on the reference page), a `title`, the `status`, a `detail`
 * for this occurrence, and — for bad input — `errors`, one per failing
 * field, with the field's name as the request spelled it.
 */
import { z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';

export const PROBLEM_TYPE = 'application/problem+json';

export const PROBLEMS = {
  'bad-request': { status: 400, title: 'The request could not be read' },
  'invalid-input': { status: 422, title: 'Some fields are not valid' },
  unauthenticated: { status: 401, title: 'A valid API token is needed' },
  'insufficient-scope': { status: 403, title: 'This token may not do that' },
  forbidden: { status: 403, title: 'Not yours to change' },
  'not-found': { status: 404, title: 'Not found' },
  'unsupported-media-type': { status: 415, title: 'Send the body as application/json' },
  conflict: { status: 409, title: 'That cannot be done in the current state' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  // Sent by the admission limit on listings (src/web/admission.ts), which spells this out itself.
  busy: { status: 503, title: 'The archive is busy: try again after Retry-After seconds' },
  'server-error': { status: 500, title: 'Something went wrong' },
} as const;

export type ProblemKind = keyof typeof PROBLEMS;

export interface FieldProblem {
  field: string;
  detail: string;
}

export const FieldProblemSchema = z
  .object({
    field: z
      .string()
      .openapi({ description: 'The failing field or query parameter, dotted for nested fields.', example: 'title' }),
    detail: z.string().openapi({ example: 'Give the work a title.' }),
  })
  .openapi('FieldProblem');

export const ProblemSchema = z
  .object({
    type: z
      .string()
      .openapi({ description: 'A URI naming the kind of problem.', example: '/api/v1/docs#problem-invalid-input' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional().openapi({ description: 'The path of the request that failed.' }),
    errors: z.array(FieldProblemSchema).optional(),
  })
  .openapi('Problem');

export type Problem = z.infer<typeof ProblemSchema>;

export function problemBody(kind: ProblemKind, detail: string, instance?: string, errors?: FieldProblem[]): Problem {
  const { status, title } = PROBLEMS[kind];
  return {
    type: `/api/v1/docs#problem-${kind}`,
    title,
    status,
    detail,
    instance,
    ...(errors?.length ? { errors } : {}),
  };
}

/**
 * A problem response. Typed so a route handler may return it whatever
 * statuses the route documents (its status is `never` to the type checker);
 * the OpenAPI tests check that each route's problems are documented.
 */
export type ProblemResponse = Response & TypedResponse<Problem, never, 'json'>;

/** Sends a problem. Works from any context: route handlers, middleware and error handlers alike. */
export function problem(
  c: Context,
  kind: ProblemKind,
  detail: string,
  options: { errors?: FieldProblem[]; headers?: Record<string, string> } = {},
): ProblemResponse {
  const body = problemBody(kind, detail, new URL(c.req.url).pathname, options.errors);
  const response = new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': PROBLEM_TYPE, 'cache-control': 'no-store', ...options.headers },
  });
  return response as ProblemResponse;
}

/** The OpenAPI description of a problem response. */
export function problemResponse(description: string) {
  return { description, content: { [PROBLEM_TYPE]: { schema: ProblemSchema } } };
}

/** The zod issues of a failed parse as field problems (`chapter.body`, `warnings.0`). */
export function issuesToFieldProblems(issues: readonly z.core.$ZodIssue[], prefix = ''): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const issue of issues) {
    const field = prefix + (issue.path.length ? issue.path.map(String).join('.') : 'body');
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, detail: issue.message });
  }
  return out;
}
