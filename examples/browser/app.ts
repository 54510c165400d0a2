/**
 * On-device use: the core bundle running in a web page, with the exposure state kept in
 * `localStorage`. Nothing about what the person watched leaves the device; a server would only
 * send ranked candidates and a recovery pool. `server.ts` bundles this file for the browser.
 *
 * The page renders a small demo feed. "Watch" records an impression and rebalances the next
 * page. `window.feedDemo` exposes the same steps to scripts (the browser test drives it).
 */
import {
  createRebalancer,
  explain,
  presets,
  RebalanceError,
  type Assessment,
  type Impression,
  type Item,
  type RebalanceResult,
  type UserState,
} from '../../src/index.js';

/** The `localStorage` key of the state. It holds the state only: no user id, no item ids. */
export const STATE_KEY = 'feed-rebalancer:state';

/** One page request, as a server would send it: ranked candidates and a recovery pool. */
export interface PageRequest {
  readonly candidates: readonly Item[];
  readonly recovery: readonly Item[];
  readonly at: number;
  readonly size: number;
}

/** What the page offers to scripts. */
export interface FeedDemo {
  /** Records impressions and stores the new state; returns the assessment after them. */
  watch(impressions: readonly Impression[]): Assessment;
  /** The assessment of the stored state at `at`. */
  assess(at: number): Assessment;
  /** Rebalances a page for the stored state and renders it. */
  nextPage(request: PageRequest): RebalanceResult;
  /** The stored state as the device keeps it, or `null`. */
  storedState(): string | null;
  /** Erases the stored state (erasure on the device). */
  forget(): void;
  /** Why the stored state was refused at load, or `null`. */
  readonly stateError: { readonly code: string; readonly path: string | undefined } | null;
}

declare global {
  interface Window {
    feedDemo?: FeedDemo;
  }
}

const rb = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.balanced,
});

/** A demo catalogue standing in for the server's ranking: ordinary and triggering items. */
const ORDINARY = ['cooking', 'music', 'football', 'travel', 'pets', 'comedy'];
function demoCandidates(page: number): Item[] {
  const items: Item[] = [];
  for (let i = 0; i < 20; i++) {
    const n = page * 20 + i;
    items.push(
      i % 2 === 0
        ? { id: `p${page}-${i}`, hashtags: ['#thinspo'], text: 'what I ate today' }
        : { id: `p${page}-${i}`, topics: [ORDINARY[n % ORDINARY.length]!] },
    );
  }
  return items;
}
const DEMO_RECOVERY: Item[] = [
  { id: 'story-1', topics: ['ed-recovery'], text: 'Recovery is possible: my story' },
  { id: 'story-2', topics: ['ed-recovery'], text: 'Talking to someone helped' },
  { id: 'story-3', topics: ['ed-recovery'], text: 'Where to find support' },
];

let state: UserState = rb.emptyState();
let stateError: FeedDemo['stateError'] = null;
const stored = localStorage.getItem(STATE_KEY);
if (stored !== null) {
  try {
    // Stored state is untrusted input: parseState validates it and never resets it silently.
    state = rb.parseState(stored);
  } catch (error) {
    if (!(error instanceof RebalanceError)) throw error;
    stateError = { code: error.code, path: error.path };
  }
}

function save(next: UserState): void {
  state = next;
  localStorage.setItem(STATE_KEY, rb.serializeState(next));
}

function requireUsableState(): void {
  if (stateError !== null)
    throw new Error(`the stored state was refused (${stateError.code}); forget it first`);
}

const feedList = document.getElementById('feed')!;
const explainText = document.getElementById('explain')!;
const status = document.getElementById('status')!;
let page = 0;

function showStatus(at: number): void {
  if (stateError !== null) {
    status.textContent = `The stored state was refused (${stateError.code} at ${stateError.path ?? 'the root'}); nothing was reset. Use "Forget my state" to start again.`;
    return;
  }
  const group = rb.assess(state, at).groups['eating-disorder'];
  status.textContent = `${state.impressions} impressions on this device; eating-disorder level: ${group?.level ?? 'none'}.`;
}

function render(out: RebalanceResult, request: PageRequest): void {
  feedList.replaceChildren();
  out.items.forEach((item, index) => {
    const slot = out.slots[index]!;
    const li = document.createElement('li');
    li.className = slot.source;
    li.dataset.id = item.id;
    li.textContent = `${item.id} ${item.text ?? (Array.isArray(item.topics) ? item.topics.join(', ') : (item.hashtags ?? []).join(' '))}`;
    if (slot.reasons.length > 0) {
      const reasons = document.createElement('span');
      reasons.className = 'reasons';
      reasons.textContent = ` (${slot.reasons.join(', ')})`;
      li.append(reasons);
    }
    const watch = document.createElement('button');
    watch.type = 'button';
    watch.textContent = 'Watch';
    watch.addEventListener('click', () => {
      const at = Date.now();
      demo.watch([{ item, at, dwellMs: 10_000 }]);
      page += 1;
      demo.nextPage({ ...request, candidates: demoCandidates(page), at });
    });
    li.append(watch);
    feedList.append(li);
  });
  explainText.textContent = explain(out);
  showStatus(request.at);
}

const demo: FeedDemo = {
  watch(impressions) {
    requireUsableState();
    save(rb.observe(state, impressions));
    return rb.assess(state);
  },
  assess(at) {
    requireUsableState();
    return rb.assess(state, at);
  },
  nextPage(request) {
    requireUsableState();
    const out = rb.rebalance({ ...request, state });
    render(out, request);
    return out;
  },
  storedState: () => localStorage.getItem(STATE_KEY),
  forget() {
    localStorage.removeItem(STATE_KEY);
    state = rb.emptyState();
    stateError = null;
    showStatus(Date.now());
  },
  get stateError() {
    return stateError;
  },
};

document.getElementById('forget')!.addEventListener('click', () => {
  demo.forget();
});

if (stateError === null)
  demo.nextPage({
    candidates: demoCandidates(page),
    recovery: DEMO_RECOVERY,
    at: Date.now(),
    size: 10,
  });
else showStatus(Date.now());
window.feedDemo = demo;
document.documentElement.dataset.ready = 'true';
