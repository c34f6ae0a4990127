// /admin/v1/resources: APIs, through the same domain operations as `ostiary resource ...`. An id
// is a URI, so it travels percent-encoded in the path.
import { z } from 'zod';
import { publicResource } from '../../resources/publicResource.js';
import { ResourceError } from '../../resources/ResourceError.js';
import { registerResource } from '../../resources/registerResource.js';
import { removeResource } from '../../resources/removeResource.js';
import { updateResource } from '../../resources/updateResource.js';
import { adminRoute } from '../AdminRoute.js';
import { Id, NewResource, Resource, ResourceList, ResourceUpdate } from '../schemas.js';

const ById = z.object({ id: Id.describe('the resource indicator, percent-encoded') });
const Removal = z.object({ force: z.enum(['true', 'false']).optional() }).strict();

export const resourceRoutes = {
  list: adminRoute({
    method: 'get',
    path: '/resources',
    summary: 'List APIs',
    tag: 'resources',
    scope: 'admin:read',
    response: { status: 200, schema: ResourceList, description: 'every API' },
    async handle(_input, { store }) {
      return { resources: (await store.resources.list()).map(publicResource) };
    },
  }),
  add: adminRoute({
    method: 'post',
    path: '/resources',
    summary: 'Register an API',
    tag: 'resources',
    scope: 'admin:write',
    body: NewResource,
    response: { status: 201, schema: Resource, description: 'the API' },
    problems: [409],
    async handle({ body }, { store, change }) {
      const input = { id: body.id, scope: body.scope, accessTokenTtl: body.access_token_ttl, claims: body.claims };
      return publicResource(await registerResource(store, input, change));
    },
  }),
  show: adminRoute({
    method: 'get',
    path: '/resources/{id}',
    summary: 'Show an API',
    tag: 'resources',
    scope: 'admin:read',
    params: ById,
    response: { status: 200, schema: Resource, description: 'the API' },
    problems: [404],
    async handle({ params }, { store }) {
      const resource = await store.resources.get(params.id);
      if (!resource) throw new ResourceError('not_found', 'id', `no resource ${params.id}`);
      return publicResource(resource);
    },
  }),
  update: adminRoute({
    method: 'patch',
    path: '/resources/{id}',
    summary: "Change an API's scopes, access token lifetime or the account claims its tokens carry",
    tag: 'resources',
    scope: 'admin:write',
    params: ById,
    body: ResourceUpdate,
    response: { status: 200, schema: Resource, description: 'the API as it is now' },
    problems: [404, 409],
    async handle({ params, body }, { store, change }) {
      const changes = { scope: body.scope, accessTokenTtl: body.access_token_ttl, claims: body.claims };
      return publicResource(await updateResource(store, params.id, changes, { force: body.force }, change));
    },
  }),
  remove: adminRoute({
    method: 'delete',
    path: '/resources/{id}',
    summary: 'Remove an API (refused while clients list it, unless ?force=true)',
    tag: 'resources',
    scope: 'admin:write',
    params: ById,
    query: Removal,
    response: { status: 204, description: 'removed' },
    problems: [404, 409],
    async handle({ params, query }, { store, change }) {
      await removeResource(store, params.id, { force: query.force === 'true' }, change);
    },
  }),
};
