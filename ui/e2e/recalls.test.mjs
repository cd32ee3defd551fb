// A recall on the real app: the demo's maker file (R-2026-11, the 그랜저 fuel
// pump) left one 그랜저 in stock with the recall open. The inventory badges
// it (리콜 미조치), its page lists the recall with done / not applicable, and
// recording its sale first says what to tell the buyer and waits for the
// dealer's confirmation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, stop, shot, setLanguage, openInventory, typeInto, waitAllRowsMatch, $t, $$t } from './harness.mjs';

before(async () => {
  await start();
  await setLanguage('ko');
});

after(async () => {
  await stop();
});

test('a stock car with an open recall shows its badge, its recall and the sale asks first', async () => {
  await openInventory();
  await typeInto(await $t('inventory-search'), '그랜저');
  await waitAllRowsMatch(/그랜저/);
  const badge = await $t('recall-badge');
  await badge.waitForDisplayed({ timeout: 10000 });
  assert.equal(await badge.getText(), '리콜 미조치');
  assert.equal((await $$t('recall-badge')).length, 1, 'only the car in stock; sold ones are told by the campaign');
  await shot('recall-badge-ko');

  // Its page: the badge and the recall, open, with its code and deadline.
  const row = await badge.parentElement().parentElement();
  await (await row.$('td')).click();
  await (await $t('vehicle-detail')).waitForDisplayed({ timeout: 10000 });
  await (await $t('recall-badge')).waitForDisplayed({ timeout: 10000 });
  const recall = await $t('recall-row');
  await recall.waitForDisplayed({ timeout: 10000 });
  assert.equal(await recall.getAttribute('data-state'), 'open');
  assert.match(await recall.getText(), /R-2026-11/);
  assert.match(await recall.getText(), /시정 기한/);

  // Recording its sale says what to tell the buyer and waits for the confirmation.
  await (await $t('sale-record')).click();
  const notice = await $t('sale-recall');
  await notice.waitForDisplayed({ timeout: 10000 });
  assert.match(await notice.getText(), /리콜 코드 R-2026-11/);
  assert.equal(await (await $t('sale-save')).isEnabled(), false, 'no sale before the buyer is told');
  await (await $t('sale-recall-told')).click();
  assert.equal(await (await $t('sale-save')).isEnabled(), true);
  await (await $t('vehicle-recalls')).scrollIntoView({ block: 'start' });
  await shot('recall-car-ko');
  await (await $t('sale-cancel')).click();
});
