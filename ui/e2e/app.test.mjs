// End-to-end journeys on the real desktop app (tauri-driver + WebKitWebDriver
// under Xvfb). Run through scripts/e2e.sh, which builds the app, fills a fresh
// LOTBOOK_DATA_DIR with `lotbook demo` and starts Xvfb and tauri-driver.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  browser, start, stop, typeInto, shot, rowCount, rowTexts, waitAllRowsMatch, waitRows,
  openInventory, openVehicle, setLanguage, $t, $$t,
} from './harness.mjs';

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
  await openVehicle('SM520');
  const detail = await $t('vehicle-detail');
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
  await browser.waitUntil(async () => (await $$t('customer-row')).length === 17, { timeout: 10000, timeoutMsg: 'customers never listed' });
  await shot('customers-ko');
  await (await $t('nav-today')).click();
  // Today's date shows once its data is in: the screen is ready for the picture.
  await (await $t('today-date')).waitForDisplayed({ timeout: 10000 });
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
    // The same page has shown it for a while (a reload starts the page's clock again).
    await browser.waitUntil(() => browser.execute(() => performance.now() > 1500 && !!document.querySelector('[data-testid="store-gate"]')), {
      timeout: 20000,
      timeoutMsg: 'the gate did not stay',
    });
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
