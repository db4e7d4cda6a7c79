// The rules every Terraform file of Hearth must follow, checked on the parsed files (no registry, no provider):
// modules and providers pinned, no secret written in a file, encryption at rest on every store, deletion protection on
// prod's databases, tags everywhere. terraform init/validate/plan cannot run here; see terraform/README.md.
import { parse } from '@cdktf/hcl2json';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, dirname, resolve, sep } from 'node:path';

export const RULES = [
  'module-pinned',
  'provider-pinned',
  'no-secret-literal',
  'encryption-at-rest',
  'prod-deletion-protection',
  'tags',
];

const SKIPPED_DIRS = new Set(['node_modules', '.terraform', 'test']);

/** Every .tf file under root (fixtures and the checker's own folder left out), parsed. */
export async function loadTree(root) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (!SKIPPED_DIRS.has(name) && !name.startsWith('.')) walk(path);
      } else if (name.endsWith('.tf')) {
        files.push(path);
      }
    }
  };
  walk(root);
  const parsed = [];
  for (const path of files) {
    const rel = relative(root, path).split(sep).join('/');
    let json;
    try {
      json = await parse(rel, readFileSync(path, 'utf8'));
    } catch (e) {
      throw new Error(`${rel} is not valid HCL: ${e.message ?? e}`);
    }
    parsed.push({ path, rel, dir: dirname(path), json });
  }
  return { root: resolve(root), files: parsed };
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers over hcl2json's shape: blocks are arrays of objects, expressions are "${...}" strings.

const blocks = (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const first = (v) => blocks(v)[0];
const isExpression = (v) => typeof v === 'string' && (v.includes('${') || v.includes('%{'));
const isSet = (v) => v !== undefined && v !== null && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0);

function* resources(file, kind = 'resource') {
  for (const [type, byName] of Object.entries(file.json[kind] ?? {})) {
    for (const [name, bodies] of Object.entries(byName)) {
      for (const body of blocks(bodies)) yield { type, name, body };
    }
  }
}

function* modules(file) {
  for (const [name, bodies] of Object.entries(file.json.module ?? {})) {
    for (const body of blocks(bodies)) yield { name, body, source: String(body.source ?? '') };
  }
}

