// Settings › Backups on the real app: back up now (database and photos, with
// progress), the new backup listed with what it holds, verify it, and the
// restore preview. Confirming a restore restarts the app (it restores before
// it opens the data folder), which tauri-driver cannot follow, so the restore
// itself is checked through the CLI here and in tests/backup_photos.rs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { $t, $$t, browser, shot, start, stop } from './harness.mjs';

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
