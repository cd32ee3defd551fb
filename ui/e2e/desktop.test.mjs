// Desktop conventions (issue 17, item 6) and the first run (item 7): one
// window per data folder (a second launch brings the first forward and
// exits), the window's size remembered across a restart, diagnostics for
// support, and a fresh folder's welcome → start empty → an empty inventory
// with "me" set.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { $t, $$t, appPids, browser, shot, start, stop, typeInto, readLogs } from './harness.mjs';

const CLI = process.env.LOTBOOK_CLI;
const APP = process.env.LOTBOOK_APP;
assert.ok(CLI, 'LOTBOOK_CLI must point at the built lotbook CLI');

const work = mkdtempSync(join(tmpdir(), 'lotbook-desktop-e2e-'));
const appDir = join(work, 'app');
const logDir = join(work, 'logs');
const env = { LOTBOOK_LOG_DIR: logDir };

const logText = () => readLogs(logDir);

before(async () => {
  execFileSync(CLI, ['--data-dir', appDir, 'demo', '--no-photos']);
  await start(appDir, env);
  await (await $t('nav-inventory')).waitForDisplayed({ timeout: 20000 });
});
after(async () => {
  await stop();
  rmSync(work, { recursive: true, force: true });
});

/** The app processes started on `dataDir` (by a relaunch, not by the driver): their environment says. */
function appsOn(dataDir) {
  return appPids().filter((pid) => {
    try {
      const vars = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      return vars.includes(`LOTBOOK_DATA_DIR=${dataDir}`);
    } catch {
      return false;
    }
  });
}

const vehicleCount = (dataDir) =>
  JSON.parse(execFileSync(CLI, ['--data-dir', dataDir, 'vehicles', 'list', '--json'], { encoding: 'utf8' })).total;

