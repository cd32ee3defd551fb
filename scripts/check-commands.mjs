#!/usr/bin/env node
// The desktop shell's command list is written in four places: the handler
// list (src-tauri/src/lib.rs), the permissions Tauri generates from
// src-tauri/build.rs, the capability that grants them, and the UI's one api
// module. A command missing from any of them is refused at run time with no
// sign at build time, so this check fails CI when they disagree.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (p) => readFileSync(join(root, p), 'utf8');

const lib = read('src-tauri/src/lib.rs');
const handlerBlock = lib.match(/generate_handler!\[([\s\S]*?)\]/)?.[1] ?? '';
const handlers = new Set([...handlerBlock.matchAll(/(?:\w+::)*(\w+)\s*,?/g)].map((m) => m[1]));

const build = read('src-tauri/build.rs');
const commandsBlock = build.match(/const COMMANDS: &\[&str\] = &\[([\s\S]*?)\];/)?.[1] ?? '';
const declared = new Set([...commandsBlock.matchAll(/"(\w+)"/g)].map((m) => m[1]));

const capability = JSON.parse(read('src-tauri/capabilities/main.json'));
const granted = new Set(
  capability.permissions
    .filter((p) => typeof p === 'string' && p.startsWith('allow-'))
    .map((p) => p.slice('allow-'.length).replaceAll('-', '_')),
);

const api = read('ui/src/api.ts');
const called = new Set([...api.matchAll(/\b(?:call|invoke)(?:<[^()]*?>)?\(\s*"(\w+)"/g)].map((m) => m[1]));
// A command name may also be chosen before the call (`kind === "x" ? "a" : "b"`).
const named = new Set([...api.matchAll(/"(\w+)"/g)].map((m) => m[1]));

const problems = [];
const missing = (from, name, what) => {
  for (const c of from) if (!what.set.has(c)) problems.push(`${c}: ${name}, but not ${what.name}`);
};
const lists = {
  handlers: { set: handlers, name: 'in the handler list of src-tauri/src/lib.rs' },
  declared: { set: declared, name: 'in COMMANDS of src-tauri/build.rs' },
  granted: { set: granted, name: 'granted by src-tauri/capabilities/main.json' },
  called: { set: called, name: 'called by ui/src/api.ts' },
  named: { set: named, name: 'named in ui/src/api.ts' },
};
for (const [a, b] of [
  ['handlers', 'declared'],
  ['declared', 'handlers'],
  ['declared', 'granted'],
  ['granted', 'declared'],
  ['called', 'handlers'],
  ['handlers', 'named'],
]) {
  missing(lists[a].set, lists[a].name, lists[b]);
}
if (handlers.size === 0 || declared.size === 0 || called.size === 0) {
  problems.push('a command list could not be read: the check itself needs updating');
}
if (problems.length > 0) {
  console.error('The command lists disagree:\n  ' + [...new Set(problems)].sort().join('\n  '));
  process.exit(1);
}
console.log(`commands: ${handlers.size} handled, declared, granted and called alike`);
