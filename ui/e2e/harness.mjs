// Shared by the e2e journeys: starting the real desktop app through
// tauri-driver (one driver per app start), finding elements by data-testid,
// typing as a person does, screenshots. Run through scripts/e2e.sh.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { remote, Key } from 'webdriverio';

const APP = process.env.LOTBOOK_APP;
const SHOTS = process.env.LOTBOOK_SCREENSHOTS;
const PORT = Number(process.env.TAURI_DRIVER_PORT ?? 4444);
const DRIVER_LOG = process.env.TAURI_DRIVER_LOG;
assert.ok(APP, 'LOTBOOK_APP must point at the built desktop binary');
assert.ok(process.env.LOTBOOK_DATA_DIR, 'LOTBOOK_DATA_DIR must be a demo-filled data dir');

export let browser;
let driver;

function portOpen() {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: PORT }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

// tauri-driver does not survive the end of a session cleanly, so each app
// start gets a driver of its own.
async function startDriver(dataDir, env) {
  driver = spawn('tauri-driver', ['--port', String(PORT), '--native-port', String(PORT + 1000)], {
    stdio: ['ignore', 'ignore', DRIVER_LOG ? 'inherit' : 'ignore'],
    // The app inherits its environment from the driver.
    env: { ...process.env, ...(dataDir ? { LOTBOOK_DATA_DIR: dataDir } : {}), ...env },
  });
  for (let i = 0; i < 100 && !(await portOpen()); i++) await sleep(100);
}

async function stopDriver() {
  if (!driver) return;
  const exited = new Promise((resolve) => driver.once('exit', resolve));
  driver.kill('SIGTERM');
  await Promise.race([exited, sleep(3000)]);
  driver = undefined;
  for (let i = 0; i < 50 && (await portOpen()); i++) await sleep(100);
}

/** Every line the app's log files in `dir` hold so far ('' before it wrote any). */
export function readLogs(dir) {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.log'))
        .map((f) => readFileSync(join(dir, f), 'utf8'))
        .join('')
    : '';
}

/** Starts the app (on `dataDir`, else the demo), with `env` added to its environment (e.g. another TZ or LANG). */
export async function start(dataDir, env = {}) {
  await startDriver(dataDir, env);
  browser = await remote({
    hostname: '127.0.0.1',
    port: PORT,
    logLevel: 'warn',
    connectionRetryCount: 2,
    capabilities: {
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application: APP },
    },
  });
  await browser.setTimeout({ implicit: 0 });
}

/** Our app's processes (this build's binary), from /proc. */
export function appPids() {
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv0 = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0')[0];
      if (argv0 === APP) pids.push(Number(name));
    } catch {
      // Gone while we looked.
    }
  }
  return pids;
}

/** Our app's process (the binary under test), newest first if several. */
export function appPid() {
  let best = null;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] !== APP) continue;
      const start = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[19]);
      if (!best || start > best.start) best = { pid, start };
    } catch {
      // gone
    }
  }
  return best;
}

/**
 * Epoch ms our app's process started, from /proc: its start ticks (100 Hz)
 * since boot, plus the boot time as now minus the uptime. (`btime` in
 * /proc/stat is truncated to whole seconds: it put starts up to 1 s early.)
 */
function appStartedAt() {
  const app = appPid();
  if (!app) return null;
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  return Date.now() - uptime * 1000 + app.start * 10;
}

/**
 * Start to painted Today, in seconds, and where the time went: until the
 * page began loading (the shell's set-up, the window, WebKit starting its
 * web process), until the script ran, until Today's data was on screen
 * (`window.__lotbookTodayPainted`, ui/src/paintMark.ts). Null when the app
 * never painted Today.
 */
export async function startTime() {
  await (await $t('nav-today')).waitForClickable({ timeout: 20000 });
  const painted = await browser
    .waitUntil(() => browser.execute(() => window.__lotbookTodayPainted ?? false), { timeout: 20000 })
    .catch(() => null);
  const started = appStartedAt();
  if (!started || !painted) return null;
  const [page, script] = await browser.execute(() => [performance.timeOrigin, window.__lotbookScriptStart ?? null]);
  const total = (painted - started) / 1000;
  const pageAt = (page - started) / 1000;
  const scriptAt = script ? (script - started) / 1000 : null;
  const s = (x) => `${x.toFixed(2)} s`;
  const line = `${s(total)} (page load began ${s(pageAt)}, script ran ${scriptAt === null ? '?' : s(scriptAt)})`;
  return { total, page: pageAt, script: scriptAt, line };
}

