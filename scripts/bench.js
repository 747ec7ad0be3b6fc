#!/usr/bin/env node
// Benchmarks (run with `npm run bench` after `npm ci`):
//  1. synth as a whole process (what `npm run synth` runs) against the floor of loading
//     cdk8s-plus-27, in the same run; target <= 2x.
//  2. synth with many repositories: time and output size must grow linearly.
//  3. replay of >= 10,000 realistic deliveries through the synthesized Sensor against
//     JSON.parse of the same deliveries, in the same process; target <= 2x.
//  4. serve: signed deliveries at 50 concurrent connections against the compiled command;
//     acknowledged deliveries/s and p99 time to the 200 (scripts/serve-bench.js).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-remediation-bench-'));
const RUNS = Number(process.env.BENCH_RUNS || 7);

function timeProcess(args, env = {}) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeNpmSynth(out) {
  const start = process.hrtime.bigint();
  const run = spawnSync('npm', ['run', '--silent', 'synth'], { cwd: root, env: { ...process.env, CDK8S_OUTDIR: out }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm run synth failed: ${run.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function benchSynthProcess() {
  const out = path.join(work, 'dist');
  const floor = [];
  const app = [];
  const npm = [];
  for (let i = 0; i < RUNS; i++) {
    floor.push(timeProcess(['-e', "require('cdk8s-plus-27')"]));
    app.push(timeProcess([path.join(root, 'lib', 'src', 'main.js')], { CDK8S_OUTDIR: out }));
    npm.push(timeNpmSynth(out));
  }
  const f = median(floor);
  console.log(`floor (node -e "require('cdk8s-plus-27')"): ${f.toFixed(0)} ms (median of ${RUNS})`);
  console.log(`synth app (node lib/src/main.js):          ${median(app).toFixed(0)} ms  ratio ${(median(app) / f).toFixed(2)}x (target <= 2x)`);
  console.log(`npm run synth (incl. npm's own start-up):  ${median(npm).toFixed(0)} ms  ratio ${(median(npm) / f).toFixed(2)}x`);
}

function benchRepositories() {
  console.log('\nrepositories  synth ms  output bytes  bytes/repository');
  for (const count of [1, 50, 100, 250, 500]) {
    const repositories = Array.from({ length: count }, (_, i) => `org${i % 13}/repository-${i}`);
    const config = path.join(work, `settings-${count}.json`);
    fs.writeFileSync(config, JSON.stringify({ repositories }));
    const out = path.join(work, `dist-${count}`);
    const ms = median(Array.from({ length: 3 }, () => timeProcess([path.join(root, 'lib', 'src', 'main.js')], { CDK8S_OUTDIR: out, CI_REMEDIATION_CONFIG: config })));
    const bytes = fs.statSync(path.join(out, 'ci-remediation.k8s.yaml')).size;
    const sensors = (fs.readFileSync(path.join(out, 'ci-remediation.k8s.yaml'), 'utf8').match(/^kind: Sensor$/gm) || []).length;
    console.log(`${String(count).padStart(12)}  ${ms.toFixed(0).padStart(8)}  ${String(bytes).padStart(12)}  ${(bytes / count).toFixed(0).padStart(16)}  (${sensors} Sensor)`);
  }
}

function benchReplay() {
  const replayBench = path.join(root, 'scripts', 'replay-bench.js');
  if (!fs.existsSync(replayBench)) {
    console.log('\nreplay: scripts/replay-bench.js missing');
    return;
  }
  console.log('');
  require(replayBench).run();
}

async function main() {
  try {
    benchSynthProcess();
    benchRepositories();
    benchReplay();
    console.log('');
    await require(path.join(root, 'scripts', 'serve-bench.js')).run();
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch(err => {
  console.error(err);
  process.exitCode = 1;
});
