// Every screen in English on a computer in New York, as a dealer there
// would see it (issue 15): days and times on the team's clock (Korea), one
// date format, nothing clipped. Screenshots of each screen in English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browser, start, stop, shot, setLanguage, openVehicle, screenReady, typeInto, $t, $$t } from './harness.mjs';

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

/**
 * What a person reading `name` in English would trip over, read from the
 * page: Korean outside the dealer's own data (printed for a look, since demo
 * names are Korean), i18n keys, Korean-style or OS-locale dates, "1 photos",
 * and text cut off by its box. Returns the findings; the caller asserts.
 */
async function audit(name) {
  const found = await browser.execute(() => {
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('script,style,[hidden]') || !el.getClientRects().length) continue;
      const t = n.textContent.trim();
      if (t) texts.push({ t, tag: el.tagName.toLowerCase(), tid: el.closest('[data-testid]')?.getAttribute('data-testid') ?? '' });
    }
    for (const el of document.querySelectorAll('input,textarea,button,[placeholder],[title],[aria-label]')) {
      for (const a of ['placeholder', 'title', 'aria-label']) {
        const v = el.getAttribute(a);
        if (v) texts.push({ t: v, tag: `@${a}`, tid: el.closest('[data-testid]')?.getAttribute('data-testid') ?? '' });
      }
    }
    const clipped = [];
    for (const el of document.querySelectorAll('main *, nav *, aside *, header *')) {
      if (!el.getClientRects().length || el.children.length > 0 || !el.textContent.trim() || el.closest('.visually-hidden')) continue;
      const cs = getComputedStyle(el);
      if (cs.overflowX === 'visible' && cs.textOverflow !== 'ellipsis') continue;
      if (el.scrollWidth > el.clientWidth + 1 && !['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
        clipped.push(`${el.tagName.toLowerCase()}[${el.closest('[data-testid]')?.getAttribute('data-testid') ?? ''}] ${el.textContent.trim().slice(0, 60)}`);
    }
    // A card's subheads must not read larger than its title.
    const headings = [];
    for (const card of document.querySelectorAll('main .card')) {
      const h2 = card.querySelector('h2');
      if (!h2 || !h2.getClientRects().length) continue;
      const size = (e) => parseFloat(getComputedStyle(e).fontSize);
      for (const h3 of card.querySelectorAll('h3'))
        if (h3.getClientRects().length && size(h3) > size(h2)) headings.push(`${h3.textContent.trim()} (${size(h3)} px) > ${h2.textContent.trim()} (${size(h2)} px)`);
    }
    return { texts, clipped, headings };
  });
  const lines = found.texts.map((x) => `${x.tid}|${x.tag}: ${x.t}`);
  const hangul = [...new Set(lines.filter((l) => /[\uac00-\ud7a3]/.test(l.split(': ').slice(1).join(': '))))];
  const keys = lines.filter((l) => /(^|\s)[a-z][a-zA-Z]+(\.[a-z][a-zA-Z0-9_]+){1,3}($|\s)/.test(l.split(': ').slice(1).join(': ')) && !/@|\.(com|kr|net|eml|jpg|png|csv|xlsx|log)\b/.test(l));
  // Not dates a person reads as such: a file's path (its name may carry a
  // date, as saved .eml files do) and the diagnostics' log lines, kept
  // verbatim (UTC stamps) so support can find them in the log file.
  const isPath = (t) => /^(\/|[A-Za-z]:\\)\S/.test(t) && /\.[a-z0-9]{2,4}$/.test(t);
  const koDates = lines.filter((l) => {
    const t = l.split(': ').slice(1).join(': ');
    if (l.startsWith('diagnostics-text|') || isPath(t)) return false;
    return /\b\d{4}[.-]\d{1,2}[.-]\d{1,2}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\d+월|\d+일|오전|오후/.test(t);
  });
  const plurals = lines.filter((l) => /(^|[^\d.,])1 [a-z]+s\b/.test(l.split(': ').slice(1).join(': ')));
  const report = { hangul, keys, koDates, plurals, clipped: found.clipped, headings: found.headings };
  console.log(`--- ${name}\n${JSON.stringify(report, null, 1)}`);
  // Korean is printed above to be looked at (the demo's names and places are
  // Korean data); the rest must be empty.
  assert.deepEqual(keys, [], `${name}: untranslated keys`);
  assert.deepEqual(koDates, [], `${name}: a Korean or OS-locale date`);
  assert.deepEqual(plurals, [], `${name}: "1 …s"`);
  assert.deepEqual(found.clipped, [], `${name}: text cut off`);
  assert.deepEqual(found.headings, [], `${name}: a subhead larger than its card's title`);
  return report;
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
  await audit('today');
  await shot('today-en');

  for (const s of ['inquiries', 'customers', 'inventory', 'outbox', 'visits', 'care', 'settings']) {
    await nav(s);
    const text = await browser.execute(() => document.querySelector('main')?.innerText ?? '');
    assert.doesNotMatch(text, /\b\d{1,2}\/\d{1,2}\/\d{4}\b/, `${s}: an OS-locale date`);
    await audit(s);
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
  await audit('vehicle');
  await shot('vehicle-detail-en');
  const subtitle = await (await $t('vehicle-subtitle')).getText();
  assert.doesNotMatch(subtitle, / {2}/, 'no double space in the subtitle');
});

