// terraform fmt -check over terraform/modules and terraform/envs: CI fails on a file fmt would change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const terraformDir = resolve(here, '../..');

function terraformBinary() {
  const candidates = [
    process.env.TERRAFORM,
    '/usr/local/bin/terraform',
    ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, 'terraform')),
  ].filter(Boolean);
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // next one
    }
  }
  return null;
}

function fmtCheck(cwd, targets) {
  const terraform = terraformBinary();
  assert.ok(terraform,
    'terraform is not installed (looked at $TERRAFORM, /usr/local/bin/terraform and PATH): the fmt check cannot run. ' +
    'Install Terraform 1.11+ (see terraform/README.md); this check fails rather than skips.');
  const env = { ...process.env, CHECKPOINT_DISABLE: '1' };
  if (env.TF_CLI_CONFIG_FILE && !existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
  return spawnSync(terraform, ['fmt', '-check', '-recursive', '-diff', '-no-color', ...targets], { cwd, env, encoding: 'utf8' });
}

test('terraform fmt finds nothing to change in modules/ and envs/', () => {
  const result = fmtCheck(terraformDir, ['modules', 'envs']);

  assert.equal(result.error, undefined);
  assert.equal(result.status, 0, `terraform fmt -check failed: run terraform fmt -recursive in terraform/\n${result.stdout}${result.stderr}`);
});

test('terraform fmt -check fails on a misformatted file (planted)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-tf-fmt-'));
  try {
    writeFileSync(join(dir, 'main.tf'), 'resource "aws_s3_bucket" "x" {\nbucket="fixture"\n    tags = {}\n}\n');

    const result = fmtCheck(dir, ['.']);

    assert.notEqual(result.status, 0);
    assert.match(result.stdout, /main\.tf/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
