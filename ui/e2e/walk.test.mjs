// Every screen in English on a computer in New York, as a dealer there
// would see it (issue 15): days and times on the team's clock (Korea), one
// date format, nothing clipped. Screenshots of each screen in English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browser, start, stop, shot, setLanguage, openVehicle, screenReady, $t } from './harness.mjs';

before(async () => {
  await start(undefined, { TZ: 'America/New_York', LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' });
  await setLanguage('en');
});

after(async () => {
  await setLanguage('ko');
  await stop();
});

/** Today's date in Seoul as the app writes it in English ("Saturday 5 December 2026"). */
function seoulToday() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Seoul', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

const nav = async (s) => {
  await (await $t(`nav-${s}`)).waitForClickable({ timeout: 20000 });
  await (await $t(`nav-${s}`)).click();
  await screenReady(s);
};

test('every screen in English on a New York computer reads Korea time in one date format', async () => {
  // The computer really is in New York.
  const offset = await browser.execute(() => new Date().getTimezoneOffset());
  assert.ok(offset === 240 || offset === 300, `the app's zone is New York (offset ${offset})`);

  await nav('today');
  const date = await $t('today-date');
  await date.waitForDisplayed({ timeout: 10000 });
  assert.match(await date.getText(), new RegExp(seoulToday()), "Today is Seoul's date, not New York's");
  await shot('today-en');

  for (const s of ['inquiries', 'customers', 'inventory', 'outbox', 'visits', 'care', 'settings']) {
    await nav(s);
    const text = await browser.execute(() => document.querySelector('main')?.innerText ?? '');
    assert.doesNotMatch(text, /\b\d{1,2}\/\d{1,2}\/\d{4}\b/, `${s}: an OS-locale date`);
    await shot(`${s}-en`);
  }

  // The visit form's pickers show the English format whatever the OS locale.
  await nav('visits');
  await (await $t('visit-new')).click();
  const day = await $t('visit-date');
  await day.waitForDisplayed({ timeout: 5000 });
  assert.match(await day.getValue(), /^\d{1,2} [A-Z][a-z]{2} \d{4}$/, 'the date field reads like 5 Dec 2026');
  await (await $t('visit-date-open')).click();
  await (await $t('visit-date-calendar')).waitForDisplayed({ timeout: 5000 });
  await shot('visit-form-en');
  await browser.keys('Escape');

  await openVehicle('SM520');
  await shot('vehicle-detail-en');
  const subtitle = await (await $t('vehicle-subtitle')).getText();
  assert.doesNotMatch(subtitle, / {2}/, 'no double space in the subtitle');
});
