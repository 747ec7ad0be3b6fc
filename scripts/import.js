#!/usr/bin/env node
// Regenerates the typed imports in imports/ from the schemas kept in the project.
// Argo Events: the upstream CRDs leave `spec` untyped, so the types come from the
// upstream JSON schema (vendored as imports/schemas/argo-events.schema.json).
// CodeRun: from the CRD file imports/crds/coderuns.agents.platform.yaml.
// PrometheusRule and PodMonitor: from prometheus-operator's CRDs (v0.93.0, Apache-2.0, see
// imports/crds/PROMETHEUS-OPERATOR-LICENSE), imports/crds/prometheusrules.monitoring.coreos.com.yaml
// and imports/crds/podmonitors.monitoring.coreos.com.yaml (example/prometheus-operator-crd/ at v0.93.0).
// CRDs of one API group share one file, `<group>.ts`.
// Output is byte-for-byte reproducible (no timestamps, sorted input).
'use strict';
const fs = require('fs');
const path = require('path');
const { TypeGenerator } = require('json2jsii');
const { CodeMaker } = require('codemaker');
const YAML = require('yaml');

const root = path.resolve(__dirname, '..');
// cdk8s-cli does not export its code generator; `cdk8s import` uses this very module.
const { generateConstruct, emitHeader } = require(path.join(root, 'node_modules', 'cdk8s-cli', 'lib', 'import', 'codegen.js'));
const out = path.join(root, 'imports');

function render(fileName, defs, definitions) {
  const types = new TypeGenerator({ definitions });
  for (const def of defs) generateConstruct(types, def);
  const code = new CodeMaker({ indentationLevel: 2 });
  code.openFile(fileName);
  emitHeader(code, true);
  code.line(types.render());
  code.closeFile(fileName);
  return code;
}

async function main() {
  const schema = JSON.parse(fs.readFileSync(path.join(out, 'schemas', 'argo-events.schema.json'), 'utf8'));
  // json2jsii resolves `#/definitions/<name>` against this map.
  const definitions = schema.definitions;
  const argo = ['Sensor', 'EventSource'].map(kind => ({
    fqn: kind,
    group: 'argoproj.io',
    version: 'v1alpha1',
    kind,
    custom: true,
    schema: definitions[`io.argoproj.events.v1alpha1.${kind}`],
  }));
  const files = [['argoproj.io.ts', argo, definitions]];
  const crdFiles = ['coderuns.agents.platform.yaml', 'prometheusrules.monitoring.coreos.com.yaml', 'podmonitors.monitoring.coreos.com.yaml'];
  const byGroup = new Map();
  for (const crdFile of crdFiles) {
    const crd = YAML.parse(fs.readFileSync(path.join(out, 'crds', crdFile), 'utf8'));
    const defs = crd.spec.versions.filter(v => v.served).map(v => ({
      fqn: crd.spec.names.kind,
      group: crd.spec.group,
      version: v.name,
      kind: crd.spec.names.kind,
      custom: true,
      schema: v.schema.openAPIV3Schema,
    }));
    byGroup.set(crd.spec.group, [...(byGroup.get(crd.spec.group) ?? []), ...defs]);
  }
  for (const [group, defs] of byGroup) files.push([`${group}.ts`, defs, {}]);
  for (const [fileName, defs, defsMap] of files) {
    const code = render(fileName, defs, defsMap);
    await code.save(out);
    console.log(`imports/${fileName}`);
  }
}

main().catch(err => {
  console.error(err.message);
  process.exit(1);
});
