// Tests only: run with the computer in another time zone (Node reads TZ on each change).
type Env = Record<string, string | undefined>;

const env: Env = (globalThis as unknown as { process: { env: Env } }).process.env;
const original = env.TZ;

export function setTimeZone(tz: string): void {
  env.TZ = tz;
}

export function restoreTimeZone(): void {
  if (original === undefined) delete env.TZ;
  else env.TZ = original;
}