/** Starts the app binary directly (as a double-click does) and waits for it to end. */
function launchAgain(dataDir) {
  return new Promise((resolve, reject) => {
    const child = spawn(APP, [], { env: { ...process.env, ...env, LOTBOOK_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the second launch did not exit: ${out}`));
    }, 20000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

test('a second launch on the same data folder brings the first window forward and exits', async () => {
  const { code, out } = await launchAgain(appDir);
  assert.equal(code, 0, out);
  assert.match(out, /already open/);
  await browser.waitUntil(async () => /second launch/.test(logText()), {
    timeout: 5000,
    timeoutMsg: 'the first app never heard the second launch',
  });
  // The first window is still there, focused and answering.
  assert.ok(await browser.execute(() => document.hasFocus()), 'the first window has the focus');
  await (await $t('nav-inventory')).click();
  await (await $t('inventory-search')).waitForDisplayed({ timeout: 10000 });
});

test('the window opens at the size it was left at', async () => {
  await browser.setWindowSize(1100, 700);
  await browser.waitUntil(async () => (await browser.execute(() => window.innerWidth)) < 1200, {
    timeout: 5000,
    timeoutMsg: 'the window never took its new size',
  });
  const before = await browser.execute(() => [window.innerWidth, window.innerHeight]);
  // The place is written once the window is still for a moment.
  const saved = () => {
    try {
      return JSON.parse(readFileSync(join(appDir, 'window.json'), 'utf8'));
    } catch {
      return null;
    }
  };
  const scale = await browser.execute(() => window.devicePixelRatio || 1);
  await browser.waitUntil(
    async () => {
      const s = saved();
      return s !== null && s.width === Math.round(before[0] * scale) && s.height === Math.round(before[1] * scale);
    },
    { timeout: 5000, timeoutMsg: `window.json never held the new size (${JSON.stringify(saved())})` },
  );
  await stop();
  await start(appDir, env);
  await (await $t('nav-inventory')).waitForDisplayed({ timeout: 20000 });
  const after = await browser.execute(() => [window.innerWidth, window.innerHeight]);
  assert.deepEqual(after, before, 'same size after a restart');
  assert.ok(after[0] < 1280, `not the default width (${after[0]})`);
});

test('diagnostics hold the version, the data folder and the log folder', async () => {
  await (await $t('nav-settings')).click();
  const copy = await $t('diagnostics-copy');
  await copy.scrollIntoView();
  await copy.click();
  const text = await $t('diagnostics-text');
  await text.waitForDisplayed({ timeout: 5000 });
  const got = await text.getText();
  assert.match(got, /^Lotbook \d+\.\d+\.\d+/);
  assert.ok(got.includes(appDir) && got.includes(logDir), got);
  assert.match(got, /최근 오류/);
});

test('first run: the welcome, then start empty → an empty inventory and "me" set', async () => {
  const fresh = join(work, 'fresh');
  await stop();
  await start(fresh, env);
  const welcome = await $t('welcome');
  await welcome.waitForDisplayed({ timeout: 20000 });
  assert.equal((await $$t('nav-inventory')).length, 0, 'the app waits behind the welcome');
  await typeInto(await $t('welcome-name'), '김민수');
  await typeInto(await $t('welcome-phone'), '010-1234-5678');
  await typeInto(await $t('welcome-email'), 'minsu@example.kr');
  await typeInto(await $t('welcome-team'), '대전모터스');
  await shot('first-run-ko');
  await (await $t('welcome-empty')).click();
  await (await $t('inventory-empty')).waitForDisplayed({ timeout: 10000 });
  assert.equal((await $$t('vehicle-row')).length, 0);
  await browser.waitUntil(async () => (await (await $t('me-name')).getText()).includes('김민수'), {
    timeout: 5000,
    timeoutMsg: '"me" never showed in the header',
  });
  // The welcome is done for good: a restart opens the app.
  await stop();
  await start(fresh, env);
  await (await $t('nav-inventory')).waitForDisplayed({ timeout: 20000 });
  assert.equal((await $$t('welcome')).length, 0);
});

test('first run: look around with sample data → its own folder, marked as sample, and back to the real one', async () => {
  const real = join(work, 'real');
  const sample = `${real}-sample`;
  await stop();
  await start(real, env);
  await (await $t('welcome')).waitForDisplayed({ timeout: 20000 });
  await (await $t('welcome-sample')).click();
  // The app fills the sample folder, starts itself again on it and quits.
  await browser.waitUntil(async () => appsOn(sample).length > 0, {
    timeout: 90000,
    interval: 500,
    timeoutMsg: 'no app was started on the sample folder',
  });
  await stop();
  assert.ok(vehicleCount(sample) > 0, 'the sample folder holds the demo team');
  assert.equal(vehicleCount(real), 0, 'nothing of the sample is mixed into the real folder');

  // The sample app says on every screen that it is the sample, and goes back.
  await start(sample, { ...env, LOTBOOK_RETURN_DIR: real });
  const banner = await $t('sample-banner');
  await banner.waitForDisplayed({ timeout: 20000 });
  assert.match(await banner.getText(), /예시 자료/);
  await (await $t('nav-inventory')).click();
  await (await $t('vehicle-row')).waitForDisplayed({ timeout: 10000 });
  // The sample has the demo's drawn photos: the list shows them.
  await browser.waitUntil(
    () =>
      browser.execute(() => {
        const imgs = Array.from(document.querySelectorAll('[data-testid="vehicle-row"] img'));
        return imgs.length > 0 && imgs.slice(0, 5).every((img) => img.complete && img.naturalWidth > 0);
      }),
    { timeout: 15000, timeoutMsg: 'the sample cars show no photos' },
  );
  await shot('first-run-sample-ko');
  // The app quits as the click lands: click a moment after the script returns, so the driver is not left
  // waiting for an answer from a window that is gone.
  await browser.execute(() => {
    setTimeout(() => document.querySelector('[data-testid="leave-sample"]').click(), 300);
  });
  await browser.waitUntil(async () => appsOn(real).length > 0, {
    timeout: 30000,
    interval: 500,
    timeoutMsg: 'leaving the sample did not start the app on the real folder',
  });
  for (const pid of appsOn(real)) {
    const vars = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    assert.ok(!vars.some((v) => v.startsWith('LOTBOOK_RETURN_DIR=') && v.length > 19), 'the real app is no sample');
  }
  await stop();
});

test('after a crash the next start says so once, calmly', async () => {
  await stop();
  // What the panic hook leaves when the main thread panics (logging.rs).
  mkdirSync(logDir, { recursive: true });
  writeFileSync(join(logDir, 'last-crash.txt'), '2026-12-06 10:00:00 panic at src/lib.rs:1: test\n');
  await start(appDir, env);
  const notice = await $t('crash-notice');
  await notice.waitForDisplayed({ timeout: 20000 });
  assert.match(await notice.getText(), /예기치 않게 닫혔습니다/);
  await (await $t('crash-notice-close')).click();
  await browser.waitUntil(async () => (await $$t('crash-notice')).length === 0, { timeout: 5000, timeoutMsg: 'the notice stayed' });
  assert.ok(!existsSync(join(logDir, 'last-crash.txt')), 'the note is read once');
  assert.match(logText(), /the last run ended with a crash/);
});
