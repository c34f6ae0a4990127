// The admin API's OpenAPI 3.1 document, generated from the route table: each operation's
// parameters, body and answer are the JSON Schemas of the very zod schemas that validate it
// (z.toJSONSchema), so the document cannot drift from the code. Named schemas (`.meta({ id })`)
// become components.
import { z } from 'zod';
import type { AdminRoute } from './AdminRoute.js';
import { PROBLEM_TYPE_BASE } from './Problem.js';

type JsonSchema = Record<string, unknown>;

const PROBLEM: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string', description: `${PROBLEM_TYPE_BASE}<kind>` },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
        required: ['field', 'message'],
      },
    },
  },
  required: ['type', 'title', 'status', 'detail'],
};

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'invalid input: `errors` names each member at fault',
  401: 'no valid admin access token',
  403: 'the token lacks the scope',
  404: 'no such record',
  409: 'it conflicts with what exists',
  415: 'the body is not application/json',
  503: 'the store is unavailable',
};

export function openApiDocument(
  routes: readonly AdminRoute[],
  { server, tokenUrl, audience, version }: { server: string; tokenUrl: string; audience: string; version: string },
) {
  const components: Record<string, JsonSchema> = { Problem: PROBLEM };
  /** The schema with its named parts moved to components and referenced from there. */
  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const { $schema: _dialect, $defs, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
    const relink = (value: JsonSchema) =>
      JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
    for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>))
      components[name] = relink(definition);
    return relink(rest);
  };
  const parameters = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    if (!schema) return [];
    const converted = convert(schema, 'input');
    const required = new Set((converted.required as string[] | undefined) ?? []);
    return Object.entries((converted.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => ({
      name,
      in: where,
      required: where === 'path' || required.has(name),
      schema: property,
      ...(typeof property.description === 'string' ? { description: property.description } : {}),
    }));
  };
  const problem = (status: number) => ({
    description: PROBLEM_DESCRIPTIONS[status],
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const { status, schema, description } = route.response;
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method] = {
      operationId: `${route.method}${route.path.replaceAll(/[{}]/g, '').replaceAll(/[/-](\w)/g, (_m, c: string) => c.toUpperCase())}`,
      summary: route.summary,
      tags: [route.tag],
      security: [{ ostiary: [route.scope] }],
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: convert(route.body, 'input') } } } }
        : {}),
      responses: {
        [status]: {
          description,
          ...(schema ? { content: { 'application/json': { schema: convert(schema, 'output') } } } : {}),
        },
        ...Object.fromEntries(
          [400, 401, 403, ...(route.problems ?? []), ...(route.body ? [415] : []), 503].map((code) => [
            code,
            problem(code),
          ]),
        ),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ostiary admin API',
      version,
      description: `Manage accounts, clients, APIs and keys of a running Ostiary. Authenticate with an access token from client_credentials for the API ${audience}.`,
    },
    servers: [{ url: server }],
    tags: ['users', 'clients', 'resources', 'keys'].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        ostiary: {
          type: 'oauth2',
          flows: {
            clientCredentials: {
              tokenUrl,
              scopes: { 'admin:read': 'read accounts, clients, APIs and keys', 'admin:write': 'change them' },
            },
          },
        },
      },
    },
  };
}
