// Team sync through a shared folder: the app syncs with a folder that the
// CLI, acting as a colleague's computer, also uses; the colleague's new car
// appears in the app's inventory and the header shows the sync state.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { $t, $$t, browser, openInventory, openVehicle, shot, start, stop, typeInto, waitAllRowsMatch } from './harness.mjs';

const CLI = process.env.LOTBOOK_CLI;
assert.ok(CLI, 'LOTBOOK_CLI must point at the built lotbook CLI');

const work = mkdtempSync(join(tmpdir(), 'lotbook-sync-e2e-'));
const appDir = join(work, 'app');
const colleagueDir = join(work, 'colleague');
const folder = join(work, 'shared-folder');
mkdirSync(folder);

const cli = (dir, ...args) => execFileSync(CLI, ['--data-dir', dir, ...args], { encoding: 'utf8' });

before(async () => {
  cli(appDir, 'demo', '--no-photos');
  await start(appDir);
});
after(async () => {
  await stop();
  rmSync(work, { recursive: true, force: true });
});

async function indicatorState() {
  return (await $t('sync-indicator')).getAttribute('data-state');
}

test('the app and a colleague converge through the shared folder', async () => {
  const indicator = await $t('sync-indicator');
  await indicator.waitForDisplayed({ timeout: 20000 });
  assert.equal(await indicatorState(), 'off');
  await indicator.click();

  // Choose the folder and name this computer.
  await typeInto(await $t('sync-folder'), folder);
  await typeInto(await $t('sync-device-name'), '전시장 PC');
  await (await $t('sync-save')).click();
  await (await $t('sync-now')).waitForEnabled({ timeout: 10000 });
  await (await $t('sync-now')).click();
  await browser.waitUntil(async () => (await indicatorState()) === 'synced', {
    timeout: 20000,
    timeoutMsg: 'the header never showed "synced"',
  });
  assert.ok(readdirSync(join(folder, 'lotbook-sync', 'devices')).length >= 1, 'the app wrote its journal');

  // The colleague's computer receives the team, stocks a car and syncs.
  const got = JSON.parse(cli(colleagueDir, '--json', 'sync', '--folder', folder, '--device-name', '박부장 노트북'));
  assert.ok(got.changes_applied > 1000, `the colleague received the team (${got.changes_applied})`);
  const csv = join(work, 'new-car.csv');
  writeFileSync(
    csv,
    '제조사,모델,등급,연식,차량번호,주행거리(km),연료,변속기,색상,가격(만원),전시장,상태,입고일\n' +
      '르노코리아,QM6,LE,2021,99허9999,42000,gasoline,auto,흰색,2150,월평동,in_stock,2026-12-01\n',
  );
  cli(colleagueDir, 'vehicles', 'import-csv', csv);
  const sent = JSON.parse(cli(colleagueDir, '--json', 'sync', '--folder', folder));
  assert.equal(sent.segments_written, 1);

  // The app syncs on demand (the worker would within two minutes).
  await (await $t('sync-now')).click();
  await browser.waitUntil(async () => /박부장 노트북/.test(await (await $t('sync-devices')).getText()), {
    timeout: 20000,
    timeoutMsg: "the colleague's computer never appeared in the device list",
  });
  await shot('sync-settings-ko');

  // Settings › 저장 공간: the shared folder's journals and photo files, this
  // computer's data folder, and the photo-files team setting.
  await (await $t('nav-settings')).click();
  const space = await $t('settings-space');
  await space.waitForDisplayed({ timeout: 10000 });
  await space.scrollIntoView();
  await browser.waitUntil(async () => /변경 기록/.test(await space.getText()), {
    timeout: 10000,
    timeoutMsg: 'the space section never showed the shared folder',
  });
  assert.match(await (await $t('space-database')).getText(), /\d/);
  await shot('space-settings-ko');

  await openInventory();
  await typeInto(await $t('inventory-search'), '99허9999');
  await waitAllRowsMatch(/QM6/);
  assert.equal((await $$t('vehicle-row')).length, 1);
  await shot('sync-colleague-car-ko');

  assert.equal(await indicatorState(), 'synced');

  // The colleague lowers the price; the app gets it and the car's history
  // says who changed it from what.
  const qm6 = JSON.parse(cli(colleagueDir, '--json', 'vehicles', 'list', '--query', '99허9999')).items[0];
  writeFileSync(
    csv,
    'id,제조사,모델,등급,연식,차량번호,주행거리(km),연료,변속기,색상,가격(만원),전시장,상태,입고일\n' +
      `${qm6.id},르노코리아,QM6,LE,2021,99허9999,42000,gasoline,auto,흰색,1990,월평동,in_stock,2026-12-01\n`,
  );
  cli(colleagueDir, 'vehicles', 'import-csv', csv);
  cli(colleagueDir, 'sync', '--folder', folder);
  await (await $t('sync-indicator')).click();
  await (await $t('sync-now')).click();
  await openVehicle('99허9999');
  const history = await $t('record-history');
  await history.scrollIntoView();
  // textContent: WebKitWebDriver's getText leaves out the ellipsised values.
  const historyText = () =>
    browser.execute(() => document.querySelector('[data-testid="record-history"]')?.textContent ?? '');
  await browser.waitUntil(async () => /2,150만원 → 1,990만원/.test(await historyText()), {
    timeout: 20000,
    timeoutMsg: 'the price change never appeared in the history',
  });
  assert.match(await historyText(), /박부장 노트북/);
  await shot('vehicle-history-ko');
});