const scrollTo = async (id) => {
  const el = await $t(id);
  await el.waitForDisplayed({ timeout: 15000 });
  await el.scrollIntoView({ block: 'start' });
  return el;
};

test('a car with photos and its condition report, in English', async () => {
  await openVehicle('말리부');
  await scrollTo('gallery');
  await browser.waitUntil(async () => (await $$t('photo-tile')).length > 0, { timeout: 15000, timeoutMsg: 'no photos' });
  await audit('gallery');
  const count = await browser.execute(() => document.querySelector('.gallery-count')?.textContent ?? '');
  assert.match(count, /^(1 photo|\d[\d,]* photos)$/, 'the photo count reads as English');
  await shot('vehicle-photos-en');
  await scrollTo('condition-card');
  await (await $t('condition-summary')).waitForDisplayed({ timeout: 10000 });
  await audit('condition');
  await shot('condition-report-en');
});

test('a customer, a shortlist and the email preview, in English', async () => {
  await nav('customers');
  await typeInto(await $t('customer-search'), '이준혁');
  await browser.waitUntil(async () => (await $$t('customer-row')).length === 1, { timeout: 10000 });
  await (await (await $$t('customer-row'))[0].$('td')).click();
  await (await $t('customer-detail')).waitForDisplayed({ timeout: 5000 });
  await audit('customer');
  await shot('customer-en');
  await scrollTo('customer-matches');
  await browser.waitUntil(async () => (await $$t('match-row')).length >= 3, { timeout: 10000, timeoutMsg: 'no matches' });
  await (await $t('create-shortlist')).click();
  await (await $t('shortlist')).waitForDisplayed({ timeout: 10000 });
  await (await $t('composer-lang')).selectByAttribute('value', 'en');
  const preview = await $t('mail-preview');
  await preview.waitForExist({ timeout: 30000 });
  await browser.waitUntil(async () => !(await (await $t('composer-busy')).isExisting()), { timeout: 30000 });
  await browser.waitUntil(async () => /Dear|Hello|Hi\b/.test(await preview.getAttribute('srcdoc')), { timeout: 30000, timeoutMsg: 'no English email' });
  await audit('shortlist');
  await scrollTo('composer');
  await shot('shortlist-en');
  await preview.scrollIntoView({ block: 'start' });
  await browser.switchToFrame(preview);
  const frameText = await browser.execute(() => document.body.innerText);
  await browser.switchToParentFrame();
  console.log(`--- email preview text\n${frameText}`);
  await shot('composer-preview-en');
});

test('care, recalls, backups, sync, storage and diagnostics, in English', async () => {
  await nav('care');
  await scrollTo('recall-list');
  await audit('recalls');
  await shot('recalls-en');

  await nav('settings');
  await scrollTo('settings-backups');
  await (await $t('backup-now')).click();
  await (await $t('backup-note')).waitForDisplayed({ timeout: 60000 });
  await browser.waitUntil(async () => (await $$t('backup-row')).length > 0, { timeout: 10000 });
  await scrollTo('settings-backups');
  await audit('backups');
  await shot('settings-backups-en');

  const space = await scrollTo('settings-space');
  await browser.waitUntil(async () => /\d/.test(await space.getText()), { timeout: 10000 });
  await audit('space');
  await shot('space-settings-en');

  await scrollTo('diagnostics');
  await (await $t('diagnostics-copy')).click();
  await (await $t('diagnostics-text')).waitForDisplayed({ timeout: 10000 });
  await scrollTo('diagnostics');
  await audit('diagnostics');
  await shot('diagnostics-en');

  await scrollTo('settings-open-sync');
  await (await $t('settings-open-sync')).click();
  await (await $t('sync-screen')).waitForDisplayed({ timeout: 10000 });
  await audit('sync');
  await shot('sync-settings-en');
});

test('switched back to Korean, no English is left on the screens', async () => {
  await setLanguage('ko');
  for (const s of ['today', 'inquiries', 'customers', 'inventory', 'outbox', 'visits', 'care', 'settings']) {
    await nav(s);
    const lines = await browser.execute(() => {
      const out = [];
      const walker = document.createTreeWalker(document.querySelector('main') ?? document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || !el.getClientRects().length) continue;
        const t = n.textContent.trim();
        if (/[A-Za-z]{3,}/.test(t)) out.push(`${el.closest('[data-testid]')?.getAttribute('data-testid') ?? ''}: ${t.slice(0, 100)}`);
      }
      return [...new Set(out)];
    });
    console.log(`--- ${s} (ko), Latin text\n${lines.join('\n')}`);
  }
});
