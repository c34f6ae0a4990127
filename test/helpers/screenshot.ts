// The README's pictures of the pages, taken by the browser tests where each page is reached: with
// SCREENSHOTS=1 (npm run screenshots) a test saves the page it is on to docs/images/<name>.png;
// otherwise this does nothing, so the suite writes nothing into the repository.
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));

export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  await page.setViewportSize({ width: 560, height: 900 });
  await page.screenshot({ path: `${IMAGES}${name}.png`, fullPage: true });
}
