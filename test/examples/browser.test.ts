import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startExampleServer, type ExampleServer } from '../../examples/browser/server.js';
import type { FeedDemo, PageRequest } from '../../examples/browser/app.js';
import { createRebalancer, presets, type Impression, type Item } from '../../src/index.js';

const STATE_KEY = 'feed-rebalancer:state';

/** Twelve thinspiration videos watched for about ten seconds each, fifteen seconds apart. */
const START = Date.UTC(2026, 0, 1, 20);
const WATCHED: Impression[] = Array.from({ length: 12 }, (_, i) => ({
  item: { id: `seen-${i}`, hashtags: ['#thinspo'] },
  at: START + i * 15_000,
  dwellMs: 10_000,
}));
const AT = START + 12 * 15_000;
const REQUEST: PageRequest = {
  candidates: Array.from({ length: 16 }, (_, i): Item => ({
    id: `c${i}`,
    ...(i % 2 === 0 ? { hashtags: ['#proana'] } : { topics: ['cooking'] }),
  })),
  recovery: [
    { id: 'r1', topics: ['ed-recovery'] },
    { id: 'r2', topics: ['ed-recovery'] },
  ],
  at: AT,
  size: 10,
};

/**
 * A result or assessment as plain JSON, with each group's `exposure` taken out and returned
 * apart. Exposure decays with `Math.pow`, which ECMA-262 leaves implementation-approximated, so
 * Chromium's V8 and Node's may differ in its last bit; every decision (levels, slots, drops) is
 * made without it and must be identical.
 */
function splitExposure(value: unknown): { exact: unknown; exposure: number[] } {
  const exposure: number[] = [];
  const exact: unknown = JSON.parse(JSON.stringify(value), (key, v: unknown) => {
    if (key === 'exposure' && typeof v === 'number') {
      exposure.push(v);
      return 'checked apart';
    }
    return v;
  });
  return { exact, exposure };
}

function expectSameResult(actual: unknown, expected: unknown): void {
  const a = splitExposure(actual);
  const e = splitExposure(expected);
  expect(a.exact).toEqual(e.exact);
  expect(a.exposure).toHaveLength(e.exposure.length);
  for (let i = 0; i < a.exposure.length; i++)
    expect(Math.abs(a.exposure[i]! - e.exposure[i]!)).toBeLessThanOrEqual(1e-12);
}

interface Watched {
  readonly problems: string[];
  readonly requests: string[];
  readonly refused: string[];
}

/** A fresh context (its own localStorage) that records console errors and every request. */
async function openContext(browser: Browser, origin: string): Promise<[BrowserContext, Watched]> {
  const context = await browser.newContext();
  const watched: Watched = { problems: [], requests: [], refused: [] };
  // Anything not addressed to the example server is refused before it leaves the browser.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) await route.continue();
    else {
      watched.refused.push(url);
      await route.abort();
    }
  });
  context.on('request', (r) => watched.requests.push(r.url()));
  context.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') watched.problems.push(m.text());
  });
  return [context, watched];
}

async function load(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('html[data-ready="true"]', { timeout: 10_000 });
}

