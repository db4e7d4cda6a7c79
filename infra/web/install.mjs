// Installs a front end's npm packages exactly as its committed lock file says (`npm ci`), but only when the lock
// file changed since the last install: every Maven build would otherwise wipe and reinstall node_modules.
// Usage: node infra/web/install.mjs <front-end directory>
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node install.mjs <front-end directory>');
  process.exit(2);
}
const lock = join(dir, 'package-lock.json');
if (!existsSync(lock)) {
  console.error(`${lock} is missing: commit the lock file`);
  process.exit(1);
}
const hash = createHash('sha256').update(readFileSync(lock)).digest('hex');
const stamp = join(dir, 'node_modules', '.hearth-lock-sha256');
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
  console.log(`${dir}: node_modules matches package-lock.json`);
  process.exit(0);
}
execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], {
  cwd: dir,
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
writeFileSync(stamp, hash);
