// End-to-end journeys on the real desktop app (tauri-driver + WebKitWebDriver
// under Xvfb). Run through scripts/e2e.sh, which builds the app, fills a fresh
// LOTBOOK_DATA_DIR with `lotbook demo` and starts Xvfb and tauri-driver.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
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

let browser;
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
async function startDriver(dataDir) {
  driver = spawn('tauri-driver', ['--port', String(PORT), '--native-port', String(PORT + 1000)], {
    stdio: ['ignore', 'ignore', DRIVER_LOG ? 'inherit' : 'ignore'],
    // The app inherits its environment from the driver.
    env: dataDir ? { ...process.env, LOTBOOK_DATA_DIR: dataDir } : process.env,
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

async function start(dataDir) {
  await startDriver(dataDir);
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

async function stop() {
  try {
    if (browser) await browser.deleteSession();
  } catch {
    // The app is gone either way; the driver is replaced below.
  }
  browser = undefined;
  await stopDriver();
}

/** Clears a field the way a person does, so React sees the change. */
async function typeInto(el, text) {
  await el.click();
  await browser.keys([Key.Ctrl, 'a']);
  await browser.keys(Key.Backspace);
  if (text) await el.addValue(text);
}

const $t = (id) => browser.$(`[data-testid="${id}"]`);
const $$t = (id) => browser.$$(`[data-testid="${id}"]`);

async function shot(name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await browser.saveScreenshot(join(SHOTS, `${name}.png`));
}

async function rowCount() {
  return (await $$t('vehicle-row')).length;
}

/** The rows' texts, read in one go inside the page so a re-render cannot split them. */
async function rowTexts() {
  return browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="vehicle-row"]')).map((e) => e.innerText),
  );
}

/** Waits until there are rows and every one matches `re` (search-as-you-type settles). */
async function waitAllRowsMatch(re) {
  await browser.waitUntil(
    async () => {
      const texts = await rowTexts();
      return texts.length > 0 && texts.every((t) => re.test(t));
    },
    { timeout: 10000, timeoutMsg: `inventory rows never all matched ${re}` },
  );
}

/** Waits until the inventory list shows `predicate(count)` rows. */
async function waitRows(predicate, what) {
  await browser.waitUntil(async () => predicate(await rowCount()), { timeout: 10000, timeoutMsg: `inventory rows never ${what}` });
}

async function openInventory() {
  await (await $t('nav-inventory')).waitForClickable({ timeout: 20000 });
  await (await $t('nav-inventory')).click();
  await waitRows((n) => n > 0, 'appeared');
}

async function setLanguage(lang) {
  const sw = await $t('lang-switch');
  await sw.selectByAttribute('value', lang);
  await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.lang)) === lang, { timeout: 5000 });
}

before(async () => {
  await start();
  await setLanguage('ko');
});

after(async () => {
  await stop();
});

test('the inventory shows the demo cars in Korean', async () => {
  await openInventory();
  assert.equal(await rowCount(), 40);
  const body = await (await browser.$('body')).getText();
  assert.match(body, /SM520/);
  assert.match(body, /만원/);
  assert.match(body, /월평동/);
  await shot('inventory-ko');
});

test('typing SM5 narrows the list to SM5s and SM520s', async () => {
  await openInventory();
  const search = await $t('inventory-search');
  await typeInto(search, 'SM5');
  await waitAllRowsMatch(/SM5/);
  const sm5 = await rowCount();
  assert.ok(sm5 > 0 && sm5 < 40, `SM5 narrowed the list to ${sm5}`);
  assert.ok((await rowTexts()).some((t) => /SM520/.test(t)), 'SM5 finds SM520s');
  await shot('inventory-search-sm5-ko');
  await typeInto(search, '월평');
  await waitAllRowsMatch(/월평동/);
  assert.ok((await rowCount()) < 40);
  await typeInto(search, '');
  await waitRows((n) => n === 40, 'came back');
});

test('a vehicle detail page shows its facts', async () => {
  await openInventory();
  const search = await $t('inventory-search');
  await typeInto(search, 'SM520');
  await waitAllRowsMatch(/SM520/);
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
  const detail = await $t('vehicle-detail');
  await detail.waitForDisplayed({ timeout: 5000 });
  const text = await detail.getText();
  assert.match(text, /SM520/);
  assert.match(text, /만원/);
  await shot('vehicle-detail-ko');
});

