// One case of scripts/package-test.sh: drives the Lotbook installed from the
// .deb inside the clean rootfs, through the tauri-driver running there, as
// a dealer would: Settings › 업데이트 확인, then install or not. Exits
// non-zero when what it sees is not what the case expects.
//   node ui/e2e/package-drive.mjs CASE DRIVER_PORT APP SHOTS VERSION_N VERSION_N1
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { remote } from 'webdriverio';

const [caseName, port, app, shots, versionN, versionN1] = process.argv.slice(2);
const browser = await remote({
  hostname: '127.0.0.1',
  port: Number(port),
  logLevel: 'warn',
  connectionRetryCount: 3,
  capabilities: { 'wdio:enforceWebDriverClassic': true, 'tauri:options': { application: app } },
});
const $t = (id) => browser.$(`[data-testid="${id}"]`);
const shot = async (name) => {
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  await browser.saveScreenshot(join(shots, `${name}.png`));
};
const seen = async (id) => (await $t(id)).isExisting();

try {
  const nav = await $t('nav-settings');
  const welcome = await $t('welcome');
  // The first start of a fresh home creates the data folder and greets its
  // dealer (the welcome); a later start opens the app: give it time.
  await browser.waitUntil(async () => (await welcome.isExisting()) || (await nav.isExisting()), {
    timeout: 90000,
    timeoutMsg: 'neither the welcome nor the app appeared',
  });
  if (await welcome.isExisting()) {
    await (await $t('welcome-name')).setValue('김민수');
    await (await $t('welcome-phone')).setValue('010-1234-5678');
    await (await $t('welcome-team')).setValue('대전모터스');
    if (caseName === 'first-run') await shot('package-first-run');
    await (await $t('welcome-empty')).click();
  } else if (caseName === 'first-run') {
    await shot('package-first-run');
  }
  await nav.waitForClickable({ timeout: 30000 });
  await nav.click();
  const about = await $t('about');
  await about.waitForExist({ timeout: 20000 });
  await about.scrollIntoView();
  const version = await $t('about-version');
  await version.waitForExist({ timeout: 10000 });
  const expected = caseName === 'after' ? versionN1 : versionN;
  assert.equal(await version.getText(), `지금 버전 ${expected}`);

  await (await $t('update-check')).click();
  await browser.waitUntil(async () => (await seen('update-found')) || (await seen('update-current')) || (await seen('update-check-error')), {
    timeout: 30000,
    timeoutMsg: 'the update check never answered',
  });
  if (await seen('update-check-error')) assert.fail(`check failed: ${await (await $t('update-check-error')).getText()}`);
  if (caseName === 'after') {
    assert.ok(await seen('update-current'), 'the updated app should find no newer version');
    console.log(`[${caseName}] runs ${expected}; "${await (await $t('update-current')).getText()}"`);
  } else {
    assert.ok(await seen('update-found'), 'an update should be found');
    const found = await (await $t('update-found')).getText();
    console.log(`[${caseName}] found: ${found.split('\n')[0]}`);
    if (caseName === 'first-run') {
      await (await $t('update-install')).scrollIntoView();
      await shot('package-update-found');
    } else {
      await (await $t('update-install')).click();
      await browser.waitUntil(async () => (await seen('update-ready')) || (await seen('update-error')), {
        timeout: 180000,
        timeoutMsg: 'the install never finished',
      });
      if (caseName === 'install') {
        if (await seen('update-error')) assert.fail(`install failed: ${await (await $t('update-error')).getText()}`);
        const ready = await (await $t('update-ready')).getText();
        console.log(`[${caseName}] ${ready.split('\n')[0]}`);
        await shot('package-update-installed');
      } else {
        assert.ok(await seen('update-error'), `the ${caseName} update should be refused`);
        const message = await (await $t('update-error')).getText();
        console.log(`[${caseName}] refused: ${message}`);
        assert.match(message, /서명이 맞지 않아 설치하지 않았습니다/);
        if (caseName === 'tampered') await shot('package-update-refused');
      }
    }
  }
} finally {
  try {
    await browser.deleteSession();
  } catch {
    // the app may be gone already
  }
}