const isLocalSource = (source) => source.startsWith('./') || source.startsWith('../');
// Registry addresses: [host/]namespace/name/provider[//submodule]
const REGISTRY_SOURCE = /^([a-z0-9.-]+\.[a-z]{2,}\/)?[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+(\/\/.*)?$/;
const isRegistrySource = (source) => REGISTRY_SOURCE.test(source);
const registryName = (source) => source.replace(/^([a-z0-9.-]+\.[a-z]{2,}\/)?/, '').replace(/\/\/.*$/, '');

const envOf = (file) => /^envs\/([^/]+)\//.exec(file.rel)?.[1];
const filesIn = (tree, dir) => tree.files.filter((f) => f.dir === dir);

function violation(rule, file, where, message) {
  return { rule, file: file.rel, where, message };
}

// ---------------------------------------------------------------------------------------------------------------
// module-pinned: a module from a registry names one exact version; one from git names a tag or commit.

const EXACT_VERSION = /^=?\s*\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const PINNED_REF = /[?&]ref=(v?\d+\.\d+\.\d+|[0-9a-f]{40})(&|$)/;

function modulePinned(tree) {
  const out = [];
  for (const file of tree.files) {
    for (const m of modules(file)) {
      const where = `module "${m.name}"`;
      if (isLocalSource(m.source)) continue;
      if (isRegistrySource(m.source)) {
        if (typeof m.body.version !== 'string' || !EXACT_VERSION.test(m.body.version.trim())) {
          out.push(violation('module-pinned', file, where,
            `${m.source} must pin an exact version (version = "x.y.z"), not ${JSON.stringify(m.body.version ?? null)}`));
        }
      } else if (!PINNED_REF.test(m.source)) {
        out.push(violation('module-pinned', file, where, `${m.source} must pin ?ref= to a release tag or a commit`));
      }
    }
  }
  return out;
}

// provider-pinned: every required provider carries a version constraint.
function providerPinned(tree) {
  const out = [];
  for (const file of tree.files) {
    for (const t of blocks(file.json.terraform)) {
      for (const rp of blocks(t.required_providers)) {
        for (const [name, spec] of Object.entries(rp)) {
          if (typeof spec !== 'object' || !isSet(spec.version)) {
            out.push(violation('provider-pinned', file, `required_providers.${name}`, 'needs a version constraint'));
          }
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// no-secret-literal: an attribute named like a secret never holds a literal string, and no value looks like a key.

const SECRET_NAME = /(^|_)(password|passwd|pwd|passphrase|secret|secrets|token|key|credentials?)(_|$)/i;
const NOT_A_SECRET_NAME =
  /(_arn|_arns|_id|_ids|_name|_names|_prefix|_suffix|_version|_type|_length|_enabled|_mode|_algorithm|_spec|_usage|_strategy|_description|_days|_period|_count|_policy|_rotation|_path|_format|_window)$/i;
const SECRET_VALUE = [
  /\b(sk|rk)_(live|test)_[0-9A-Za-z]{8,}/, // Stripe secret and restricted keys
  /\bwhsec_[0-9A-Za-z]{8,}/, // Stripe webhook secrets
  /\bAKIA[0-9A-Z]{16}\b/, // AWS access key ids
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\bxox[abposr]-[0-9A-Za-z-]{10,}/, // Slack tokens
  /\bgh[pousr]_[0-9A-Za-z]{30,}/, // GitHub tokens
];
const TAG_MAPS = new Set(['tags', 'default_tags', 'labels', 'tags_all']);

const looksSecretName = (name) => SECRET_NAME.test(name) && !NOT_A_SECRET_NAME.test(name);
const isLiteralString = (v) => typeof v === 'string' && v !== '' && !isExpression(v);

function noSecretLiteral(tree) {
  const out = [];
  for (const file of tree.files) {
    const visit = (value, path, name) => {
      if (typeof value === 'string') {
        if (name && looksSecretName(name) && isLiteralString(value) && !isBackendKey(path)) {
          out.push(violation('no-secret-literal', file, path.join('.'), `${name} holds a literal value: read it from a secret store or generate it`));
        }
        for (const pattern of SECRET_VALUE) {
          if (pattern.test(value)) {
            out.push(violation('no-secret-literal', file, path.join('.'), 'a value looks like a real key or token'));
            break;
          }
        }
        return;
      }
      if (Array.isArray(value)) {
        value.forEach((v) => visit(v, path, name));
        return;
      }
      if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          // Tag keys and values are labels; the value patterns above still apply to them.
          visit(v, [...path, k], TAG_MAPS.has(name) ? undefined : k);
        }
      }
    };
    for (const [kind, body] of Object.entries(file.json)) {
      if (kind === 'variable') {
        for (const [varName, bodies] of Object.entries(body)) {
          for (const b of blocks(bodies)) {
            if (looksSecretName(varName) && isLiteralString(b.default)) {
              out.push(violation('no-secret-literal', file, `variable "${varName}"`, 'a secret variable has a literal default'));
            }
            visit(b, ['variable', varName], undefined);
          }
        }
      } else {
        visit(body, [kind], undefined);
      }
    }
  }
  return out;
}

// The S3 backend's `key` is the state object's path, not a secret.
const isBackendKey = (path) => path[0] === 'terraform' && path[1] === 'backend' && path[path.length - 1] === 'key';

// ---------------------------------------------------------------------------------------------------------------
// encryption-at-rest: every store, whether a resource or a community module, is encrypted, and says so explicitly.

const KMS_SSE = (v) => typeof v === 'string' && (v === 'aws:kms' || v === 'aws:kms:dsse');

const RESOURCE_ENCRYPTION = {
  aws_db_instance: (b) => b.storage_encrypted === true || 'storage_encrypted = true',
  aws_rds_cluster: (b) => b.storage_encrypted === true || 'storage_encrypted = true',
  aws_elasticache_replication_group: (b) =>
    (b.at_rest_encryption_enabled === true && b.transit_encryption_enabled === true) ||
    'at_rest_encryption_enabled = true and transit_encryption_enabled = true',
  aws_elasticache_serverless_cache: () => true, // always encrypted at rest
  aws_msk_cluster: (b) =>
    isSet(first(b.encryption_info)?.encryption_at_rest_kms_key_arn) || 'encryption_info { encryption_at_rest_kms_key_arn }',
  aws_secretsmanager_secret: (b) => isSet(b.kms_key_id) || 'kms_key_id (a customer-managed key)',
  aws_ebs_volume: (b) => b.encrypted === true || 'encrypted = true',
  aws_eks_cluster: (b) => isSet(first(first(b.encryption_config)?.provider)?.key_arn) || 'encryption_config { provider { key_arn } }',
  aws_cloudwatch_log_group: (b) => isSet(b.kms_key_id) || 'kms_key_id',
  aws_dynamodb_table: (b) => first(b.server_side_encryption)?.enabled === true || 'server_side_encryption { enabled = true }',
  aws_launch_template: (b) =>
    blocks(b.block_device_mappings).every((m) => first(m.ebs)?.encrypted === true) || 'every block_device_mappings.ebs.encrypted = true',
  aws_efs_file_system: (b) => b.encrypted === true || 'encrypted = true',
  aws_sqs_queue: (b) => isSet(b.kms_master_key_id) || b.sqs_managed_sse_enabled === true || 'kms_master_key_id',
  aws_sns_topic: (b) => isSet(b.kms_master_key_id) || 'kms_master_key_id',
};

const MODULE_ENCRYPTION = {
  'terraform-aws-modules/rds/aws': (b) =>
    (b.storage_encrypted === true && isSet(b.kms_key_id)) || 'storage_encrypted = true and kms_key_id',
  'terraform-aws-modules/rds-aurora/aws': (b) =>
    (b.storage_encrypted === true && isSet(b.kms_key_id)) || 'storage_encrypted = true and kms_key_id',
  'terraform-aws-modules/elasticache/aws': (b) =>
    (b.at_rest_encryption_enabled === true && b.transit_encryption_enabled === true && isSet(b.kms_key_arn)) ||
    'at_rest_encryption_enabled = true, transit_encryption_enabled = true and kms_key_arn',
  'terraform-aws-modules/msk-kafka-cluster/aws': (b) =>
    (isSet(b.encryption_at_rest_kms_key_arn) && b.encryption_in_transit_client_broker === 'TLS') ||
    'encryption_at_rest_kms_key_arn and encryption_in_transit_client_broker = "TLS"',
  'terraform-aws-modules/s3-bucket/aws': (b) => {
    const rule = first(first(b.server_side_encryption_configuration)?.rule);
    const sse = first(rule?.apply_server_side_encryption_by_default);
    return (KMS_SSE(sse?.sse_algorithm) && isSet(sse?.kms_master_key_id)) ||
      'server_side_encryption_configuration with sse_algorithm = "aws:kms" and kms_master_key_id';
  },
  'terraform-aws-modules/eks/aws': (b) => {
    const enc = first(b.encryption_config);
    if (!isSet(enc?.provider_key_arn)) return 'encryption_config = { provider_key_arn = <KMS key> }';
    const groups = first(b.eks_managed_node_groups) ?? {};
    if (typeof groups !== 'object') return 'eks_managed_node_groups written out, so its volumes can be checked';
    for (const [group, g] of Object.entries(groups)) {
      const mappings = first(first(g)?.block_device_mappings);
      const ebs = mappings && typeof mappings === 'object' ? Object.values(mappings).map((m) => first(first(m)?.ebs)) : [];
      if (ebs.length === 0 || !ebs.every((e) => e?.encrypted === true)) {
        return `node group ${group}: block_device_mappings with ebs.encrypted = true`;
      }
    }
    return true;
  },
  'terraform-aws-modules/secrets-manager/aws': (b) => isSet(b.kms_key_id) || 'kms_key_id',
  'terraform-aws-modules/dynamodb-table/aws': (b) => b.server_side_encryption_enabled === true || 'server_side_encryption_enabled = true',
};

function encryptionAtRest(tree) {
  const out = [];
  for (const file of tree.files) {
    for (const r of resources(file)) {
      const where = `resource "${r.type}" "${r.name}"`;
      const check = RESOURCE_ENCRYPTION[r.type];
      if (check) {
        const result = check(r.body);
        if (result !== true) out.push(violation('encryption-at-rest', file, where, `needs ${result}`));
      }
      if (r.type === 'aws_s3_bucket' && !bucketHasKmsEncryption(tree, file, r.name)) {
        out.push(violation('encryption-at-rest', file, where,
          'needs an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = "aws:kms" beside it'));
      }
    }
    for (const m of modules(file)) {
      const check = isRegistrySource(m.source) ? MODULE_ENCRYPTION[registryName(m.source)] : undefined;
      if (!check) continue;
      const result = check(m.body);
      if (result !== true) out.push(violation('encryption-at-rest', file, `module "${m.name}"`, `${m.source} needs ${result}`));
    }
  }
  return out;
}

function bucketHasKmsEncryption(tree, file, bucketName) {
  return filesIn(tree, file.dir).some((f) =>
    [...resources(f)].some((r) => {
      if (r.type !== 'aws_s3_bucket_server_side_encryption_configuration') return false;
      if (!String(r.body.bucket ?? '').includes(`aws_s3_bucket.${bucketName}.`)) return false;
      return blocks(r.body.rule).some((rule) => KMS_SSE(first(rule.apply_server_side_encryption_by_default)?.sse_algorithm));
    }));
}

// ---------------------------------------------------------------------------------------------------------------
// prod-deletion-protection: in envs/prod every database, and every local module that holds one, is protected; inside
// modules a database never turns protection off by itself.

const DATABASE_RESOURCES = new Set(['aws_db_instance', 'aws_rds_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster']);
const DATABASE_MODULES = new Set(['terraform-aws-modules/rds/aws', 'terraform-aws-modules/rds-aurora/aws']);

function* databases(file) {
  for (const r of resources(file)) {
    if (DATABASE_RESOURCES.has(r.type)) yield { where: `resource "${r.type}" "${r.name}"`, body: r.body };
  }
  for (const m of modules(file)) {
    if (isRegistrySource(m.source) && DATABASE_MODULES.has(registryName(m.source))) {
      yield { where: `module "${m.name}"`, body: m.body };
    }
  }
}

function holdsDatabase(tree, dir, seen = new Set()) {
  if (seen.has(dir)) return false;
  seen.add(dir);
  return filesIn(tree, dir).some((f) =>
    [...databases(f)].length > 0 ||
    [...modules(f)].some((m) => isLocalSource(m.source) && holdsDatabase(tree, resolve(f.dir, m.source), seen)));
}

function prodDeletionProtection(tree) {
  const out = [];
  for (const file of tree.files) {
    const prod = envOf(file) === 'prod';
    for (const db of databases(file)) {
      const value = db.body.deletion_protection;
      if (prod && value !== true) {
        out.push(violation('prod-deletion-protection', file, db.where, 'a prod database needs deletion_protection = true'));
      } else if (!prod && (value === undefined || value === false)) {
        out.push(violation('prod-deletion-protection', file, db.where,
          'set deletion_protection from the caller (a variable defaulting to true), never leave it off'));
      }
    }
    if (!prod) continue;
    for (const m of modules(file)) {
      if (isLocalSource(m.source) && holdsDatabase(tree, resolve(file.dir, m.source)) && m.body.deletion_protection !== true) {
        out.push(violation('prod-deletion-protection', file, `module "${m.name}"`,
          `${m.source} holds a database: prod passes deletion_protection = true`));
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// tags: each environment's AWS provider has default_tags; every module call and every taggable resource passes tags.

const TAGGABLE = new Set([
  'aws_acm_certificate', 'aws_cloudwatch_log_group', 'aws_db_instance', 'aws_db_parameter_group', 'aws_db_subnet_group',
  'aws_dynamodb_table', 'aws_ebs_volume', 'aws_efs_file_system', 'aws_eip', 'aws_eks_cluster', 'aws_eks_node_group',
  'aws_elasticache_replication_group', 'aws_elasticache_subnet_group', 'aws_iam_policy', 'aws_iam_role', 'aws_instance',
  'aws_internet_gateway', 'aws_kms_key', 'aws_launch_template', 'aws_lb', 'aws_lb_target_group', 'aws_msk_cluster',
  'aws_nat_gateway', 'aws_rds_cluster', 'aws_route53_zone', 'aws_route_table', 'aws_s3_bucket', 'aws_secretsmanager_secret',
  'aws_security_group', 'aws_sns_topic', 'aws_sqs_queue', 'aws_subnet', 'aws_vpc', 'aws_vpc_security_group_egress_rule',
  'aws_vpc_security_group_ingress_rule', 'aws_wafv2_ip_set', 'aws_wafv2_web_acl',
]);

function tags(tree) {
  const out = [];
  const envDirs = new Set(tree.files.filter(envOf).map((f) => f.dir));
  for (const dir of envDirs) {
    const envFiles = filesIn(tree, dir);
    const providers = envFiles.flatMap((f) =>
      blocks(f.json.provider?.aws).map((body) => ({ file: f, body })));
    if (providers.length === 0) {
      out.push(violation('tags', envFiles[0], 'provider "aws"', 'an environment declares its AWS provider with default_tags'));
    }
    for (const p of providers) {
      if (!isSet(first(p.body.default_tags)?.tags)) {
        out.push(violation('tags', p.file, 'provider "aws"', 'needs default_tags { tags = ... }'));
      }
    }
  }
  for (const file of tree.files) {
    for (const r of resources(file)) {
      if (TAGGABLE.has(r.type) && !isSet(r.body.tags)) {
        out.push(violation('tags', file, `resource "${r.type}" "${r.name}"`, 'needs tags'));
      }
    }
    for (const m of modules(file)) {
      const takesTags = isLocalSource(m.source) ? declaresVariable(tree, resolve(file.dir, m.source), 'tags') : true;
      if (takesTags && !isSet(m.body.tags)) {
        out.push(violation('tags', file, `module "${m.name}"`, 'needs tags'));
      }
    }
  }
  return out;
}

function declaresVariable(tree, dir, name) {
  if (!existsSync(dir)) return false;
  return filesIn(tree, dir).some((f) => f.json.variable && name in f.json.variable);
}

// ---------------------------------------------------------------------------------------------------------------

export function check(tree) {
  return [
    ...modulePinned(tree),
    ...providerPinned(tree),
    ...noSecretLiteral(tree),
    ...encryptionAtRest(tree),
    ...prodDeletionProtection(tree),
    ...tags(tree),
  ];
}

export const describe = (v) => `${v.rule}: ${v.file}: ${v.where}: ${v.message}`;
