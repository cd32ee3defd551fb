// No screen scrolls the app shell: every screen is scrolled to its end with
// the mouse wheel, and the header and sidebar stay where they were (issue 15:
// the customer page slid the whole window away, leaving a grey band).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browser, start, stop, setLanguage, openVehicle, openInventory, typeInto, waitAllRowsMatch, screenReady, $t, $$t } from './harness.mjs';

before(async () => {
  await start();
  await setLanguage('ko');
});

after(async () => {
  await stop();
});

/** Where the shell is, read in the page. */
async function shellState() {
  return browser.execute(() => {
    const rect = (sel) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      return r ? { top: Math.round(r.top), left: Math.round(r.left), height: Math.round(r.height) } : null;
    };
    const main = document.querySelector('main.main');
    return {
      pageHeight: document.scrollingElement?.scrollHeight ?? 0,
      viewHeight: window.innerHeight,
      mainTop: main ? Math.round(main.scrollTop) : 0,
      mainScrollable: main ? main.scrollHeight > main.clientHeight + 1 : false,
      scrollTop: document.scrollingElement?.scrollTop ?? 0,
      scrollLeft: document.scrollingElement?.scrollLeft ?? 0,
      header: rect('.app-header'),
      sidebar: rect('.sidebar'),
    };
  });
}

/** Scrolls with the wheel over the content pane until it is at its end (and then some), then over the sidebar. */
async function wheelToEnd() {
  const main = await browser.$('main.main');
  for (let i = 0; i < 12; i++) {
    await browser.action('wheel').scroll({ origin: main, deltaY: 1200, duration: 50 }).perform();
    const done = await browser.execute(() => {
      const m = document.querySelector('main.main');
      return !m || m.scrollTop + m.clientHeight >= m.scrollHeight - 1;
    });
    // Past the end too: that is when the wheel used to reach the window.
    if (done && i >= 2) break;
  }
  // A wheel over the sidebar or header scrolls whatever can scroll there: only the window.
  await browser.action('wheel').scroll({ origin: await browser.$('.sidebar'), deltaY: 1200, duration: 50 }).perform();
  await scrollSettled();
}

/** Waits until neither the window nor the content pane moves between two frames. */
async function scrollSettled() {
  await browser.waitUntil(
    () =>
      browser.executeAsync((done) => {
        const at = () => [document.scrollingElement?.scrollTop ?? 0, document.querySelector('main.main')?.scrollTop ?? 0].join();
        const first = at();
        requestAnimationFrame(() => requestAnimationFrame(() => done(at() === first)));
      }),
    { timeout: 5000, timeoutMsg: 'the scrolling never settled' },
  );
}

async function checkScreen(name, open) {
  await open();
  await screenReady();
  await scrollSettled();
  const before = await shellState();
  assert.ok(before.header && before.sidebar, `${name}: the shell is on screen`);
  await wheelToEnd();
  const after = await shellState();
  console.log(`${name}: page ${after.pageHeight}/${after.viewHeight} px, pane scrolled to ${after.mainTop}, window to ${after.scrollTop}`);
  // The wheel really scrolled the pane (else this check proves nothing).
  if (before.mainScrollable) assert.ok(after.mainTop > 0, `${name}: the wheel did not scroll the content pane`);
  // The page is never taller than the window (issue 15: the customer page
  // made it 650 px taller, the grey band the window scrolled into).
  assert.ok(after.pageHeight <= after.viewHeight, `${name}: the page is ${after.pageHeight - after.viewHeight}px taller than the window`);
  assert.equal(after.scrollTop, 0, `${name}: the window itself scrolled by ${after.scrollTop}px`);
  assert.equal(after.scrollLeft, 0, `${name}: the window scrolled sideways`);
  assert.deepEqual(after.header, before.header, `${name}: the header moved`);
  assert.deepEqual(after.sidebar, before.sidebar, `${name}: the sidebar moved`);
}

const nav = (s) => async () => {
  await (await $t(`nav-${s}`)).waitForClickable({ timeout: 20000 });
  await (await $t(`nav-${s}`)).click();
};

test('no screen scrolls the app shell, whatever is scrolled with the wheel', async () => {
  const sections = await browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid^="nav-"]'))
      .filter((b) => !b.disabled)
      .map((b) => b.getAttribute('data-testid').slice(4)),
  );
  assert.ok(sections.length >= 8, `the sidebar lists the sections (${sections})`);
  for (const s of sections) await checkScreen(s, nav(s));

  await checkScreen('customer page', async () => {
    await nav('customers')();
    await browser.waitUntil(async () => (await $$t('customer-row')).length > 0, { timeout: 10000 });
    // The Seoul customer: the longest page (matches, shortlist, log).
    const rows = await $$t('customer-row');
    let opened = false;
    for (const r of rows) {
      if (/이준혁/.test(await r.getText())) {
        await (await r.$('td')).click();
        opened = true;
        break;
      }
    }
    if (!opened) await (await rows[0].$('td')).click();
    await (await $t('customer-title')).waitForDisplayed({ timeout: 10000 });
  });

  await checkScreen('vehicle page', async () => {
    await openVehicle('SM520');
  });

  await checkScreen('condition editor', async () => {
    await openVehicle('SM520');
    const edit = await $t('condition-edit');
    if (await edit.isExisting()) {
      await edit.scrollIntoView({ block: 'center' });
      await edit.click();
      await (await $t('condition-form')).waitForDisplayed({ timeout: 10000 });
    }
  });
});

/** Left edges of the inventory's column heads. */
async function columnEdges() {
  return browser.execute(() => Array.from(document.querySelectorAll('[data-testid="vehicle-table"] thead th')).map((th) => Math.round(th.getBoundingClientRect().left)));
}

test('the inventory columns stay put between the full list and search results', async () => {
  await openInventory();
  const full = await columnEdges();
  await typeInto(await $t('inventory-search'), 'K5');
  await waitAllRowsMatch(/K5/);
  const found = await columnEdges();
  assert.deepEqual(found, full, 'the columns moved');
  await typeInto(await $t('inventory-search'), '');
});

test("the photo viewer's part select reads as a control, its label on one line", async () => {
  await openVehicle('그랜저');
  await (await $t('gallery')).scrollIntoView({ block: 'start' });
  await browser.waitUntil(async () => (await $$t('photo-tile')).length > 0, { timeout: 10000, timeoutMsg: 'no photos' });
  await browser.waitUntil(
    async () => {
      await browser.execute(() => document.querySelector('[data-testid="photo-open"]')?.click());
      return (await $t('photo-viewer')).isDisplayed();
    },
    { timeout: 10000, timeoutMsg: 'the viewer never opened' },
  );
  const look = await browser.execute(() => {
    const select = document.querySelector('[data-testid="photo-part-select"]');
    const label = select?.closest('.viewer-part')?.querySelector('label');
    const rgb = (c) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const s = getComputedStyle(select);
    const [a, b] = [lum(rgb(s.color)), lum(rgb(s.backgroundColor))];
    const lineHeight = parseFloat(getComputedStyle(label).lineHeight) || 20;
    return { contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), labelLines: Math.round(label.getBoundingClientRect().height / lineHeight) };
  });
  assert.ok(look.contrast >= 7, `the select's text is faint (contrast ${look.contrast.toFixed(1)}:1)`);
  assert.equal(look.labelLines, 1, 'the label wraps');
  await browser.keys('Escape');
});
