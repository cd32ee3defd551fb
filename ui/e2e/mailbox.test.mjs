// The mailbox on the real app: the Seoul customer's e-mail arrives in the
// dealer's INBOX (a real Dovecot on loopback) and shows on Today as
// unanswered; a stranger's inquiry is offered on Inquiries as a new
// customer; the dealer's reply from the "webmail" (put into Sent) clears
// the inquiry from Today. Screenshots of Today and the offer, in Korean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { browser, start, stop, shot, setLanguage, $t, $$t } from './harness.mjs';
import { mail, startDovecot } from './dovecot.mjs';

const USER = `dealer-${process.pid}@lotbook.test`;
const PASSWORD = 'e2e-app-password';
let server;

// The rows' text as the page renders it (innerText: WebKitWebDriver's
// getText of these buttons does not give their whole text).
const todayRow = async (re) => {
  const texts = await browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="today-inquiry"]')).map((e) => e.innerText),
  );
  const i = texts.findIndex((t) => re.test(t));
  return i < 0 ? null : { el: (await $$t('today-inquiry'))[i], text: texts[i] };
};

before(async () => {
  server = await startDovecot(USER, PASSWORD);
  const cli = spawnSync(
    process.env.LOTBOOK_CLI,
    ['settings', 'imap', 'set', '--host', '127.0.0.1', '--port', String(server.port), '--security', 'none',
      '--username', USER, '--password-env', 'LOTBOOK_E2E_IMAP_PASSWORD'],
    { env: { ...process.env, LOTBOOK_E2E_IMAP_PASSWORD: PASSWORD }, encoding: 'utf8' },
  );
  assert.equal(cli.status, 0, cli.stderr);
  server.append('INBOX', mail({
    from: '이준혁 <junhyuk.lee@naver.com>', to: USER, id: 'e2e-seoul@naver.com',
    subject: 'SM520 메일 문의', body: '토요일 12시에 가도 될까요?',
  }));
  server.append('INBOX', mail({
    from: '박새손 <new.buyer@gmail.com>', to: USER, id: 'e2e-stranger@gmail.com',
    subject: '아반떼 매물 아직 있나요?', body: '가격 조정 가능한지 궁금합니다.',
  }));
  await start();
  await setLanguage('ko');
});

after(async () => {
  await stop();
  server?.stop();
});

test('the Seoul customer\'s e-mail shows on Today as unanswered', async () => {
  await (await $t('nav-today')).click();
  await browser.waitUntil(async () => (await todayRow(/SM520 메일 문의/)) !== null, { timeout: 60000 }).catch(() => {});
  const row = await todayRow(/SM520 메일 문의/);
  if (!row) {
    await shot('today-mail-ko');
    const texts = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="today-inquiry"]')).map((e) => e.innerText),
    );
    assert.fail(`the e-mail inquiry never reached Today: ${JSON.stringify(texts)}`);
  }
  assert.match(row.text, /이준혁/);
  assert.equal(await row.el.getAttribute('data-mail'), 'true');
  await row.el.scrollIntoView({ block: 'center' });
  await shot('today-mail-ko');
});

test('a stranger\'s inquiry is offered as a new customer', async () => {
  await (await $t('nav-inquiries')).click();
  const leads = await $t('mail-leads');
  await leads.waitForDisplayed({ timeout: 15000 });
  assert.match(await leads.getText(), /새 고객인가요\?/);
  assert.match(await leads.getText(), /박새손/);
  assert.match(await leads.getText(), /아반떼 매물 아직 있나요\?/);
  await shot('inquiries-new-customer-ko');
});

test('the dealer\'s reply from the webmail (in Sent) clears it from Today', async () => {
  server.append('Sent', mail({
    from: USER, to: '이준혁 <junhyuk.lee@naver.com>', id: 'e2e-reply@lotbook.test',
    subject: 'Re: SM520 메일 문의', body: '네, 토요일 12시에 뵙겠습니다.', inReplyTo: 'e2e-seoul@naver.com',
  }));
  // "지금 확인" in Settings › 받은 메일 (the worker would see it at its next look).
  await (await $t('nav-settings')).click();
  const check = await $t('mailbox-check');
  await check.waitForExist({ timeout: 15000 });
  await check.scrollIntoView({ block: 'center' });
  await check.click();
  await browser.waitUntil(async () => (await (await $t('mailbox-state')).getAttribute('data-state')) === 'ok', { timeout: 30000 });
  await (await $t('nav-today')).click();
  await browser.waitUntil(async () => (await todayRow(/SM520 메일 문의/)) === null, {
    timeout: 30000,
    timeoutMsg: 'the answered inquiry stayed on Today',
  });
});