describe('examples/browser: the core bundle in headless Chromium with state in localStorage', () => {
  let server: ExampleServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startExampleServer(0);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads the page and its bundled script from 127.0.0.1 only and renders a rebalanced first page', async () => {
    const [context, watched] = await openContext(browser, server.url);
    const page = await context.newPage();
    page.on('pageerror', (e) => watched.problems.push(`pageerror: ${e.message}`));
    await load(page, server.url);

    expect(await page.locator('#feed li').count()).toBe(10);
    expect(await page.locator('#status').textContent()).toContain('0 impressions on this device');
    expect(watched.problems).toEqual([]);
    expect(watched.refused).toEqual([]);
    expect(watched.requests.every((url) => new URL(url).hostname === '127.0.0.1')).toBe(true);
    // The page and its one script; a browser may also ask the same server for its icon.
    const paths = new Set(watched.requests.map((url) => new URL(url).pathname));
    paths.delete('/favicon.ico');
    expect([...paths].sort()).toEqual(['/', '/app.js']);
    await context.close();
  });

  it('observe, assess and rebalance in the page give the same result as in Node, with the cap and recovery cadence of the balanced preset', async () => {
    const [context, watched] = await openContext(browser, server.url);
    const page = await context.newPage();
    await load(page, server.url);

    const inPage = await page.evaluate(
      ({ impressions, request, at }) => {
        const demo = window.feedDemo as FeedDemo;
        demo.watch(impressions);
        const assessment = demo.assess(at);
        const out = demo.nextPage(request);
        const rendered = Array.from(document.querySelectorAll('#feed li')).map(
          (li) => (li as HTMLElement).dataset.id,
        );
        return { assessment, out, rendered };
      },
      { impressions: WATCHED, request: REQUEST, at: AT },
    );

    const rb = createRebalancer({
      taxonomy: presets.taxonomies.default,
      policy: presets.policies.balanced,
    });
    const state = rb.observe(rb.emptyState(), WATCHED);
    const expected = rb.rebalance({ ...REQUEST, state });
    expectSameResult(inPage.assessment, rb.assess(state, AT));
    expect(inPage.assessment.groups['eating-disorder']?.level).toBe('sustained');
    expectSameResult(inPage.out, expected);
    expect(inPage.rendered).toEqual(expected.items.map((item) => item.id));

    // balanced at `sustained`: at most 1 eating-disorder item in any 6 slots, recovery every 5th.
    const triggering = inPage.out.items.map(
      (item) => (rb.classify(item).triggering['eating-disorder'] ?? 0) >= 0.5,
    );
    for (let start = 0; start + 6 <= triggering.length; start++)
      expect(triggering.slice(start, start + 6).filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(inPage.out.slots.map((slot) => slot.source)[4]).toBe('recovery');
    expect(inPage.out.slots.map((slot) => slot.source)[9]).toBe('recovery');
    expect(watched.refused).toEqual([]);
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it('keeps the state in localStorage across a reload without ids, refuses a tampered state instead of resetting it, and forgets on request', async () => {
    const [context, watched] = await openContext(browser, server.url);
    const page = await context.newPage();
    await load(page, server.url);
    await page.evaluate((impressions) => {
      (window.feedDemo as FeedDemo).watch(impressions);
    }, WATCHED);

    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    const after = await page.evaluate((at) => {
      const demo = window.feedDemo as FeedDemo;
      return { assessment: demo.assess(at), stored: demo.storedState() };
    }, AT);
    expect(after.assessment.impressions).toBe(12);
    expect(after.assessment.groups['eating-disorder']?.level).toBe('sustained');
    expect(after.stored).not.toBeNull();
    const stored = after.stored!;
    expect(stored).not.toContain('seen-');
    expect(stored).not.toContain('thinspo');

    // Lower the stored level by hand: the page must refuse the state, not start from empty.
    const tampered = stored.replace('"level":"sustained"', '"level":"calm"');
    expect(tampered).not.toBe(stored);
    await page.evaluate(
      ([key, value]) => {
        localStorage.setItem(key!, value!);
      },
      [STATE_KEY, tampered],
    );
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    const refused = await page.evaluate(() => {
      const demo = window.feedDemo as FeedDemo;
      let watchError = '';
      try {
        demo.watch([]);
      } catch (error) {
        watchError = String(error);
      }
      return { stateError: demo.stateError, stored: demo.storedState(), watchError };
    });
    expect(refused.stateError?.code).toBe('state');
    expect(refused.stateError?.path).toMatch(/level$/);
    expect(refused.stored).toBe(tampered);
    expect(refused.watchError).toContain('refused');
    expect(await page.locator('#status').textContent()).toContain('nothing was reset');

    await page.click('#forget');
    expect(await page.evaluate(() => (window.feedDemo as FeedDemo).storedState())).toBeNull();
    expect(watched.refused).toEqual([]);
    await context.close();
  });
});
