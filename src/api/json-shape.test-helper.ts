/**
 * Checks a JSON value against a schema of the OpenAPI document, for tests:
 * types (including 3.1's ["string", "null"]), required properties, no
 * properties the schema does not name, array items, enums, anyOf/oneOf and
 * $refs into components. Enough to say "this answer is what the document
 * promises", without a validator dependency.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

export type Components = Record<string, JsonSchema>;

function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Where `value` breaks `schema`, as "path: problem" lines; empty when it fits. */
export function shapeProblems(value: unknown, schema: JsonSchema, components: Components, path = '$'): string[] {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = components[name];
    return target ? shapeProblems(value, target, components, path) : [`${path}: unresolved $ref ${schema.$ref}`];
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const fits = alternatives.some((alt) => shapeProblems(value, alt, components, path).length === 0);
    return fits
      ? []
      : [`${path}: matches none of ${alternatives.length} alternatives (${JSON.stringify(value)?.slice(0, 80)})`];
  }
  if (schema.enum && !schema.enum.includes(value))
    return [`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`];
  if (schema.type) {
    const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = typeOfValue(value);
    const fits = allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'));
    if (!fits) return [`${path}: expected ${allowed.join(' or ')}, got ${actual}`];
  }
  const problems: string[] = [];
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => problems.push(...shapeProblems(item, schema.items!, components, `${path}[${i}]`)));
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && schema.properties) {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in record)) problems.push(`${path}.${name}: missing`);
    for (const [name, field] of Object.entries(record)) {
      const fieldSchema = schema.properties[name];
      if (!fieldSchema) problems.push(`${path}.${name}: not in the schema`);
      else problems.push(...shapeProblems(field, fieldSchema, components, `${path}.${name}`));
    }
  }
  return problems;
}
