import { type Browser, type BrowserContextOptions, chromium, type Page, type Request } from 'playwright-core';
import type { Env } from '../../src/adapters/runtime/config';
import { startTestPlayground, type TestPlayground } from './playground';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TARGET = 'AWSCognitoIdentityProviderService.';

/** Debian's chromium, never a downloaded one. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The Cognito operation a request from the page calls, and its JSON body. */
export function cognitoCall(request: Request): { operation: string; body: Record<string, unknown> } | undefined {
  const target = request.headers()['x-amz-target'];
  if (request.method() !== 'POST' || !target?.startsWith(TARGET)) return undefined;
  return { operation: target.slice(TARGET.length), body: JSON.parse(request.postData() ?? '{}') as Record<string, unknown> };
}

/** The `npm start` playground with its demo page, and a page open on it that records its script errors. */
export async function openDemo(browser: Browser, options: { env?: Env; context?: BrowserContextOptions } = {}) {
  const errors: string[] = [];
  const pg: TestPlayground = await startTestPlayground({ demo: true, env: options.env });
  const page: Page = await browser.newPage({ viewport: { width: 900, height: 1100 }, locale: 'en-US', ...options.context });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${pg.config.endpoint}/`);
  const close = async () => {
    // A rewriting route may still be fetching the last answer (e.g. after a resend click): let it go quietly.
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.close();
    await pg.close();
  };
  return { pg, page, errors, close };
}

/** What the page says now: its visible statuses and alerts. */
export const said = async (page: Page) => (await page.locator('[role=status]:visible, [role=alert]:visible').allTextContents()).join(' | ');

/** The `data-part` of the focused element (the component's ids are React's own). */
export const focusedPart = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-part') ?? document.activeElement?.className);