async function fillVehicleForm(values) {
  await (await $t('vehicle-add')).click();
  await (await $t('field-model')).waitForDisplayed({ timeout: 5000 });
  for (const [field, value] of Object.entries(values)) {
    const el = await $t(`field-${field}`);
    if ((await el.getTagName()) === 'select') {
      await el.selectByVisibleText(value);
    } else {
      await typeInto(el, value);
    }
  }
}

test('an invalid VIN is shown at the field and nothing is saved', async () => {
  await openInventory();
  await fillVehicleForm({ make: '르노삼성', model: 'SM520', year: '2003', odometer_km: '151000', price: '390', vin: 'KNM123' });
  await (await $t('vehicle-save')).click();
  const err = await $t('error-vin');
  await err.waitForDisplayed({ timeout: 5000 });
  assert.match(await err.getText(), /17/);
  await shot('vehicle-form-invalid-vin-ko');
  await (await $t('vehicle-cancel')).click();
  await openInventory();
  assert.equal(await rowCount(), 40, 'nothing was saved');
});

test('a vehicle added through the form is listed, and still there after a restart', async () => {
  await openInventory();
  await fillVehicleForm({ make: '르노삼성', model: 'SM520', trim: 'PLE', year: '2004', plate: '77가7777', odometer_km: '142000', price: '420', vin: 'KNMBA12C34U777777', color: '진주색' });
  await (await $t('vehicle-save')).click();
  const detail = await $t('vehicle-detail');
  await detail.waitForDisplayed({ timeout: 5000 });
  assert.match(await detail.getText(), /77가7777/);
  assert.match(await detail.getText(), /420만원/);
  await openInventory();
  await waitRows((n) => n === 41, 'included the new car');

  await stop();
  await start();
  await openInventory();
  await waitRows((n) => n === 41, 'kept the new car after a restart');
  const search = await $t('inventory-search');
  await typeInto(search, '77가7777');
  await waitAllRowsMatch(/77가7777/);
  assert.equal(await rowCount(), 1);
});

test('switching to English changes the labels and prices', async () => {
  await openInventory();
  await setLanguage('en');
  await browser.waitUntil(async () => /Inventory/.test(await (await $t('nav-inventory')).getText()), { timeout: 5000 });
  const body = await (await browser.$('body')).getText();
  assert.match(body, /₩[\d,]+/);
  await shot('inventory-en');
  await setLanguage('ko');
  await browser.waitUntil(async () => /재고/.test(await (await $t('nav-inventory')).getText()), { timeout: 5000 });
});

test('customers list shows the demo customers', async () => {
  await (await $t('nav-customers')).click();
  await browser.waitUntil(async () => (await $$t('customer-row')).length === 15, { timeout: 10000, timeoutMsg: 'customers never listed' });
  await shot('customers-ko');
  await (await $t('nav-today')).click();
  await browser.pause(500);
  await shot('today-ko');
});

test('data from a newer Lotbook gets one calm message and is left untouched', async () => {
  const dir = process.env.LOTBOOK_NEWER_DATA_DIR;
  assert.ok(dir, 'LOTBOOK_NEWER_DATA_DIR must hold a database with a newer schema');
  const file = join(dir, 'lotbook.sqlite3');
  const hash = () => createHash('sha256').update(readFileSync(file)).digest('hex');
  const before = hash();
  await stop();
  await start(dir);
  try {
    // The driver may load the page a second time right after the session
    // starts; the gate must be there and stay there.
    await (await $t('store-gate')).waitForDisplayed({ timeout: 20000 });
    await browser.pause(1500);
    const gate = await $t('store-gate');
    await gate.waitForDisplayed({ timeout: 20000 });
    assert.equal(await gate.getAttribute('data-error-code'), 'schema_too_new');
    assert.equal((await $$t('nav-inventory')).length, 0, 'the app shell is not shown');
    await shot('newer-schema-ko');
    assert.ok(await (await $t('store-gate')).isDisplayed(), 'the gate is still shown after the screenshot');
  } finally {
    await stop();
    await start();
  }
  assert.equal(hash(), before, 'the newer database is byte-for-byte unchanged');
});
