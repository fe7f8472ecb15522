/**
 * fast-check arbitraries from the JSON Schemas of the served OpenAPI
 * document: values shaped as the API documents them, and the same with one
 * node anywhere replaced by something hostile (wrong type, huge, control
 * characters, prototype keys).
 */
import fc from 'fast-check';

export type JsonSchema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  format?: string;
};

const UUID = /\[89abAB\]|\[0-9a-fA-F\]\{8\}/;

export function arbitraryOf(schema: JsonSchema, components: Record<string, JsonSchema> = {}, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    return depth > 4 ? fc.constant(null) : arbitraryOf(components[name] ?? {}, components, depth + 1);
  }
  if (depth > 8) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) return fc.oneof(...branches.map((b) => arbitraryOf(b, components, depth + 1)));
  if (schema.allOf?.length) {
    const merged = Object.assign({}, ...schema.allOf, { ...schema, allOf: undefined }) as JsonSchema;
    if (schema.allOf.some((b) => typeof b.pattern === 'string' && UUID.test(b.pattern))) return fc.uuid().map((u) => u.toLowerCase());
    return arbitraryOf(merged, components, depth + 1);
  }
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => arbitraryOf({ ...schema, type }, components, depth + 1)));
  switch (schema.type) {
    case 'string':
      return stringOf(schema);
    case 'integer': {
      const min = Math.max(schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000), Number.MIN_SAFE_INTEGER);
      const max = Math.min(schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000), Number.MAX_SAFE_INTEGER);
      return fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) });
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = schema.items ? arbitraryOf(schema.items, components, depth + 1) : fc.jsonValue({ maxDepth: 1 });
      const minLength = schema.minItems ?? 0;
      return fc.array(items, { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 3, 3)) });
    }
    case 'object':
    case undefined: {
      if (!schema.properties && !schema.additionalProperties && schema.type === undefined) return fc.jsonValue({ maxDepth: 2 });
      const known = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, arbitraryOf(value, components, depth + 1)]));
      const record = fc.record(known, { requiredKeys: (schema.required ?? []).filter((key) => key in known) });
      if (typeof schema.additionalProperties !== 'object') return record;
      const keys = schema.propertyNames ? (stringOf(schema.propertyNames) as fc.Arbitrary<string>) : fc.string({ minLength: 1, maxLength: 12 });
      const extra = fc.dictionary(keys, arbitraryOf(schema.additionalProperties, components, depth + 1), { maxKeys: 3 });
      return fc.tuple(record, extra).map(([a, b]) => ({ ...b, ...a }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const maxLength = schema.maxLength ?? 40;
  const minLength = schema.minLength ?? 0;
  const fits = (s: string) => s.length >= minLength && s.length <= maxLength;
  switch (schema.format) {
    case 'date-time':
      return fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'date':
      return fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'uuid':
      return fc.uuid().map((u) => u.toLowerCase());
    case 'email':
      return fc.emailAddress().filter(fits);
  }
  if (schema.pattern) {
    if (UUID.test(schema.pattern)) return fc.uuid().map((u) => u.toLowerCase());
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
    } catch {
      // A pattern fast-check cannot generate from: plain strings (mostly refused, which is fine).
    }
  }
  return fc.string({ minLength, maxLength: Math.min(maxLength, 60) });
}

/** Values nobody should send: wrong types, huge or odd strings, prototype keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, -1, 0, 1e300, '', ' ', '\u0000\u001f', '\ud800', '=1+1', '<script>x</script>', '__proto__', [], {}),
  fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'x'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra'), fc.jsonValue({ maxDepth: 1 }), { minKeys: 1, maxKeys: 2 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Replaces the n-th node (depth-first, modulo the number of nodes) of a JSON value. */
export function replaceNode(value: unknown, n: number, replacement: unknown): unknown {
  const nodes: { parent: Record<string, unknown> | unknown[] | null; key: string | number }[] = [{ parent: null, key: '' }];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach((child, i) => (nodes.push({ parent: node, key: i }), walk(child)));
    else if (node !== null && typeof node === 'object') for (const [k, child] of Object.entries(node)) nodes.push({ parent: node as Record<string, unknown>, key: k }), walk(child);
  };
  const copy = structuredClone(value);
  walk(copy);
  const target = nodes[n % nodes.length]!;
  if (target.parent === null) return replacement;
  (target.parent as Record<string | number, unknown>)[target.key] = replacement;
  return copy;
}

/** Mostly well-shaped values, a third of them with one node replaced by a hostile one. */
export const shapedOrHostile = (schema: JsonSchema, components: Record<string, JsonSchema> = {}) =>
  fc
    .tuple(arbitraryOf(schema, components), hostileValue, fc.nat(), fc.nat({ max: 2 }))
    .map(([value, hostile, n, roll]) => (roll === 0 ? replaceNode(value, n, hostile) : value));
