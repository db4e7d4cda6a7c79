// Runs a command beside the build and collects its result later: the PWA's tests (one Node worker on two cores)
// run while the JVM's unit tests run, instead of after them.
//   node beside.mjs start <marker> <dir> <command> [args...]   starts it and returns at once
//   node beside.mjs wait <marker> [minutes]                    prints its output and exits with its exit code
// <marker>.log holds the output and <marker>.rc the exit code once it ended. A wait without a start, or past the
// limit, fails: a result never read is never taken as a pass.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const [mode, marker, ...rest] = process.argv.slice(2);
const log = `${marker}.log`;
const rc = `${marker}.rc`;
const started = `${marker}.started`;

function usage() {
  console.error('usage: node beside.mjs start <marker> <dir> <command> [args...] | wait <marker> [minutes] | run <marker> <dir> <command> [args...]');
  process.exit(2);
}

if (!marker) {
  usage();
} else if (mode === 'start') {
  const [dir, command] = rest;
  if (!dir || !command) {
    usage();
  }
  mkdirSync(dirname(marker), { recursive: true });
  for (const file of [log, rc, started]) {
    rmSync(file, { force: true });
  }
  writeFileSync(started, new Date().toISOString());
  // A detached runner of its own, so that this process (and Maven's wait on it) ends at once.
  const runner = spawn(process.execPath, [fileURLToPath(import.meta.url), 'run', marker, ...rest], { detached: true, stdio: 'ignore' });
  runner.unref();
  console.log(`started beside the build: ${rest.slice(1).join(' ')} (in ${dir}); output in ${log}`);
} else if (mode === 'run') {
  const [dir, command, ...args] = rest;
  const out = openSync(log, 'w');
  const child = spawn(command, args, { cwd: dir, stdio: ['ignore', out, out], env: process.env });
  child.on('error', (error) => {
    writeFileSync(log, `could not start ${command}: ${error.message}\n`, { flag: 'a' });
    writeFileSync(rc, '127');
  });
  child.on('exit', (code, signal) => {
    closeSync(out);
    writeFileSync(rc, String(code ?? (signal ? 128 : 1)));
  });
} else if (mode === 'wait') {
  if (!existsSync(started)) {
    console.error(`nothing was started for ${marker}`);
    process.exit(1);
  }
  const limit = Date.now() + Number(rest[0] ?? 15) * 60_000;
  const poll = () => {
    if (existsSync(rc)) {
      process.stdout.write(existsSync(log) ? readFileSync(log, 'utf8') : '');
      const code = Number(readFileSync(rc, 'utf8').trim() || '1');
      rmSync(started, { force: true });
      if (code !== 0) {
        console.error(`the command beside the build failed (exit ${code})`);
      }
      process.exit(code);
    } else if (Date.now() > limit) {
      process.stdout.write(existsSync(log) ? readFileSync(log, 'utf8') : '');
      console.error(`the command beside the build did not end within ${rest[0] ?? 15} minutes`);
      process.exit(1);
    } else {
      setTimeout(poll, 500);
    }
  };
  poll();
} else {
  usage();
}
