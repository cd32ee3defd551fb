// Exports from the app (issue 16 items 2 and 4): the vehicles saved as .xlsx
// from Inventory, then "take everything with you" from Settings › Data with
// its progress, into a folder whose README, photos and calendar are checked
// on disk. WebDriver cannot answer the OS dialogs: with $LOTBOOK_SAVE_DIR
// set the app saves into that folder without asking.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { $t, shot, start, stop } from './harness.mjs';

const CLI = process.env.LOTBOOK_CLI;
assert.ok(CLI, 'LOTBOOK_CLI must point at the built lotbook CLI');
const work = mkdtempSync(join(tmpdir(), 'lotbook-takeout-e2e-'));
const dataDir = join(work, 'data');
const outDir = join(work, 'out');

before(async () => {
  execFileSync(CLI, ['--data-dir', dataDir, 'demo']);
  mkdirSync(outDir);
  await start(dataDir, { LOTBOOK_SAVE_DIR: outDir });
});
after(async () => {
  await stop();
  rmSync(work, { recursive: true, force: true });
});

test('vehicles saved as .xlsx from Inventory, then everything taken out from Settings', async () => {
  await (await $t('nav-inventory')).waitForClickable({ timeout: 20000 });
  await (await $t('nav-inventory')).click();
  await (await $t('export-vehicles-xlsx')).click();
  const saved = await $t('export-vehicles-saved');
  await saved.waitForDisplayed({ timeout: 20000 });
  assert.match(await saved.getText(), /40줄을 저장했습니다/);
  const xlsx = readdirSync(outDir).filter((n) => /^차량 \d{4}-\d{2}-\d{2}\.xlsx$/.test(n));
  assert.equal(xlsx.length, 1, readdirSync(outDir).join(', '));
  assert.ok(statSync(join(outDir, xlsx[0])).size > 1000, 'the workbook is on disk');

  await (await $t('nav-settings')).click();
  await (await $t('take-everything-start')).scrollIntoView();
  await (await $t('take-everything-start')).click();
  const done = await $t('take-everything-done');
  await done.waitForDisplayed({ timeout: 120000 });
  await shot('takeout-done');
  const folder = await (await $t('take-everything-path')).getText();
  assert.ok(folder.startsWith(outDir), folder);
  assert.match(await done.getText(), /사진 [\d,]+장/);
  const readme = readFileSync(join(folder, 'README.txt'), 'utf8');
  assert.match(readme, /\[한국어\]/);
  assert.match(readme, /\[English\]/);
  const cars = readdirSync(join(folder, '사진 photos'));
  assert.ok(cars.length > 30, `${cars.length} car folders`);
  assert.ok(existsSync(join(folder, '방문 일정 visits.ics')));
  // Only the finished folder (and the workbook) in the chosen place: no partial one.
  assert.deepEqual(readdirSync(outDir).filter((n) => n.startsWith('.')), []);
});
