// Validates Kubernetes objects against the JSON schemas bundled with kubernetes-models (Kubernetes' own OpenAPI
// schemas, compiled) and @kubernetes-models/prometheus-operator (the monitoring.coreos.com CRDs): types, required
// fields, enums and patterns. Like kubeconform without -strict, an unknown field is not an error.
// Reads a JSON array of objects on stdin; writes a JSON array of { kind, name, module, errors } to stdout, errors
// being empty when the object is valid and ["no schema ..."] when no package models its apiVersion and kind.
import { readFileSync } from 'node:fs';

const modules = {
  'monitoring.coreos.com': (version, kind) => `@kubernetes-models/prometheus-operator/monitoring.coreos.com/${version}/${kind}`,
};

function moduleOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (modules[group]) {
    return modules[group](version, kind);
  }
  return `kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`;
}

const objects = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const object of objects) {
  const kind = object?.kind;
  const name = object?.metadata?.name;
  if (typeof object?.apiVersion !== 'string' || typeof kind !== 'string') {
    results.push({ kind, name, module: null, errors: ['apiVersion and kind must be strings'] });
    continue;
  }
  const module = moduleOf(object.apiVersion, kind);
  let Model;
  try {
    Model = (await import(module))[kind];
  } catch {
    Model = undefined;
  }
  if (typeof Model !== 'function') {
    results.push({ kind, name, module, errors: [`no schema for ${object.apiVersion} ${kind}`] });
    continue;
  }
  try {
    new Model(object).validate();
    results.push({ kind, name, module, errors: [] });
  } catch (error) {
    results.push({ kind, name, module, errors: [String(error.message ?? error)] });
  }
}
process.stdout.write(JSON.stringify(results));
