/**
 * The curators' workspace in real Chromium (playwright-core driving the system's /usr/bin/chromium) against the
 * whole app: sample sources on 127.0.0.1, the real server, one poll + extraction + story grouping up front.
 * Screenshots land in tests/artifacts/ (gitignored).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/accounts/index.js';
import { startDemoEnv, type DemoEnv } from './demo-env.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const SUMMIT = 'Kim Jong Un meets Putin at Vostochny';
const PACT = 'North Korea/Russia: Mutual defense pact';
const WHAT_TO_KNOW = 'What You Need to Know about Russia and North Korea';

let env: DemoEnv;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Chromium at ${CHROMIUM} (Debian/Ubuntu: apt-get install chromium; or set CHROMIUM_PATH). CI installs it; they do not skip.`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  [env, browser] = await Promise.all([startDemoEnv(), chromium.launch({ executablePath: CHROMIUM, args: ARGS })]);
});

afterAll(async () => {
  await browser?.close();
  await env?.stop();
});

/** A fresh browser context whose pages fail the test on a script error or a CSP violation. */
async function newPage(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`script error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.on('dialog', (d) => void d.accept());
  return { page, problems };
}

/** Retries an assertion until it passes (the page updates asynchronously) or `ms` pass; then throws its last error. */
async function eventually(check: () => Promise<void> | void, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();

const row = (page: Page, title: string) => page.locator('.item-row', { hasText: title });

describe('the curator workspace in Chromium', () => {
  it('sets up the admin, searches, tags, writes a note from the article and publishes into /feed.xml', async () => {
    const { page, problems } = await newPage();
    expect(env.server.setupLink).toBeTruthy();

    // First admin through the printed one-time link.
    await page.goto(env.server.setupLink!);
    await page.fill('input[name=name]', 'anna');
    await page.fill('input[name=password]', 'a long enough password');
    await page.fill('input[name=password2]', 'a long enough password');
    await Promise.all([page.waitForURL(/\/inbox/), page.click('button[type=submit]')]);
    await eventually(async () => expect(await text(page.locator('h1'))).toBe('Inbox'));

    // Full-text search with highlighted matches; the June 2024 pair is one story, the 2023 summit is not in it.
    await page.fill('#inbox-search', 'Pyongyang');
    await Promise.all([page.waitForURL(/q=Pyongyang/), page.press('#inbox-search', 'Enter')]);
    await eventually(async () => expect(await page.locator('.item-row').count()).toBe(3));
    expect(await page.locator('.item-row mark').count()).toBeGreaterThan(0);
    await eventually(async () => expect(await text(row(page, PACT).locator('.also'))).toContain('Also reported by Christian Commentary Weekly'));
    await eventually(async () => expect(await text(row(page, WHAT_TO_KNOW).locator('.also'))).toContain('Also reported by Watch Research Service'));
    await eventually(async () => expect(await row(page, SUMMIT).locator('.also').count()).toBe(0));
    await page.screenshot({ path: `${ARTIFACTS}inbox.png`, fullPage: true });

    // Open the 2023 summit article: the clean text, its prayer points, its suggestions.
    await Promise.all([page.waitForURL(/\/inbox\/items\/\d+/), row(page, SUMMIT).locator('a.row-title').click()]);
    await eventually(async () => expect(await text(page.locator('#item-title'))).toContain(SUMMIT));
    await eventually(async () => expect(await text(page.locator('.article-body'))).toContain('Vostochny Cosmodrome'));
    await eventually(async () => expect(await page.locator('#original-link').getAttribute('href')).toMatch(/kim-putin-vostochny-summit/));

    // Accept a suggested country (soft post: the note editor keeps its state), then add one by type-ahead.
    await page.click('button[aria-label="Accept North Korea"]');
    await eventually(async () => expect(await text(page.locator('.chip-list'))).toContain('North Korea'));
    await page.click('#add-country');
    await page.keyboard.type('Russ');
    await eventually(async () => expect(await text(page.locator('#country-options li').first())).toContain('Russia'));
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await text(page.locator('.chip-list'))).toContain('Russia'));
    await eventually(async () => expect(await text(page.locator('.checklist .ok'))).toContain('Country tagged'));

    // Insert the article's first prayer point, add scripture, watch the live preview.
    await page.locator('[data-insert]').first().click();
    await eventually(async () => expect(await page.locator('#note-points').inputValue()).toMatch(/For the opening of doors in North Korea/));
    await page.fill('input[name=scripture]', 'Psalm 46:1');
    await page.fill('textarea[name=text]', 'Pray **boldly** for the Church in North Korea.');
    await eventually(async () => expect(await text(page.locator('#note-preview .prayer-note > div strong'))).toBe('boldly'));
    await eventually(async () => expect(await text(page.locator('#note-preview li'))).toContain('For the opening of doors'));
    await page.screenshot({ path: `${ARTIFACTS}item.png`, fullPage: true });

    // Publish: the note in the editor is saved with it.
    await Promise.all([page.waitForURL(/done=published/), page.click('#publish-button')]);
    await eventually(async () => expect(await text(page.locator('.bench-status .badge'))).toBe('Published'));
    await eventually(async () => expect(await text(page.locator('.audit'))).toContain('Published'));
    await eventually(async () => expect(await text(page.locator('.audit'))).toContain('Edited the prayer note'));

    const feed = await (await fetch(`${env.base}/feed.xml`)).text();
    expect(feed).toContain('Kim Jong Un meets Putin at Vostochny');
    expect(feed).toContain('For the opening of doors in North Korea');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('works from the keyboard: j/k/o in the inbox, ? help, e and c and p on the item', async () => {
    await createUser(env.server.app.db, { name: 'carl', role: 'curator', password: 'carl secret password' }, { scrypt: { N: 1024, r: 8, p: 1 } });
    const { page, problems } = await newPage();
    await page.goto(`${env.base}/inbox`);
    await eventually(async () => expect(page.url()).toMatch(/\/login\?next=%2Finbox/));
    await page.fill('input[name=name]', 'carl');
    await page.fill('input[name=password]', 'carl secret password');
    await Promise.all([page.waitForURL(/\/inbox$/), page.click('button[type=submit]')]);

    const rows = page.locator('.item-row');
    await eventually(async () => expect(await rows.nth(0).getAttribute('class')).toMatch(/selected/));
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await eventually(async () => expect(await rows.nth(1).getAttribute('class')).toMatch(/selected/));
    await eventually(async () => expect(await rows.nth(0).getAttribute('class')).not.toMatch(/selected/));

    await page.keyboard.press('?');
    await eventually(async () => expect(await page.locator('#kbd-help').isVisible()).toBe(true));
    await page.keyboard.press('Escape');
    await eventually(async () => expect(await page.locator('#kbd-help').isVisible()).toBe(false));

    const title = (await rows.nth(1).locator('a.row-title').textContent())!.trim();
    await Promise.all([page.waitForURL(/\/inbox\/items\/\d+/), page.keyboard.press('o')]);
    await eventually(async () => expect(await text(page.locator('#item-title'))).toBe(title));

    // e: the note; typing "p" there must not publish. Esc leaves the field.
    await page.keyboard.press('e');
    await eventually(async () => expect(await page.locator('#note-points').evaluate((el) => el === document.activeElement)).toBe(true));
    await page.keyboard.type('Pray for the pastors and their families');
    await page.keyboard.press('Escape');
    await eventually(async () => expect(await page.locator('#note-points').evaluate((el) => el === document.activeElement)).not.toBe(true));

    // c: add a country by type-ahead, then p publishes.
    await page.keyboard.press('c');
    await eventually(async () => expect(await page.locator('#add-country').evaluate((el) => el === document.activeElement)).toBe(true));
    await page.keyboard.type('China');
    await eventually(async () => expect(await text(page.locator('#country-options li').first())).toContain('China'));
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await text(page.locator('.chip-list'))).toContain('China'));
    await page.keyboard.press('Escape');
    await Promise.all([page.waitForURL(/done=published/), page.keyboard.press('p')]);
    await eventually(async () => expect(await text(page.locator('.bench-status .badge'))).toBe('Published'));
    await eventually(async () => expect(await page.locator('#note-points').inputValue()).toBe('Pray for the pastors and their families'));

    // j/k walk the list the item was opened from.
    const before = page.url();
    await Promise.all([page.waitForURL((u) => u.toString() !== before), page.keyboard.press('k')]);
    await eventually(async () => expect(await text(page.locator('#item-title'))).not.toBe(title));

    // Back in the inbox: x checks the selected row, d dismisses the checked ones.
    await Promise.all([page.waitForURL(/\/inbox\?/), page.keyboard.press('u')]);
    const dismissed = (await rows.nth(0).locator('a.row-title').textContent())!.trim();
    await page.keyboard.press('x');
    expect(await rows.nth(0).locator('input[type=checkbox]').isChecked()).toBe(true);
    await Promise.all([page.waitForURL(/done=bulk-dismissed/), page.keyboard.press('d')]);
    await eventually(async () => expect(await text(page.locator('.tabs'))).toMatch(/Dismissed 1/));
    expect(await text(page.locator('#items'))).not.toContain(dismissed);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
