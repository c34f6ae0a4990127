// Renders the templates in views/ with Eta. `<%= %>` escapes HTML (autoEscape), so every
// reflected value is safe by default; `<%~ %>` is kept for markup we built ourselves.
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { BrandView } from './brandAssets.js';

export type Render = (view: string, data: Record<string, unknown>) => string;

export const VIEWS_DIR = fileURLToPath(new URL('../../views/', import.meta.url));

const DEFAULT_BRAND: BrandView = { name: 'Ostiary', logo: undefined, css: undefined };

/**
 * `base` is the path every route is served under ('' or such as '/id'): templates prefix links with
 * it. `brand` is what the layout shows (the name, the logo and colours' asset paths).
 */
export function createRenderer(viewsDir: string = VIEWS_DIR, base = '', brand: BrandView = DEFAULT_BRAND): Render {
  const eta = new Eta({ views: viewsDir, autoEscape: true, autoTrim: false, cache: true });
  return (view, data) => eta.render(`./${view}`, { base, brand, ...data });
}
