// @simplewebauthn/browser's bundle, served from our own origin as /assets/webauthn.js (pages load
// nothing from anywhere else). Read once at startup from the installed package, so it is always the
// version package-lock.json names.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Asset } from './brandAssets.js';

export function webauthnBrowserAsset(): Asset {
  // The package exports its ESM entry (esm/index.js); the self-contained bundle sits beside it.
  const entry = import.meta.resolve('@simplewebauthn/browser');
  const bundle = fileURLToPath(new URL('../dist/bundle/index.umd.min.js', entry));
  return { path: '/assets/webauthn.js', body: readFileSync(bundle), type: 'text/javascript; charset=utf-8' };
}
