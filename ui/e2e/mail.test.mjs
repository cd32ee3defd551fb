// The core job on the real app: Today flags the inquiry nobody answered;
// the dealer opens the customer from Seoul, sees the SM520s that fit him,
// makes a shortlist of three, composes the email in Korean, previews it and
// saves the .eml draft, which an independent parser (Python's email
// package) reads back. Screenshots of Today, the matches and the preview.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browser, start, stop, shot, setLanguage, typeInto, $t, $$t } from './harness.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

before(async () => {
  await start();
  await setLanguage('ko');
});

after(async () => {
  await stop();
});

test('Today shows the unanswered inquiry first and the customer list flags it', async () => {
  await (await $t('nav-today')).click();
  const card = await $t('today-inquiries');
  await card.waitForDisplayed({ timeout: 15000 });
  const rows = await $$t('today-inquiry');
  assert.ok(rows.length >= 1);
  assert.equal(await rows[0].getAttribute('data-overdue'), 'true', 'the overdue inquiry comes first');
  assert.match(await rows[0].getText(), /신유나/);
  await shot('today-ko');

  await (await $t('nav-customers')).click();
  await browser.waitUntil(async () => (await $$t('customer-row')).length > 0, { timeout: 10000 });
  const first = (await $$t('customer-row'))[0];
  assert.equal(await first.getAttribute('data-overdue'), 'true');
  assert.match(await first.getText(), /신유나/);
});

test('matching SM520s, a shortlist of three, composed in Korean, previewed and saved as .eml', async () => {
  await (await $t('nav-customers')).click();
  await typeInto(await $t('customer-search'), '이준혁');
  await browser.waitUntil(async () => (await $$t('customer-row')).length === 1, { timeout: 10000 });
  await (await (await $$t('customer-row'))[0].$('td')).click();
  await (await $t('customer-detail')).waitForDisplayed({ timeout: 5000 });

  const matches = await $t('customer-matches');
  await matches.scrollIntoView();
  await browser.waitUntil(async () => (await $$t('match-row')).length >= 3, { timeout: 10000, timeoutMsg: 'no matches' });
  const texts = await browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="match-row"]')).map((e) => e.innerText),
  );
  for (const t of texts) assert.match(t, /SM520/, 'only SM520s fit what he wants');
  const picked = await browser.execute(
    () => Array.from(document.querySelectorAll('[data-testid="match-pick"]')).filter((e) => e.checked).length,
  );
  assert.equal(picked, 3, 'the three best are ticked');
  await shot('customer-matches-ko');

  await (await $t('create-shortlist')).click();
  await (await $t('shortlist')).waitForDisplayed({ timeout: 10000 });
  assert.equal((await $$t('shortlist-car')).length, 3);

  // The composer composes on its own; wait for the preview.
  const preview = await $t('mail-preview');
  await preview.waitForExist({ timeout: 30000 });
  await browser.waitUntil(async () => !(await (await $t('composer-busy')).isExisting()), { timeout: 30000 });
  assert.match(await (await $t('composer-subject')).getText(), /이준혁 님께 추천 차량 3대/);
  assert.match(await (await $t('composer-to')).getText(), /junhyuk\.lee@naver\.com/);
  assert.match(await (await $t('composer-size')).getText(), /MB \/ 25\.0 MB/);
  const srcdoc = await preview.getAttribute('srcdoc');
  assert.match(srcdoc, /이준혁 님, 안녕하세요/);
  assert.doesNotMatch(srcdoc, /src="cid:/, 'the preview shows the images');
  assert.equal(await preview.getAttribute('sandbox'), '', 'no script may run in the preview');

  await (await $t('composer')).scrollIntoView({ block: 'start' });
  await shot('composer-ko');

  // Look at the email as the customer will: inside the frame.
  await preview.scrollIntoView({ block: 'start' });
  await browser.switchToFrame(preview);
  await browser.waitUntil(
    async () =>
      browser.execute(() => Array.from(document.images).every((i) => i.complete && i.naturalWidth > 0) && document.images.length > 3),
    { timeout: 15000, timeoutMsg: 'preview images never loaded' },
  );
  const frameText = await browser.execute(() => document.body.innerText);
  // Down to the first car's condition, diagram and photos.
  await browser.execute(() => document.querySelector('img')?.scrollIntoView({ block: 'start' }));
  await browser.switchToParentFrame();
  assert.match(frameText, /무사고/);
  assert.match(frameText, /대전모터스/);
  await shot('composer-preview-ko');

  await (await $t('composer-save-eml')).click();
  const saved = await $t('composer-saved');
  await saved.waitForDisplayed({ timeout: 20000 });
  const path = await saved.getAttribute('data-path');
  assert.ok(existsSync(path), `${path} was written`);
  const parsed = spawnSync('python3', [join(ROOT, 'tests/it/support/mime_check.py'), path], { encoding: 'utf8' });
  assert.equal(parsed.status, 0, parsed.stderr);
  const m = JSON.parse(parsed.stdout);
  assert.equal(m.x_unsent, '1');
  assert.equal(m.to_name, '이준혁');
  assert.match(m.subject, /이준혁 님께 추천 차량 3대/);
  assert.equal(m.tree.parts[1].type, 'multipart/related');
  assert.ok(m.size <= 25_000_000);
  for (const cid of m.html_cids) assert.ok(m.images.some((i) => i.cid === cid), `cid ${cid} has its part`);
  for (const i of m.images) assert.deepEqual(i.metadata, [], 'no metadata in any image');

  // The shortlist remembers it.
  await browser.waitUntil(async () => (await $$t('shortlist-send')).length === 1, { timeout: 10000 });

  // Send without a mail account: it waits in the outbox, and the app says where to set one up.
  await (await $t('composer-send')).click();
  await browser.waitUntil(async () => /메일 계정이 아직 없습니다/.test(await (await $t('composer')).getText()), {
    timeout: 20000,
    timeoutMsg: 'no word about the missing mail account',
  });
  await (await $t('nav-outbox')).click();
  await (await $t('outbox')).waitForDisplayed({ timeout: 5000 });
  // The demo's recall notices were sent already; this one waits.
  const queued = async () => {
    let n = 0;
    for (const row of await $$t('outbox-row')) if ((await row.getAttribute('data-state')) === 'queued') n += 1;
    return n;
  };
  await browser.waitUntil(async () => (await queued()) === 1, { timeout: 10000, timeoutMsg: 'the shortlist email never waited in the outbox' });
  await shot('outbox-ko');
});

