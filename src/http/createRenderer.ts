// Renders the templates in views/ with Eta. `<%= %>` escapes HTML (autoEscape), so every
// reflected value is safe by default; `<%~ %>` is kept for markup we built ourselves.
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';

export type Render = (view: string, data: Record<string, unknown>) => string;

export const VIEWS_DIR = fileURLToPath(new URL('../../views/', import.meta.url));

/** `base` is the path every route is served under ('' or such as '/id'): templates prefix links with it. */
export function createRenderer(viewsDir: string = VIEWS_DIR, base = ''): Render {
  const eta = new Eta({ views: viewsDir, autoEscape: true, autoTrim: false, cache: true });
  return (view, data) => eta.render(`./${view}`, { base, ...data });
}
