import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../common/chromium.js';
import { packageRoot } from '../../common/paths.js';
import { buildTablet } from '../../ui/build.mjs';


/** The two screens the tablet page must work on: a 1024×768 tablet and a phone. */
export const VIEWPORTS = {
  tablet: { width: 1024, height: 768 },
  phone: { width: 390, height: 844 },
} as const;

export const SCREENSHOT_DIR = join(packageRoot(), 'test-output', 'screenshots');

export interface PageOptions {
  /** The browser's language, e.g. `en-US` or `zh-CN` (the page takes its default from it). */
  readonly locale?: string;
  readonly viewport?: { readonly width: number; readonly height: number };
}

/**
 * A headless Chromium with a fresh profile (Playwright's `launch` makes a temporary user-data-dir
 * and removes it at close). Every page gets its own context, so storage never leaks between pages.
 */
export class TestBrowser {
  readonly #contexts: BrowserContext[] = [];

  private constructor(readonly browser: Browser) {}

  static async launch(): Promise<TestBrowser> {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
    return new TestBrowser(browser);
  }

  async newPage(options: PageOptions = {}): Promise<Page> {
    const context = await this.browser.newContext({
      locale: options.locale ?? 'en-US',
      viewport: options.viewport ?? VIEWPORTS.tablet,
      hasTouch: true,
    });
    this.#contexts.push(context);
    const page = await context.newPage();
    // Under vitest's 20 s: a wait that fails names what it waited for.
    page.setDefaultTimeout(8000);
    return page;
  }

  async close(): Promise<void> {
    for (const context of this.#contexts.splice(0)) await context.close();
    await this.browser.close();
  }
}

/**
 * Opens the tablet page signed in with `token` (in the URL's fragment, as the hub prints it)
 * and waits until its feed is connected.
 */
export async function openTablet(page: Page, hubUrl: string, token: string, options: { readonly timeout?: number } = {}): Promise<void> {
  await page.goto(`${hubUrl}/#token=${token}`);
  await page.locator('.connection.connected').waitFor(options);
}

/**
 * Writes `test-output/screenshots/{name}-{width}x{height}.png` at each of the two sizes and puts
 * the page back at the size it had. Returns the files written.
 */
export async function screenshotBothSizes(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const before = page.viewportSize();
  const files: string[] = [];
  for (const size of [VIEWPORTS.tablet, VIEWPORTS.phone]) {
    await page.setViewportSize(size);
    const path = join(SCREENSHOT_DIR, `${name}-${size.width}x${size.height}.png`);
    await page.screenshot({ path });
    files.push(path);
  }
  if (before) await page.setViewportSize(before);
  return files;
}

/**
 * The tablet page's screenshots at both sizes in English, then in Chinese (the header's switch),
 * and back to English: `{name}-en-…` and `{name}-zh-…`.
 */
export async function shootBothLanguages(page: Page, name: string): Promise<void> {
  await screenshotBothSizes(page, `${name}-en`);
  await page.locator('header.top button.lang').click();
  await page.locator('html[lang="zh-CN"]').waitFor();
  await screenshotBothSizes(page, `${name}-zh`);
  await page.locator('header.top button.lang').click();
  await page.locator('html[lang="en"]').waitFor();
}

let built: Promise<unknown> | undefined;

/** Builds the tablet page the hub serves (dist/ui/tablet), once per test worker: tests run the sources. */
export function buildTabletOnce(): Promise<unknown> {
  built ??= buildTablet();
  return built;
}