test('the inquiries screen and the mail settings', async () => {
  await (await $t('nav-inquiries')).click();
  await (await $t('inquiries')).waitForDisplayed({ timeout: 5000 });
  await browser.waitUntil(async () => (await $$t('inquiry-row')).length >= 2, { timeout: 10000 });
  assert.equal(await (await $$t('inquiry-row'))[0].getAttribute('data-overdue'), 'true');
  await shot('inquiries-ko');

  await (await $t('nav-settings')).click();
  const email = await $t('settings-email');
  await email.waitForDisplayed({ timeout: 5000 });
  await (await $t('smtp-preset-naver')).click();
  assert.equal(await (await $t('smtp-host')).getValue(), 'smtp.naver.com');
  await email.scrollIntoView({ block: 'start' });
  await shot('settings-email-ko');

  // The wording reads as words with named chips, never template syntax, and
  // the preview shows it for a real customer.
  const greeting = await $t('template-greeting');
  await (await $t('template-editor-greeting')).scrollIntoView({ block: 'start' });
  const chips = await greeting.$$('.chip');
  assert.ok(chips.length >= 1, 'the greeting shows its placeholders as chips');
  assert.match(await chips[0].getText(), /[가-힣]/, 'a chip is named in Korean');
  const wording = await browser.execute(() => document.querySelector('[data-testid="settings-email"]')?.innerText ?? '');
  assert.doesNotMatch(wording, /\{\{|\{%|%\}|\}\}/, 'no template syntax on the screen');
  const preview = await $t('template-preview-greeting');
  let said = '';
  await browser
    .waitUntil(async () => /[가-힣]{2,} ?님/.test((said = await preview.getText())), { timeout: 10000 })
    .catch(() => assert.fail(`the preview never named a customer: ${JSON.stringify(said)}`));
  await shot('settings-wording-ko');

  // The follow-up schedule is steps with a number and a unit, not "3d,1m".
  const schedule = await $t('care-schedule');
  await (await $t('settings-care')).scrollIntoView({ block: 'start' });
  assert.ok((await $$t('schedule-step')).length >= 3, 'the demo schedule has its steps');
  const label = await browser.execute(() => document.querySelector('[data-testid="schedule-label-0"]')?.textContent ?? '');
  assert.match(label, /[가-힣]/, `the first step is worded: ${JSON.stringify(label)}`);
  const labelWidth = await browser.execute(
    () => document.querySelector('[data-testid="schedule-label-0"]')?.getBoundingClientRect().width ?? 0,
  );
  assert.ok(labelWidth > 40, `the step's words are on screen, not squeezed out (${labelWidth} px)`);
  const steps = await schedule.getText();
  assert.doesNotMatch(steps, /\d+[dmy],/, 'no schedule code');
  await shot('settings-schedule-ko');
});
