/**
 * What every API route module is built from: an OpenAPIHono group whose
 * validation failures become problem details naming the failing field, the
 * shared path parameters, and the responses most routes can give.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { ApiEnv } from './middleware.ts';
import { issuesToFieldProblems, problem, problemResponse } from './problems.ts';

/** A route group; mount it on the API app with `.route('/', group)`. */
export function apiGroup(): OpenAPIHono<ApiEnv> {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const isBody = result.target === 'json';
      return problem(
        c,
        isBody ? 'invalid-input' : 'bad-request',
        isBody ? 'Some fields are not valid.' : 'Some parameters are not valid.',
        {
          errors: issuesToFieldProblems(result.error.issues),
        },
      );
    },
  });
}

/** Ids fit PostgreSQL's integer columns; anything larger is simply no such thing. */
const id = (name: string) =>
  z.coerce
    .number({ error: 'Give a whole number.' })
    .int('Give a whole number.')
    .min(1, 'Ids start at 1.')
    .max(2_147_483_647, 'There is nothing with an id that large.')
    .openapi({ param: { name, in: 'path' }, example: 1 });

export const WorkParams = z.object({ id: id('id') });
export const ChapterParams = z.object({ id: id('id'), chapterId: id('chapterId') });
export const TagSetParams = z.object({ tagSetId: id('tagSetId') });

export const TagParams = z.object({
  slug: z.string().openapi({
    param: { name: 'slug', in: 'path' },
    description: 'The tag name as in its page address: `/` written `*s*`, `&` `*a*`, `.` `*d*`, `?` `*q*`, `#` `*h*`.',
    example: 'Found Family',
  }),
});

export const UserParams = z.object({
  name: z.string().openapi({ param: { name: 'name', in: 'path' }, example: 'lark' }),
});

export const PseudParams = UserParams.extend({
  pseud: z.string().openapi({ param: { name: 'pseud', in: 'path' }, example: 'Lark' }),
});

/** The token may be left out on reads; restricted works and drafts then stay out of sight. */
export const OPTIONAL_TOKEN: Array<Record<string, string[]>> = [{ bearer: [] }, {}];
export const TOKEN: Array<Record<string, string[]>> = [{ bearer: [] }];

export const COMMON_ERRORS = {
  400: problemResponse('A parameter could not be read.'),
  401: problemResponse('The token is not valid (revoked, or never existed).'),
  429: problemResponse('Too many requests from this token or address.'),
};

export const NOT_FOUND = { 404: problemResponse('There is no such thing, or not for this reader.') };

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