// A colleague's computer sends a price written as text (as an older or buggy
// Lotbook might) and, with its clock three years ahead, a real edit. The app
// sets the first aside, holds the second, and says both in plain Korean on
// the Sync page and on Today; everything else keeps flowing.
test('a change the team cannot use and a clock years ahead are named in plain words', async () => {
  const db = join(colleagueDir, 'lotbook.sqlite3');
  const qm6 = JSON.parse(cli(colleagueDir, '--json', 'vehicles', 'list', '--query', '99허9999')).items[0];
  // Straight into the colleague's change log: no form of Lotbook writes this.
  execFileSync('python3', [
    '-c',
    `import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
dev, hlc = db.execute("SELECT device_id, max(hlc) FROM changes WHERE device_id = (SELECT device_id FROM changes ORDER BY seq DESC LIMIT 1)").fetchone()
db.execute("INSERT INTO changes (tbl, row_id, col, value, hlc, device_id, op) VALUES ('vehicles', ?, 'price_krw', '천구백만', ?, ?, 'set')", (sys.argv[2], '%016x' % (int(hlc, 16) + 1), dev))
db.commit()`,
    db,
    qm6.id,
  ]);
  // The colleague's clock runs three years ahead (libfaketime) while it edits and syncs.
  const ahead = (...args) =>
    execFileSync('faketime', ['-f', '+1095d', CLI, '--data-dir', colleagueDir, ...args], { encoding: 'utf8' });
  const csv = join(work, 'ahead.csv');
  writeFileSync(
    csv,
    'id,제조사,모델,등급,연식,차량번호,주행거리(km),연료,변속기,색상,가격(만원),전시장,상태,입고일\n' +
      `${qm6.id},르노코리아,QM6,LE,2021,99허9999,43000,gasoline,auto,흰색,1990,월평동,in_stock,2026-12-01\n`,
  );
  ahead('vehicles', 'import-csv', csv);
  ahead('sync', '--folder', folder);
  await (await $t('sync-indicator')).click();
  await (await $t('sync-now')).click();
  const problems = await $t('sync-problems');
  await browser.waitUntil(async () => /가격이 숫자가 아님/.test(await problems.getText()), {
    timeout: 20000,
    timeoutMsg: 'the set-aside price never appeared on the Sync page',
  });
  assert.match(await problems.getText(), /박부장 노트북에서 온 차량 변경 1건을 적용하지 못했습니다/);
  const clocks = await $t('clock-problems');
  await browser.waitUntil(async () => /박부장 노트북의 시계가 3년 빠릅니다/.test(await clocks.getText()), {
    timeout: 20000,
    timeoutMsg: "the colleague's clock was never named",
  });
  await shot('sync-problems-ko');

  await (await $t('nav-today')).click();
  const today = await $t('today-sync-problems');
  await browser.waitUntil(async () => /가격이 숫자가 아님/.test(await today.getText()), {
    timeout: 20000,
    timeoutMsg: 'Today never said a change was set aside',
  });
  assert.match(await (await $t('clock-problems')).getText(), /박부장 노트북의 시계가 3년 빠릅니다/);
  await shot('today-sync-problems-ko');
});
