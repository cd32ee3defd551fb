// A real-looking Excel stock list brought into the app (issue 16): the file is
// written by openpyxl, dropped on Inventory › 엑셀·CSV 가져오기, previewed (the
// unknown column 메이커 leaves no make: one problem at row 1, the header),
// the mapping fixed in the preview, then imported with progress; the next
// file with the same headers gets the remembered mapping.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browser, start, stop, shot, setLanguage, $t, $$t } from './harness.mjs';

const WRITE = `
import datetime, sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "재고"
ws.append(["비고2", "모델", "연식", "차량번호", "주행거리(km)", "가격(만원)", "전시장", "입고일", "메모"])
ws.append(["현대", "아이오닉 5", 2022, "12가" + sys.argv[2] + "01", 31000, "3,150만원", "월평동", datetime.date(2026, 11, 3), "1인 소유"])
ws.append([])
ws.append(["기아", "EV6", 2023, "34나" + sys.argv[2] + "02", 12000, 4280, "월평동", datetime.date(2026, 11, 20), None])
notes = wb.create_sheet("메모")
notes.append(["12월 입고분"])
wb.save(sys.argv[1])
`;

function stockList(name, plates) {
  const file = join(mkdtempSync(join(tmpdir(), 'lotbook-import-')), name);
  execFileSync('python3', ['-c', WRITE, file, plates]);
  return file;
}

async function drop(path) {
  // The same event the OS drop delivers (WebDriver cannot drag files from a desktop).
  await browser.execute(
    (paths) =>
      window.__TAURI_INTERNALS__.invoke('plugin:event|emit', {
        event: 'tauri://drag-drop',
        payload: { paths, position: { x: 400, y: 400 } },
      }),
    [path],
  );
}

async function problemRows() {
  return browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="import-problem"]')).map((e) => e.getAttribute('data-row')),
  );
}

before(async () => {
  await start();
  await setLanguage('ko');
});

after(async () => {
  await stop();
});

test('an .xlsx stock list is previewed, its mapping fixed, and imported', async () => {
  await (await $t('nav-inventory')).waitForClickable({ timeout: 20000 });
  await (await $t('nav-inventory')).click();
  await (await $t('vehicle-import')).click();
  await (await $t('import-screen')).waitForDisplayed({ timeout: 5000 });

  await drop(stockList('12월 재고.xlsx', '90'));
  await (await $t('import-table')).waitForDisplayed({ timeout: 20000 });
  // Rows as Excel numbers them: the empty row 3 is left out.
  const rows = await browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="import-table"] tbody tr')).map((e) => e.getAttribute('data-row')),
  );
  assert.deepEqual(rows, ['2', '4']);
  await browser.waitUntil(async () => (await problemRows()).length === 1, { timeout: 10000, timeoutMsg: 'the problem never showed' });
  assert.deepEqual(await problemRows(), ['1']);
  // The problem in the dealer's language: the row, what is missing, no English sentence.
  const problem = await (await $t('import-problem')).getText();
  assert.match(problem, /^1행:/);
  assert.match(problem, /꼭 필요한 열이 없습니다: 제조사/);
  assert.doesNotMatch(problem, /[A-Za-z]+(\s+[A-Za-z]+){2,}/, `an English sentence in: ${problem}`);
  assert.equal(await (await $t('import-run')).isEnabled(), false);
  await shot('import-preview-problem-ko');

  // 비고2 holds the make.
  await (await $t('import-map-A')).selectByAttribute('value', 'make');
  await browser.waitUntil(async () => (await $$t('import-problem')).length === 0, {
    timeout: 20000,
    timeoutMsg: 'the problem stayed after the mapping was fixed',
  });
  await shot('import-preview-ko');
  await (await $t('import-run')).click();
  const done = await $t('import-done');
  await done.waitForDisplayed({ timeout: 60000 });
  assert.match(await done.getText(), /새 차량 2대/);

  // The next file with the same headers: the remembered mapping, no problem.
  await drop(stockList('1월 재고.xlsx', '91'));
  await browser.waitUntil(async () => /지난번/.test(await (await $t('import-summary')).getText()), {
    timeout: 20000,
    timeoutMsg: 'the remembered mapping was not used',
  });
  assert.equal((await $$t('import-problem')).length, 0);
});
