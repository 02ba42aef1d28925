/**
 * /api/v1/docs: the API reference as an ordinary page of this site, drawn
 * from the generated OpenAPI document — so it cannot drift from the routes —
 * with no scripts and nothing fetched from elsewhere. Each operation lists
 * its parameters, body and responses; each schema its fields; each kind of
 * problem has an anchor that problem `type` URIs point at.
 */
import type { AppContext } from '../web/context.ts';
import { renderPage } from '../web/layout.tsx';
import { API_RULES } from './middleware.ts';
import { PROBLEMS } from './problems.ts';

/** The parts of an OpenAPI 3.1 document this page reads. */
interface Schema {
  $ref?: string;
  type?: string | string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  format?: string;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}
export interface ApiDocument {
  info: { title: string; version: string; description?: string };
  servers?: Array<{ url: string }>;
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'patch', 'put', 'delete'];
const refName = (ref: string) => ref.split('/').pop() ?? ref;
const anchor = (method: string, path: string) => `${method}-${path.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '')}`;

/** A schema's type in a few words: "string or null", "array of WorkSummary", "one of asc, desc". */
function TypeOf({ schema }: { schema?: Schema }) {
  if (!schema) return <>any</>;
  if (schema.$ref) return <a href={`#schema-${refName(schema.$ref)}`}>{refName(schema.$ref)}</a>;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    return (
      <>
        {alternatives.map((alt, i) => (
          <>
            {i ? ' or ' : ''}
            <TypeOf schema={alt} />
          </>
        ))}
      </>
    );
  }
  if (schema.enum) return <>one of {schema.enum.map((v) => (v === null ? 'null' : String(v))).join(', ')}</>;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'object'];
  return (
    <>
      {types.map((type, i) => (
        <>
          {i ? ' or ' : ''}
          {type === 'array' ? (
            <>
              array of <TypeOf schema={schema.items} />
            </>
          ) : (
            `${type}${schema.format ? ` (${schema.format})` : ''}`
          )}
        </>
      ))}
    </>
  );
}

function Fields({ schema, caption }: { schema: Schema; caption: string }) {
  const properties = Object.entries(schema.properties ?? {});
  if (!properties.length) return <TypeOf schema={schema} />;
  return (
    <table class="api-fields">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {properties.map(([name, field]) => (
          <tr>
            <th scope="row">
              <code>{name}</code>
            </th>
            <td>
              <TypeOf schema={field} />
            </td>
            <td>
              {schema.required?.includes(name) ? 'Required. ' : ''}
              {field.description ?? ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OperationSection({ method, path, op }: { method: string; path: string; op: Operation }) {
  const id = anchor(method, path);
  const needsToken = op.security?.length && !op.security.some((s) => !Object.keys(s).length);
  const body = op.requestBody?.content?.['application/json']?.schema;
  return (
    <section class="api-operation" aria-labelledby={id}>
      <h3 id={id}>
        <code>
          {method.toUpperCase()} /api/v1{path}
        </code>{' '}
        — {op.summary}
      </h3>
      {op.description ? <p>{op.description}</p> : null}
      <p class="hint">
        {needsToken ? 'Needs a token.' : 'Token optional: without one, restricted works and drafts stay out of sight.'}
      </p>
      {op.parameters?.length ? (
        <>
          <h4>Parameters</h4>
          <table class="api-fields">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">In</th>
                <th scope="col">Type</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {op.parameters.map((p) => (
                <tr>
                  <th scope="row">
                    <code>{p.name}</code>
                  </th>
                  <td>{p.in}</td>
                  <td>
                    <TypeOf schema={p.schema} />
                  </td>
                  <td>
                    {p.required ? 'Required. ' : ''}
                    {p.description ?? p.schema?.description ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {body ? (
        <>
          <h4>Body (JSON)</h4>
          <p>
            <TypeOf schema={body} />
          </p>
        </>
      ) : null}
      <h4>Responses</h4>
      <ul>
        {Object.entries(op.responses ?? {}).map(([status, response]) => {
          const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
          return (
            <li>
              <strong>{status}</strong> {response.description}
              {media?.schema ? (
                <>
                  {' '}
                  (<code>{type}</code>: <TypeOf schema={media.schema} />)
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function renderApiDocs(c: AppContext, doc: ApiDocument): Response {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] })),
  );
  const groups = [...new Set(operations.map((o) => o.op.tags?.[0] ?? 'Other'))];
  return renderPage(
    c,
    { title: 'API reference' },
    <article class="api-docs">
      <h1>
        {doc.info.title} {doc.info.version}
      </h1>
      <p>{doc.info.description}</p>
      <ul>
        <li>
          Base address: <code>{doc.servers?.[0]?.url}</code>. The machine-readable description is{' '}
          <a href="/api/v1/openapi.json">openapi.json</a> (OpenAPI 3.1).
        </li>
        <li>
          Tokens: make one in <a href="/preferences/tokens">Preferences → API tokens</a> and send it as{' '}
          <code>Authorization: Bearer &lt;token&gt;</code>. A <code>read</code> token sees what you see; a{' '}
          <code>write</code> token may also post, edit and delete your works.
        </li>
        <li>
          Rate limits: {API_RULES.token.limit} requests a minute per token, {API_RULES.address.limit} per address
          without one. Every answer says what is left in <code>RateLimit</code> and <code>RateLimit-Policy</code>{' '}
          headers.
        </li>
        <li>
          Listings return 20 works and a <code>next_cursor</code>; pass it back as <code>cursor</code> with the same
          filters.
        </li>
        <li>
          Reads send an <code>ETag</code> (ask again with <code>If-None-Match</code> for a 304) and allow cross-origin
          requests; writes do not.
        </li>
      </ul>
      <nav aria-label="Operations">
        <h2>Operations</h2>
        <ul>
          {operations.map(({ method, path, op }) => (
            <li>
              <a href={`#${anchor(method, path)}`}>
                {method.toUpperCase()} {path}
              </a>{' '}
              — {op.summary}
            </li>
          ))}
        </ul>
      </nav>
      {groups.map((group) => (
        <section aria-labelledby={`group-${group}`}>
          <h2 id={`group-${group}`}>{group}</h2>
          {operations
            .filter((o) => (o.op.tags?.[0] ?? 'Other') === group)
            .map((o) => (
              <OperationSection {...o} />
            ))}
        </section>
      ))}
      <section aria-labelledby="problems">
        <h2 id="problems">Problems</h2>
        <p>
          Errors are <code>application/problem+json</code> (RFC 9457); bad input lists each failing field in{' '}
          <code>errors</code>.
        </p>
        <dl>
          {Object.entries(PROBLEMS).map(([kind, { status, title }]) => (
            <>
              <dt id={`problem-${kind}`}>
                <code>{kind}</code> ({status})
              </dt>
              <dd>{title}</dd>
            </>
          ))}
        </dl>
      </section>
      <section aria-labelledby="schemas">
        <h2 id="schemas">Schemas</h2>
        {Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => (
          <section aria-labelledby={`schema-${name}`}>
            <h3 id={`schema-${name}`}>{name}</h3>
            {schema.description ? <p>{schema.description}</p> : null}
            <Fields schema={schema} caption={`Fields of ${name}`} />
          </section>
        ))}
      </section>
    </article>,
  );
}
