// Archiving a sold car's photos (issue 20): a backup holds the photos; the
// dealer turns archiving on in Settings › 저장 공간, sees the preview and
// archives now; the car's gallery marks them 보관됨 and brings them back.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { $t, $$t, browser, openVehicle, shot, start, stop } from './harness.mjs';

const CLI = process.env.LOTBOOK_CLI;
assert.ok(CLI, 'LOTBOOK_CLI must point at the built lotbook CLI');
const PHOTOS = process.env.LOTBOOK_TEST_PHOTOS;
assert.ok(PHOTOS, 'LOTBOOK_TEST_PHOTOS must point at the test photos');

const work = mkdtempSync(join(tmpdir(), 'lotbook-archive-e2e-'));
const appDir = join(work, 'app');
const cli = (...args) => execFileSync(CLI, ['--data-dir', appDir, ...args], { encoding: 'utf8' });
const json = (...args) => JSON.parse(cli('--json', ...args));

before(async () => {
  cli('demo', '--no-photos');
  const csv = join(work, 'car.csv');
  writeFileSync(
    csv,
    '제조사,모델,등급,연식,차량번호,주행거리(km),연료,변속기,색상,가격(만원),전시장,상태,입고일\n' +
      '기아,K5,노블레스,2020,77보7777,51000,gasoline,auto,검정,1850,월평동,in_stock,2025-12-01\n',
  );
  cli('vehicles', 'import', csv);
  const car = json('vehicles', 'list', '--query', '77보7777').items[0].id;
  cli('photos', 'import', '--vehicle', car, join(PHOTOS, 'orientation', 'landscape_1.jpg'), join(PHOTOS, 'orientation', 'landscape_2.jpg'));
  const customers = json('customers', 'list');
  const customer = (customers.items ?? customers)[0].id;
  cli('sales', 'add', '--customer', customer, '--vehicle', car, '--price-krw', '18500000', '--delivered', '2026-01-05');
  cli('backup');
  await start(appDir);
});
after(async () => {
  await stop();
  rmSync(work, { recursive: true, force: true });
});

test("a sold car's photos are archived from Settings and brought back on its page", async () => {
  await (await $t('nav-settings')).click();
  const section = await $t('settings-archive');
  await section.waitForDisplayed({ timeout: 20000 });
  await section.scrollIntoView();
  // Off until the dealer turns it on (the automatic backup at start archived nothing).
  const days = await $t('settings-archive-days');
  assert.equal(await days.getValue(), 'off');
  assert.equal((await $$t('space-archive-now')).length, 0);
  await days.selectByAttribute('value', '90');
  const preview = await $t('space-archive-preview');
  await preview.waitForDisplayed({ timeout: 20000 });
  await browser.waitUntil(async () => /판매한 차 1대의 사진 2장/.test(await preview.getText()), {
    timeout: 20000,
    timeoutMsg: 'the preview never showed the sold car',
  });
  assert.equal(await (await $t('settings-archive-days')).getValue(), '90');
  await shot('space-archive-ko');
  await (await $t('space-archive-now')).click();
  const done = await $t('space-archive-done');
  await done.waitForDisplayed({ timeout: 20000 });
  assert.match(await done.getText(), /사진 2장을 보관하고/);
  await browser.waitUntil(async () => /2장, 백업에 .* 보관/.test(await (await $t('space-archived')).getText()), {
    timeout: 20000,
    timeoutMsg: 'the archived photos never showed',
  });
  await shot('space-archived-ko');

  await openVehicle('77보7777');
  const banner = await $t('gallery-archived');
  await banner.waitForDisplayed({ timeout: 20000 });
  await banner.scrollIntoView();
  await browser.waitUntil(async () => (await $$t('photo-archived-badge')).length === 2, {
    timeout: 20000,
    timeoutMsg: 'the archived photos were never marked',
  });
  // The thumbnails stay: each image gets its pixels (they may still be
  // loading on a busy machine).
  await (await $t('photo-tile')).scrollIntoView();
  await browser.waitUntil(
    () =>
      browser.execute(() => {
        const imgs = [...document.querySelectorAll('[data-testid="photo-tile"] img')];
        return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0);
      }),
    { timeout: 20000, timeoutMsg: 'the thumbnails of archived photos still show' },
  );
  await shot('gallery-archived-ko');
  await (await $t('gallery-bring-back')).click();
  const back = await $t('gallery-brought-back');
  await back.waitForDisplayed({ timeout: 20000 });
  assert.match(await back.getText(), /사진 2장을 되살렸습니다/);
  await browser.waitUntil(async () => (await $$t('photo-archived-badge')).length === 0, {
    timeout: 20000,
    timeoutMsg: 'the photos stayed marked as archived',
  });
  await shot('gallery-brought-back-ko');
});
