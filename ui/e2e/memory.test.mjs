// How much the WebKit web process holds while a dealer works and after he
// stops: a benchmark that prints its figures (issue 15), not a timed test.
// 10 cars' galleries with the viewer, then 3 email previews, then 30 s idle.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { browser, start, stop, setLanguage, openInventory, typeInto, $t, $$t, appPid, startTime } from './harness.mjs';

before(async () => {
  await start();
  await setLanguage('ko');
});

after(async () => {
  await stop();
});

/**
 * Resident memory of our app's WebKit web process (where pages, images and
 * scripts live), in MB: only the children of our app, not other WebKit
 * processes on the machine. `anon` is the process's own memory; `file` the
 * pages of the libraries and fonts it maps (WebKit, JavaScriptCore, the GL
 * driver, ~185 MB), shared with the app and every other WebKit program.
 */
function webProcessMb() {
  const app = appPid();
  if (!app) return { total: 0, anon: 0, file: 0 };
  const parent = new Map();
  const webProcesses = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      parent.set(pid, readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('WebKitWebProcess')) webProcesses.push(pid);
    } catch {
      // the process ended between listing and reading
    }
  }
  // Ours: the app is among its ancestors (directly, or through a sandbox launcher).
  const ours = (pid) => {
    for (let p = parent.get(pid), n = 0; p && n < 8; p = parent.get(p), n++) if (p === app.pid) return true;
    return false;
  };
  const kb = { total: 0, anon: 0, file: 0 };
  for (const pid of webProcesses.filter(ours)) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      kb.total += field('VmRSS');
      kb.anon += field('RssAnon');
      kb.file += field('RssFile');
    } catch {
      // gone
    }
  }
  return { total: kb.total / 1024, anon: kb.anon / 1024, file: kb.file / 1024 };
}

const figures = [];
function note(what) {
  const { total, anon, file } = webProcessMb();
  figures.push([what, total]);
  console.log(`web process: ${total.toFixed(0)} MB (own ${anon.toFixed(0)}, libraries ${file.toFixed(0)})  ${what}`);
  return total;
}

async function imagesOnScreenLoaded() {
  return browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="photo-tile"] img'))
      .filter((img) => {
        const r = img.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight;
      })
      .every((img) => img.complete && img.naturalWidth > 0),
  );
}

/** Opens the n-th car of the inventory, scrolls its gallery, looks at 4 photos in the viewer. */
async function browseCar(n) {
  await openInventory();
  // Cars with photos (a journey before may have added one without).
  const withPhotos = await browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="vehicle-row"]')).flatMap((r, i) => (r.querySelector('img') ? [i] : [])),
  );
  const rows = await $$t('vehicle-row');
  const row = rows[withPhotos[n % withPhotos.length]];
  await row.scrollIntoView({ block: 'center' });
  await (await row.$('td')).click();
  await (await $t('vehicle-detail')).waitForDisplayed({ timeout: 10000 });
  const gallery = await $t('gallery');
  await gallery.scrollIntoView({ block: 'start' });
  await browser.waitUntil(async () => (await $$t('photo-tile')).length > 0, { timeout: 10000, timeoutMsg: 'no photos' });
  await browser.waitUntil(imagesOnScreenLoaded, { timeout: 10000, timeoutMsg: 'thumbnails never loaded' });
  // The tile's open button shows on hover; a click in the page is what a person's click does.
  await browser.waitUntil(
    async () => {
      await browser.execute(() => document.querySelector('[data-testid="photo-open"]')?.click());
      return (await $t('photo-viewer')).isDisplayed();
    },
    { timeout: 10000, timeoutMsg: 'the viewer never opened' },
  );
  for (let i = 0; i < 4; i++) {
    await browser.waitUntil(
      async () =>
        browser.execute(() => {
          const img = document.querySelector('[data-testid="photo-viewer-image"]');
          return !!img && img.complete && img.naturalWidth > 0;
        }),
      { timeout: 10000, timeoutMsg: 'the viewer never showed its photo' },
    );
    await browser.keys('ArrowRight');
  }
  await browser.keys('Escape');
  await (await $t('photo-viewer')).waitForDisplayed({ reverse: true, timeout: 5000 });
}

/** The Seoul customer's shortlist, composed and previewed (the real email in a frame). */
async function previewEmail() {
  await (await $t('nav-customers')).click();
  await typeInto(await $t('customer-search'), '이준혁');
  await browser.waitUntil(async () => (await $$t('customer-row')).length === 1, { timeout: 10000 });
  await (await (await $$t('customer-row'))[0].$('td')).click();
  const open = await $t('open-shortlist');
  await open.waitForExist({ timeout: 10000 });
  await open.scrollIntoView({ block: 'center' });
  await open.click();
  const preview = await $t('mail-preview');
  await preview.waitForExist({ timeout: 30000 });
  await browser.waitUntil(async () => !(await (await $t('composer-busy')).isExisting()), { timeout: 30000 });
  await preview.scrollIntoView({ block: 'start' });
  await browser.switchToFrame(preview);
  // Scroll through the email as a reader does, so its images are shown.
  const height = await browser.execute(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 600) {
    await browser.execute((top) => window.scrollTo(0, top), y);
    await sleep(80);
  }
  await browser.switchToParentFrame();
}

test('the web process after 10 galleries, the viewer and 3 email previews, then idle', async () => {
  await (await $t('nav-today')).waitForClickable({ timeout: 20000 });
  const start = await startTime();
  if (start) console.log(`start to painted Today: ${start.line} (${process.env.LOTBOOK_APP})`);
  await sleep(3000);
  const atStart = note('after start (Today painted, 3 s)');
  assert.ok(atStart > 0, 'found the web process');
  for (let n = 0; n < 10; n++) await browseCar(n * 3);
  note('after 10 cars: gallery + 4 photos in the viewer each');
  for (let n = 0; n < 3; n++) await previewEmail();
  note('after 3 email previews');
  await (await $t('nav-today')).click();
  const peak = Math.max(...figures.map(([, mb]) => mb));
  for (let s = 5; s <= 30; s += 5) {
    await sleep(5000);
    note(`idle on Today, ${s} s`);
  }
  console.log(`web process: peak ${peak.toFixed(0)} MB (goal < 350), after 30 s idle ${figures.at(-1)[1].toFixed(0)} MB (goal < 300)`);
});