export async function stop() {
  try {
    if (browser) await browser.deleteSession();
  } catch {
    // The app is gone either way; the driver is replaced below.
  }
  browser = undefined;
  await stopDriver();
  // The next start on the same data folder must not meet this app on its
  // way out: one window per folder would hand the start to it.
  for (let i = 0; i < 100 && appPids().length > 0; i++) await sleep(100);
  for (const pid of appPids()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Clears a field the way a person does, so React sees the change. */
export async function typeInto(el, text) {
  await el.click();
  await browser.keys([Key.Ctrl, 'a']);
  await browser.keys(Key.Backspace);
  if (text) await el.addValue(text);
}

export const $t = (id) => browser.$(`[data-testid="${id}"]`);
export const $$t = (id) => browser.$$(`[data-testid="${id}"]`);

/**
 * Waits until the screen shows its data: the section `nav` (if given) is the
 * current one, nothing is being read (`main[data-ready]`, set by App) and no
 * loading placeholder is left.
 */
export async function screenReady(nav) {
  await browser.waitUntil(
    () =>
      browser.execute((id) => {
        const main = document.querySelector('main.main');
        const current = !id || document.querySelector(`[data-testid="nav-${id}"]`)?.getAttribute('aria-current') === 'page';
        return current && main?.dataset.ready === 'true' && !main.querySelector('[data-testid="loading"]');
      }, nav ?? null),
    { timeout: 20000, timeoutMsg: `${nav ?? 'the screen'} never finished loading` },
  );
}

export async function shot(name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  // Let the last render reach the screen: WebKit snapshots what was painted.
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  const file = join(SHOTS, `${name}.png`);
  if (process.env.LOTBOOK_E2E_WEBDRIVER_SHOTS === '1') {
    await browser.saveScreenshot(file);
    return;
  }
  // The X server's own picture of the window, as the dealer sees it. The app
  // paints without accelerated compositing (src-tauri/src/webview.rs), and
  // WebKitWebDriver's snapshot of some screens then never answers.
  const { x, y, width, height } = await browser.getWindowRect();
  const png = execFileSync(
    'sh',
    [
      '-c',
      'xwd -root -silent | xwdtopnm 2>/dev/null | pamcut -left "$1" -top "$2" -width "$3" -height "$4" | pnmtopng 2>/dev/null',
      'shot',
      String(Math.max(0, x)),
      String(Math.max(0, y)),
      String(width),
      String(height),
    ],
    { maxBuffer: 64 << 20 },
  );
  writeFileSync(file, png);
}

export async function rowCount() {
  return (await $$t('vehicle-row')).length;
}

/** The rows' texts, read in one go inside the page so a re-render cannot split them. */
export async function rowTexts() {
  return browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="vehicle-row"]')).map((e) => e.innerText),
  );
}

/** Waits until there are rows and every one matches `re` (search-as-you-type settles). */
export async function waitAllRowsMatch(re) {
  await browser.waitUntil(
    async () => {
      const texts = await rowTexts();
      return texts.length > 0 && texts.every((t) => re.test(t));
    },
    { timeout: 10000, timeoutMsg: `inventory rows never all matched ${re}` },
  );
}

/** Waits until the inventory list shows `predicate(count)` rows. */
export async function waitRows(predicate, what) {
  await browser.waitUntil(async () => predicate(await rowCount()), { timeout: 10000, timeoutMsg: `inventory rows never ${what}` });
}

export async function openInventory() {
  await (await $t('nav-inventory')).waitForClickable({ timeout: 20000 });
  await (await $t('nav-inventory')).click();
  await waitRows((n) => n > 0, 'appeared');
}

export async function setLanguage(lang) {
  const sw = await $t('lang-switch');
  await sw.selectByAttribute('value', lang);
  await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.lang)) === lang, { timeout: 5000 });
}

/** Opens the first vehicle the search `text` finds. */
export async function openVehicle(text) {
  await openInventory();
  const search = await $t('inventory-search');
  await typeInto(search, text);
  await waitAllRowsMatch(new RegExp(text));
  await browser.waitUntil(
    async () => {
      try {
        // WebKitWebDriver will not click a <tr> itself; a person clicks a cell.
        await (await (await $$t('vehicle-row'))[0].$('td')).click();
        return true;
      } catch {
        return false;
      }
    },
    { timeout: 5000, timeoutMsg: 'could not open a vehicle' },
  );
  await (await $t('vehicle-detail')).waitForDisplayed({ timeout: 5000 });
}
