// Debian's Chromium driven by playwright-core, with a fresh profile per suite. Without Chromium the
// browser suites are skipped and say so, except under CI=true, where a missing browser fails the run.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe, it } from 'vitest';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export type Browser = { context: BrowserContext; close(): Promise<void> };

export async function launchChromium(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'ledgerdesk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** A describe that runs only where Chromium is installed (and insists on it in CI). */
export function describeBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`CI=true but ${CHROMIUM_PATH} is missing: .ci/run must apt-get install -y chromium`);
      });
    });
    return;
  }
  process.stderr.write(
    `\n[ledgerdesk tests] ${CHROMIUM_PATH} not found: browser suite "${name}" is SKIPPED (apt-get install chromium).\n\n`,
  );
  describe.skip(name, body);
}

/** The focused element, looking through shadow roots (what a keyboard user is on). */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    const label = el.getAttribute('aria-label') ?? el.getAttribute('data-persona') ?? el.textContent ?? '';
    return `${el.tagName.toLowerCase()}:${label.trim().slice(0, 60)}`;
  });
}

/** Presses Tab until the focused element matches, as a keyboard-only user would. */
export async function tabTo(page: Page, match: RegExp, max = 40): Promise<string> {
  for (let i = 0; i < max; i++) {
    const now = await focused(page);
    if (match.test(now)) return now;
    await page.keyboard.press('Tab');
  }
  throw new Error(`no focusable element matching ${match} within ${max} Tab presses`);
}

/** Whether the focused element shows a focus ring (outline or box-shadow). */
export async function focusVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return false;
    const s = getComputedStyle(el);
    return (s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
  });
}
