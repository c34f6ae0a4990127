// For an ISSUER with a path (https://example.com/id): takes the path off each request's URL, so
// routing sees `/token` for `/id/token`, and says whether the request was under it at all. At the
// root of the host it changes nothing. The path goes into `req.baseUrl` (Express's name for it),
// where oidc-provider looks when it builds its URLs (OIDCContext.urlFor).
import type { IncomingMessage } from 'node:http';

export function basePathStripper(basePath: string) {
  return function underBase(req: IncomingMessage): boolean {
    if (!basePath) return true;
    const url = req.url ?? '/';
    if (url !== basePath && !url.startsWith(`${basePath}/`) && !url.startsWith(`${basePath}?`)) return false;
    const rest = url.slice(basePath.length);
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
    (req as IncomingMessage & { baseUrl?: string }).baseUrl = basePath;
    return true;
  };
}
