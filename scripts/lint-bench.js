#!/usr/bin/env node
// Lint against huge literals (run with `node scripts/lint-bench.js` after `npm run build`):
// a Sensor with one literal of N bytes in a data filter value, an expr string, a parameter
// template, or metadata.name, linted in a fresh process each; prints wall time and peak
// resident memory. Time and memory must grow linearly with N; objects over the API server's
// size limit get one finding and no further work.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-remediation-lint-bench-'));
const SIZES = (process.env.BENCH_SIZES || '1000000,4000000,10000000').split(',').map(Number);

function sensor(place, literal) {
  const at = (where, otherwise) => (place === where ? literal : otherwise);
  return [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Sensor',
    `metadata: {name: ${at('name', 'big')}}`,
    'spec:',
    '  dependencies:',
    '    - name: d',
    '      eventSourceName: github',
    '      eventName: e',
    '      filters:',
    `        data: [{path: body.action, type: string, value: ["${at('value', '^x$')}"]}]`,
    `        exprs: [{expr: "a == '${at('expr', 'x')}'", fields: [{name: a, path: body.action}]}]`,
    '  triggers:',
    '    - template:',
    '        name: t',
    '        http:',
    '          url: http://example.test',
    `          payload: [{src: {dependencyName: d, dataTemplate: "${at('template', '{{ .Input.body.action }}')}"}, dest: x}]`,
    '',
  ].join('\n');
}

// The child lints in-process and reports its own peak resident set size.
const CHILD = `
const { lintFiles } = require(${JSON.stringify(path.join(root, 'lib', 'src', 'lint'))});
const start = process.hrtime.bigint();
const findings = lintFiles([process.argv[1]]);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ ms, rssMiB: process.resourceUsage().maxRSS / 1024, findings: findings.length }));
`;

console.log('place     literal bytes   lint ms   peak RSS MiB  findings');
for (const size of SIZES) {
  const literal = 'a'.repeat(size);
  for (const place of ['value', 'expr', 'template', 'name']) {
    const file = path.join(work, `${place}-${size}.yaml`);
    fs.writeFileSync(file, sensor(place, literal));
    const run = spawnSync(process.execPath, ['-e', CHILD, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status !== 0) throw new Error(`lint of ${file} failed: ${run.stderr}`);
    const { ms, rssMiB, findings } = JSON.parse(run.stdout);
    console.log(`${place.padEnd(9)} ${String(size).padStart(13)} ${ms.toFixed(0).padStart(9)} ${rssMiB.toFixed(0).padStart(14)} ${String(findings).padStart(9)}`);
    fs.rmSync(file);
  }
}
fs.rmSync(work, { recursive: true, force: true });
