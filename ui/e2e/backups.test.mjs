// Settings › Backups on the real app: back up now (database and photos, with
// progress), the new backup listed with what it holds, verify it, the
// restore preview; then a car deleted in the app comes back when that backup
// is restored from Settings, in the same window (the app restores in place:
// no restart), and Backups says what was restored and where the data it
// replaced was saved.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { $t, $$t, browser, openInventory, openVehicle, shot, start, stop } from './harness.mjs';

const CLI = process.env.LOTBOOK_CLI;
assert.ok(CLI, 'LOTBOOK_CLI must point at the built lotbook CLI');

const work = mkdtempSync(join(tmpdir(), 'lotbook-backups-e2e-'));
const appDir = join(work, 'app');
const cli = (dir, ...args) => execFileSync(CLI, ['--data-dir', dir, ...args], { encoding: 'utf8' });

before(async () => {
  cli(appDir, 'demo');
  await start(appDir);
});
after(async () => {
  await stop();
  rmSync(work, { recursive: true, force: true });
});

test('back up now from Settings, verify it, preview a restore', async () => {
  const nav = await $t('nav-settings');
  await nav.waitForDisplayed({ timeout: 20000 });
  await nav.click();
  const section = await $t('settings-backups');
  await section.waitForDisplayed({ timeout: 10000 });
  await section.scrollIntoView();
  const before = (await $$t('backup-row')).length;

  await (await $t('backup-now')).click();
  await (await $t('backup-note')).waitForDisplayed({ timeout: 60000 });
  await browser.waitUntil(async () => (await $$t('backup-row')).length > before, {
    timeout: 10000,
    timeoutMsg: 'the new backup was never listed',
  });
  const summary = await (await $$t('backup-summary'))[0].getText();
  assert.match(summary, /차량 40대/);
  assert.match(summary, /사진 \d+장/);
  const manual = readdirSync(join(appDir, 'backups')).filter((n) => n.startsWith('manual-') && !n.includes('.partial'));
  assert.equal(manual.length, 1, 'one manual backup folder');

  await (await $$t('backup-verify'))[0].click();
  await (await $t('backup-verify-ok')).waitForDisplayed({ timeout: 60000 });
  await shot('settings-backups-ko');

  await (await $$t('backup-restore'))[0].click();
  const what = await $t('restore-preview-what');
  await what.waitForDisplayed({ timeout: 10000 });
  assert.match(await what.getText(), /차량 40대/);
  await shot('settings-backups-restore-preview-ko');
  await (await $t('restore-cancel')).click();

  // The backup restores on "another computer" with every photo (CLI).
  const other = join(work, 'other');
  cli(other, 'restore', join(appDir, 'backups', manual[0]));
  assert.match(cli(other, 'check'), /^OK: .*40 vehicles/);
});

test('a car deleted after the backup is back once that backup is restored from Settings', async () => {
  const cars = JSON.parse(cli(appDir, '--json', 'vehicles', 'list')).items;
  const plate = cars.find((v) => v.plate)?.plate;
  assert.ok(plate, 'a demo car with a plate');
  const total = async () => Number(await (await $t('inventory-total')).getAttribute('data-total'));

  // Delete it in the app.
  await openVehicle(plate);
  await (await $t('vehicle-delete')).click();
  await (await $t('vehicle-delete-confirm')).click();
  await (await $t('vehicle-detail')).waitForExist({ reverse: true, timeout: 10000 });
  await openInventory();
  await browser.waitUntil(async () => (await total()) === 39, { timeout: 10000, timeoutMsg: 'the car was never deleted' });

  // Restore the manual backup taken before (newest first, so the first row).
  await (await $t('nav-settings')).click();
  const section = await $t('settings-backups');
  await section.waitForDisplayed({ timeout: 10000 });
  const primary = await $t('backup-location-primary');
  const row = (await primary.$$('[data-testid="backup-row"]'))[0];
  await (await row.$('[data-testid="backup-restore"]')).click();
  await (await $t('restore-preview-what')).waitForDisplayed({ timeout: 10000 });
  await (await $t('restore-confirm')).click();
  const outcome = await $t('restore-outcome');
  await outcome.waitForDisplayed({ timeout: 60000 });
  assert.match(await outcome.getText(), /백업을 복원했습니다 · 차량 40대 · 고객 \d+명 · 사진 \d+장/);
  const saved = await (await $t('restore-saved-to')).getText();
  assert.match(saved, /복원하기 전의 데이터는 여기에 백업해 두었습니다: .*backups.*manual-/);
  await section.scrollIntoView();
  await shot('settings-backups-restored-ko');

  // The data the window shows is the restored one: the car is back.
  await openInventory();
  await browser.waitUntil(async () => (await total()) === 40, { timeout: 10000, timeoutMsg: 'the restored car never came back' });
  await openVehicle(plate);

  // The folder is sound, and the data it replaced was kept as a backup with 39 cars.
  assert.match(cli(appDir, 'check'), /^OK: .*40 vehicles/);
  const savedName = saved.split(/[\\/]/).pop();
  assert.match(cli(appDir, 'backups', 'list'), new RegExp(`${savedName}.*39 cars`));
});
