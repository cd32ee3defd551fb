// The condition report on the real app: a dealer marks a scratch on the left
// front door of a demo car, sees the summary change as they mark, saves,
// reopens the report, links a photo to that panel and finds it from the
// diagram; screenshots of the editor, the report and the print view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browser, start, stop, shot, setLanguage, openVehicle, $t } from './harness.mjs';

const DOOR = 'front_door_l';

before(async () => {
  await start();
  await setLanguage('ko');
});

after(async () => {
  await stop();
});

const summaryText = async () => (await $t('condition-summary')).getText();
/** "흠집 2" -> 2; no scratches -> 0. */
const scratches = (text) => Number(/흠집 (\d+)/.exec(text)?.[1] ?? 0);

/** The marks drawn on a panel of the diagram, read from the SVG itself. */
async function drawnMarks(panel) {
  return browser.execute(
    (key) =>
      Array.from(document.querySelectorAll(`[data-testid="condition-diagram"] g.mark[data-panel="${key}"]`)).map((g) => g.textContent),
    panel,
  );
}

/**
 * Clicks a panel on the diagram where a person would: the middle of its
 * shape. (WebKitWebDriver will not "click" an SVG element itself.)
 */
async function clickPanel(panel) {
  const shape = await browser.$(`[data-testid="condition-diagram"] g.panel[data-panel="${panel}"] > :is(path, rect)`);
  await shape.scrollIntoView({ block: 'center' });
  const { x, y } = await browser.execute((el) => {
    const r = el.getBoundingClientRect();
    return { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) };
  }, shape);
  await browser.action('pointer').move({ x, y, origin: 'viewport' }).down().up().perform();
}

test('marking the left front door with A changes the summary, saves, and reopens', async () => {
  await openVehicle('말리부');
  const card = await $t('condition-card');
  await card.scrollIntoView();
  await (await $t('condition-summary')).waitForDisplayed({ timeout: 10000 });
  const before = await summaryText();
  assert.match(before, /^무사고/, 'the demo 말리부 is an accident-free car');
  assert.deepEqual(await drawnMarks(DOOR), [], 'the door starts unmarked');

  await (await $t('condition-edit')).click();
  await (await $t('condition-form')).waitForDisplayed({ timeout: 10000 });
  await clickPanel(DOOR);
  await browser.waitUntil(async () => (await (await $t('panel-editor')).getAttribute('data-panel')) === DOOR, {
    timeout: 5000,
    timeoutMsg: 'clicking the door on the diagram did not choose it',
  });
  // The letter key marks the chosen panel, as the hint says.
  await browser.keys('a');
  await browser.waitUntil(async () => (await (await $t('mark-A')).getAttribute('aria-pressed')) === 'true', {
    timeout: 5000,
    timeoutMsg: 'the A key did not mark the door',
  });
  await browser.waitUntil(async () => scratches(await summaryText()) === scratches(before) + 1, {
    timeout: 5000,
    timeoutMsg: `the summary did not count the new scratch (was "${before}")`,
  });
  assert.match(await summaryText(), /^무사고/);
  await browser.waitUntil(async () => (await drawnMarks(DOOR)).join() === 'A', { timeout: 5000, timeoutMsg: 'the diagram did not draw A on the door' });
  await (await $t('condition-diagram')).scrollIntoView({ block: 'start' });
  await shot('condition-editor-ko');

  await (await $t('condition-save')).click();
  await (await $t('vehicle-detail')).waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => scratches(await summaryText()) === scratches(before) + 1, {
    timeout: 10000,
    timeoutMsg: 'the saved report does not show the new scratch',
  });
  await browser.waitUntil(async () => (await drawnMarks(DOOR)).join() === 'A', { timeout: 5000, timeoutMsg: 'the saved diagram lacks the mark' });

  // Reopen: the mark is still there in the editor.
  await (await $t('condition-edit')).click();
  await (await $t('condition-form')).waitForDisplayed({ timeout: 10000 });
  await clickPanel(DOOR);
  await browser.waitUntil(async () => (await (await $t('mark-A')).getAttribute('aria-pressed')) === 'true', {
    timeout: 5000,
    timeoutMsg: 'the reopened report lost the mark',
  });
  await (await $t('condition-cancel')).click();
  await (await $t('vehicle-detail')).waitForDisplayed({ timeout: 10000 });
});

test('a photo linked to the door opens from the diagram', async () => {
  // The report above the gallery has its final height once its diagram is drawn.
  await (await $t('condition-diagram')).waitForDisplayed({ timeout: 10000 });
  // Link the first photo to the left front door from the viewer.
  // The cards above the gallery (sale, history) finish loading on their own
  // time and can move the tile under the pointer: click until it opens.
  const open = await browser.$('[data-testid="photo-tile"] [data-testid="photo-open"]');
  await browser.waitUntil(
    async () => {
      await open.scrollIntoView({ block: 'center' });
      await open.click();
      return (await $t('photo-viewer')).isDisplayed();
    },
    { timeout: 10000, interval: 500, timeoutMsg: 'the photo viewer never opened' },
  );
  await (await $t('photo-part-select')).selectByAttribute('value', DOOR);
  await (await $t('photo-viewer-close')).click();
  await browser.waitUntil(
    async () => (await browser.execute(() => document.querySelector('[data-testid="photo-part-badge"]')?.textContent)) === '앞 도어 좌',
    { timeout: 5000, timeoutMsg: 'the tile does not show its panel' },
  );

  // From the report's diagram: the door shows its mark and the photo.
  await clickPanel(DOOR);
  const detail = await $t('panel-detail');
  await detail.waitForDisplayed({ timeout: 5000 });
  assert.equal(await detail.getAttribute('data-panel'), DOOR);
  assert.match(await detail.getText(), /흠집/);
  await browser.waitUntil(async () => (await browser.$$('[data-testid="panel-detail"] [data-testid="part-photo"]')).length === 1, {
    timeout: 5000,
    timeoutMsg: 'the linked photo is not listed under the door',
  });
  await (await $t('condition-card')).scrollIntoView({ block: 'start' });
  await shot('condition-report-ko');
  await (await browser.$('[data-testid="panel-detail"] [data-testid="part-photo"]')).click();
  await (await $t('photo-viewer')).waitForDisplayed({ timeout: 5000 });
  assert.match(await (await $t('photo-viewer')).getText(), /앞 도어 좌/);
  await browser.keys('Escape');
  await (await $t('photo-viewer')).waitForDisplayed({ reverse: true, timeout: 5000 });
});

test('the print view lays the report out on an A4 sheet', async () => {
  await (await $t('condition-print')).click();
  const sheet = await $t('condition-print-sheet');
  await sheet.waitForDisplayed({ timeout: 10000 });
  const text = await sheet.getText();
  assert.match(text, /성능·상태 점검 기록/);
  assert.match(text, /앞 도어 좌/);
  // 210 mm at 96 dpi.
  const { width } = await sheet.getSize();
  assert.ok(Math.abs(width - 794) <= 2, `the sheet is A4 wide (got ${width}px)`);
  await shot('condition-print-ko');
  await (await $t('back')).click();
  await (await $t('vehicle-detail')).waitForDisplayed({ timeout: 10000 });
});
