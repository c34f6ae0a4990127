// Real Chromium for the tests that need a browser's rules (CSP, CORS, framing, cookies, form
// redirects): one browser per test file, a fresh context (cookies, storage) per test. Everything
// the pages print to the console is kept, so a test can say "no page broke its own CSP".
import type { ExecutionContext, TestFn } from 'ava';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { refuseInFastRun } from './fastRun.js';

// Debian's Chromium, launched as FIELD-NOTES says: no sandbox (containers), no GPU, and nothing
// that phones home or updates itself in the middle of a test.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
const ACTION_TIMEOUT_MS = 10_000; // a page here answers in milliseconds; fail fast, not at ava's 2 minutes

export interface ConsoleEntry {
  /** console.* level, or 'pageerror' for an uncaught exception. */
  readonly type: string;
  readonly text: string;
  /** The document that printed it. */
  readonly url: string;
}

export interface Tab {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Every console message and uncaught error of every page in this context, in order. */
  readonly console: readonly ConsoleEntry[];
  /**
   * The console errors (Chromium reports CSP violations, blocked frames and CORS failures there),
   * except Chromium's own favicon requests.
   */
  errors(): string[];
  /** The messages that report a Content-Security-Policy (or X-Frame-Options) violation. */
  cspViolations(): string[];
}

// Chromium fetches /favicon.ico by itself, whatever the page says; no page here asked for it, so
// its 404 is not a page's error.
const isPageError = ({ type, url }: ConsoleEntry) =>
  (type === 'error' || type === 'pageerror') && new URL(url || 'about:blank').pathname !== '/favicon.ico';
const isCspReport = (text: string) => /Content Security Policy|X-Frame-Options/i.test(text);

/** Registers the browser's launch and close on `test`; returns the function that opens a fresh tab. */
export function chromiumForFile(test: TestFn): (t: ExecutionContext) => Promise<Tab> {
  let browser: Browser | undefined;
  test.before(async () => {
    refuseInFastRun('Chromium');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  test.after.always(async () => {
    await browser?.close();
  });

  return async function openTab(t) {
    if (!browser) throw new Error('Chromium is not running (did test.before fail?)');
    const context = await browser.newContext();
    t.teardown(() => context.close());
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    const entries: ConsoleEntry[] = [];
    context.on('console', (message) => {
      entries.push({ type: message.type(), text: message.text(), url: message.location().url });
    });
    context.on('weberror', (error) => {
      entries.push({ type: 'pageerror', text: String(error.error()), url: error.page()?.url() ?? '' });
    });
    const page = await context.newPage();
    return {
      page,
      context,
      console: entries,
      errors: () => entries.filter(isPageError).map(({ text }) => text),
      cspViolations: () => entries.filter(({ text }) => isCspReport(text)).map(({ text }) => text),
    };
  };
}

/**
 * Answers every request to `origin` (a client's site that does not exist, such as
 * https://web.example.com) with a small empty page, so the browser can land on its redirect URIs.
 */
export async function stubOrigin(context: BrowserContext, origin: string): Promise<void> {
  await context.route(`${origin}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>client</title><p>client' }),
  );
}
