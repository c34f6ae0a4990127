// The operator's brand as assets of our own origin: the logo file (BRAND_LOGO) at
// /assets/brand-logo.<ext>, and for BRAND_COLOR a small stylesheet that sets the accent (with a text
// colour on it that stays readable, by WCAG relative luminance). Pages link them; nothing inline,
// so the pages' CSP stays as strict.
import type { Brand } from '../config/AppConfig.js';

export interface Asset {
  readonly path: string;
  readonly body: Buffer;
  readonly type: string;
}

/** What the layout needs to show the brand. */
export interface BrandView {
  readonly name: string;
  readonly logo: string | undefined;
  readonly css: string | undefined;
}

function luminance(hex: string): number {
  const full = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join('') : hex.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function brandAssets(brand: Brand, prefix = '/assets/'): { assets: Asset[]; view: BrandView } {
  const assets: Asset[] = [];
  let logo: string | undefined;
  let css: string | undefined;
  if (brand.logo) {
    logo = `${prefix}brand-logo${brand.logo.ext}`;
    assets.push({ path: logo, body: brand.logo.body, type: brand.logo.type });
  }
  if (brand.color) {
    // Dark text on a light accent, white on a dark one (the contrast ratio picks).
    const fg = (luminance(brand.color) + 0.05) / 0.05 > 1.05 / (luminance(brand.color) + 0.05) ? '#111111' : '#ffffff';
    const rule = `:root { --accent: ${brand.color}; --accent-fg: ${fg}; }`;
    const text = `${rule}\n@media (prefers-color-scheme: dark) { ${rule} }\n`;
    css = `${prefix}brand.css`;
    assets.push({ path: css, body: Buffer.from(text), type: 'text/css; charset=utf-8' });
  }
  return { assets, view: { name: brand.name, logo, css } };
}
