// The `note_painted` command under abuse: anything running in the webview
// can call it with anything, as often as it likes. The app must stay up,
// answer a wrong shape with the one error shape, and log one line a start
// with no nonsense figure in it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { $t, appPids, browser, screenReady, start, stop, readLogs } from './harness.mjs';

const logDir = mkdtempSync(join(tmpdir(), 'lotbook-painted-e2e-'));
const logText = () => readLogs(logDir);
const paintedLines = () => logText().split('\n').filter((l) => l.includes('start to painted Today'));

before(async () => {
  await start(undefined, { LOTBOOK_LOG_DIR: logDir });
});
after(async () => {
  await stop();
  rmSync(logDir, { recursive: true, force: true });
});

// PAINTED_REPORT_ONLY=1 prints every failed check instead of stopping at
// the first (to see what an older build does).
const reportOnly = process.env.PAINTED_REPORT_ONLY === '1';
function check(ok, what) {
  if (reportOnly) console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  else assert.ok(ok, what);
}

/** Calls the command straight through the IPC, as any script in the page could; what it answered. */
async function invoke(args) {
  return browser.executeAsync((a, done) => {
    window.__TAURI_INTERNALS__
      .invoke('note_painted', a)
      .then((v) => done({ ok: true, value: v ?? null }))
      .catch((e) => done({ ok: false, err: e }));
  }, args);
}

test('note_painted takes junk, floods and huge payloads without a crash or a flooded log', async () => {
  // The page's own call is logged once, with figures.
  await browser.waitUntil(async () => paintedLines().length > 0, { timeout: 20000, timeoutMsg: 'the start was never logged' });
  assert.match(paintedLines()[0], /start to painted Today: \d+\.\d\d s \(page load began/);

  // Wrong shapes: the one error shape, short, not echoing what came.
  const wrong = [
    { marks: 'soon' },
    { marks: null },
    { marks: [1, 2, 3] },
    { marks: { page_began_ms: '1', script_ms: 2, painted_ms: 3 } },
    { marks: { page_began_ms: 1, script_ms: 2 } },
    // NaN and Infinity become null in JSON.
    { marks: { page_began_ms: NaN, script_ms: Infinity, painted_ms: -Infinity } },
    {},
    'HUGE',
  ];
  for (const args of wrong) {
    const answer = args === 'HUGE' ? await invokeHuge() : await invoke(args);
    const label = args === 'HUGE' ? 'an 8 MB string mark' : JSON.stringify(args);
    const said = JSON.stringify(answer.err ?? null);
    check(answer.ok === false, `${label}: refused`);
    check(typeof answer.err === 'object' && answer.err?.code === 'invalid_number', `${label}: {code,message} (got ${said.slice(0, 160)})`);
    check(said.length < 400, `${label}: a short answer (${said.length} chars)`);
  }

  // Nonsense numbers: accepted (a diagnostic only) but never logged as a figure.
  for (const marks of [
    { page_began_ms: -5, script_ms: -4, painted_ms: -3 },
    { page_began_ms: 1e308, script_ms: 1e308, painted_ms: 1e308 },
    { page_began_ms: 0, script_ms: 0, painted_ms: 0 },
    { page_began_ms: 9, script_ms: 8, painted_ms: 7 },
  ]) {
    check((await invoke({ marks })).ok, `${JSON.stringify(marks)}: accepted`);
  }

  // Thousands of calls at once.
  const flood = await browser.executeAsync((done) => {
    const marks = { page_began_ms: 1, script_ms: 2, painted_ms: 3 };
    const calls = Array.from({ length: 5000 }, () => window.__TAURI_INTERNALS__.invoke('note_painted', { marks }).then(() => 1, () => 0));
    Promise.all(calls).then((r) => done(r.reduce((a, b) => a + b, 0)));
  });
  check(flood === 5000, `every call of 5000 answered (${flood})`);

  // Still up, still working, one line in the log.
  check(appPids().length > 0, 'the app is still running');
  await (await $t('nav-inventory')).click();
  await screenReady('inventory');
  const lines = paintedLines();
  check(lines.length === 1, `logged once (${lines.length} lines; the first ones:\n${lines.slice(0, 4).join('\n')})`);
  check(logText().length < 64 << 10, `the log stays small (${logText().length} bytes)`);
  check(!/\d{7,}|NaN|inf\b/.test(lines.join('\n')), 'no nonsense figure in the log');
});

/** An 8 MB string as a mark, built inside the page (not sent through WebDriver). */
async function invokeHuge() {
  return browser.executeAsync((done) => {
    const marks = { page_began_ms: 'x'.repeat(8 << 20), script_ms: 2, painted_ms: 3 };
    window.__TAURI_INTERNALS__
      .invoke('note_painted', { marks })
      .then((v) => done({ ok: true, value: v ?? null }))
      .catch((e) => done({ ok: false, err: e }));
  });
}
