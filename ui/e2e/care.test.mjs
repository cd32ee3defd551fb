// The Saturday story (SPEC section 1): the demo has the Seoul customer booked
// Saturday 12:00–16:00; a second booking at 14:00 for the same dealer is
// refused naming him; he calls, running late, ETA 13:00; the sale is recorded
// and its 1M call shows on the Today screen on the right date (beside the
// demo couple's, due today too).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { $t, $$t, browser, openVehicle, shot, start, stop } from './harness.mjs';

const CLI = process.env.LOTBOOK_CLI;
assert.ok(CLI, 'LOTBOOK_CLI must point at the built lotbook CLI');
const work = mkdtempSync(join(tmpdir(), 'lotbook-care-e2e-'));
const dataDir = join(work, 'data');

// Korea's date, whatever the machine's zone.
const kstNow = () => new Date(Date.now() + 9 * 3600 * 1000);
const ymd = (d) => d.toISOString().slice(0, 10);
function nextSaturday() {
  const d = kstNow();
  const add = (6 - d.getUTCDay() + 7) % 7 || 7;
  d.setUTCDate(d.getUTCDate() + add);
  return d;
}
function monthAgo() {
  const d = kstNow();
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** Sets an input as a person would, in a way React hears (date and time inputs included). */
async function setValue(el, value) {
  await browser.execute(
    (e, v) => {
      const proto = e instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, 'value').set.call(e, v);
      e.dispatchEvent(new Event('input', { bubbles: true }));
      e.dispatchEvent(new Event('change', { bubbles: true }));
    },
    el,
    value,
  );
}

async function selectByText(testId, re) {
  const sel = await $t(testId);
  await browser.waitUntil(async () => (await sel.$$('option')).length > 1, { timeout: 10000, timeoutMsg: `${testId} has no options` });
  const value = await browser.execute(
    (e, src) => [...e.options].find((o) => new RegExp(src).test(o.textContent))?.value ?? null,
    sel,
    re.source,
  );
  assert.ok(value, `${testId}: no option matches ${re}`);
  await sel.selectByAttribute('value', value);
}

async function book(customer, time, minutes) {
  await (await $t('visit-new')).click();
  await (await $t('visit-form')).waitForDisplayed({ timeout: 5000 });
  await selectByText('visit-customer', new RegExp(customer));
  await selectByText('visit-dealer', /김민수/);
  await setValue(await $t('visit-date'), ymd(nextSaturday()));
  await setValue(await $t('visit-start'), time);
  await setValue(await $t('visit-minutes'), String(minutes));
  await (await $t('visit-save')).click();
}

before(async () => {
  execFileSync(CLI, ['--data-dir', dataDir, 'demo', '--no-photos']);
  await start(dataDir);
});
after(async () => {
  await stop();
  rmSync(work, { recursive: true, force: true });
});

test('the Saturday story: booking, a refused double booking, running late, the sale and its 1M call', async () => {
  await (await $t('nav-visits')).waitForClickable({ timeout: 20000 });
  await (await $t('nav-visits')).click();
  await (await $t('calendar-week')).waitForDisplayed({ timeout: 10000 });
  // The week shown starts on Monday: next Saturday may be in the next one.
  if ([0, 6].includes(kstNow().getUTCDay())) await (await $t('calendar-next')).click();

  // The demo booked him already (its story), with the dealer.
  await browser.waitUntil(async () => (await $$t('visit-block')).length === 1, { timeout: 10000, timeoutMsg: "the demo's booking never showed" });

  // A second customer at 14:00 for the same dealer is refused, naming the first.
  await book('정하늘', '14:00', 60);
  const error = await $t('visit-error');
  await error.waitForDisplayed({ timeout: 10000 });
  assert.match(await error.getText(), /이준혁/);
  await error.scrollIntoView({ block: 'center' });
  await shot('visit-conflict-ko');
  await (await $t('visit-cancel')).click();
  assert.equal((await $$t('visit-block')).length, 1, 'nothing was booked');

  // 11:30, stuck near Cheonan: running late, ETA 13:00.
  await (await $$t('visit-block'))[0].click();
  await (await $t('visit-detail')).waitForDisplayed({ timeout: 5000 });
  await (await $t('visit-late')).click();
  await setValue(await $t('visit-late-eta'), '13:00');
  await (await $t('visit-late-save')).click();
  await browser.waitUntil(async () => (await (await $$t('visit-block'))[0].getAttribute('data-status')) === 'late', {
    timeout: 10000,
    timeoutMsg: 'the visit never showed as late',
  });
  assert.match(await (await $t('visit-detail')).getText(), /13:00/);
  await (await $t('visits')).scrollIntoView({ block: 'start' });
  await shot('calendar-week-ko');

  // The sale, delivered a month ago today: its 1M call is due today.
  await openVehicle('SM520');
  await (await $t('sale-record')).click();
  await selectByText('sale-customer', /이준혁/);
  await setValue(await $t('sale-date'), ymd(monthAgo()));
  await (await $t('sale-save')).click();
  const oneMonth = await browser.$('[data-testid="sale-follow-up"][data-step="1m"]');
  await oneMonth.waitForDisplayed({ timeout: 10000 });
  // Due exactly today in Korea (delivered a month ago; month ends kept).
  assert.equal(await oneMonth.getAttribute('data-due'), ymd(kstNow()));

  await (await $t('nav-today')).click();
  let due;
  await browser.waitUntil(
    async () => {
      for (const el of await browser.$$('[data-testid="today-follow-up"][data-step="1m"]')) {
        if (/이준혁/.test(await el.getText())) due = el;
      }
      return due !== undefined;
    },
    { timeout: 10000, timeoutMsg: "his 1M call never showed on Today" },
  );
  await due.scrollIntoView({ block: 'center' });
  await shot('today-care-ko');
});
