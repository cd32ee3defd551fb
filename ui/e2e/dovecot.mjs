// A throwaway Dovecot IMAP server on loopback for the mailbox e2e: the same
// script the Rust tests use (tests/it/support/dovecot_server.py), and messages
// put into its folders with IMAP APPEND as a mail program would.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function startDovecot(user, password) {
  const dir = mkdtempSync(join(tmpdir(), 'lotbook-imap-'));
  const child = spawn('python3', [join(ROOT, 'tests/it/support/dovecot_server.py'), '--dir', dir, '--user', user, '--password', password], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/READY (\d+)/);
      if (m) resolve(Number(m[1]));
      else if (out.includes('FAILED')) reject(new Error('dovecot did not start'));
    });
    child.once('exit', () => reject(new Error('dovecot_server.py ended')));
  });
  return {
    port,
    user,
    /** Puts `raw` into `folder` (INBOX, Sent) with IMAP APPEND. */
    append(folder, raw) {
      const py = `import imaplib,sys
m=imaplib.IMAP4('127.0.0.1',${port}); m.login(sys.argv[1],sys.argv[2])
print(m.append(sys.argv[3],None,None,sys.stdin.buffer.read())[0])`;
      const r = spawnSync('python3', ['-c', py, user, password, folder], { input: Buffer.from(raw) });
      if (r.status !== 0 || !String(r.stdout).includes('OK')) throw new Error(`append failed: ${r.stderr}`);
    },
    stop() {
      child.stdin.end();
    },
  };
}

/** A plain UTF-8 message. */
export function mail({ from, to, id, subject, body, inReplyTo }) {
  const date = new Date().toUTCString().replace('GMT', '+0000');
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    `Message-ID: <${id}>`,
    ...(inReplyTo ? [`In-Reply-To: <${inReplyTo}>`] : []),
    `Date: ${date}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '',
  ].join('\r\n');
}
