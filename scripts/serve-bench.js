// Benchmark of `ci-remediation serve` (run by `npm run bench` after `npm run build`): the compiled
// command in its own process, 50 keep-alive connections sending signed workflow_run deliveries
// (failed runs of the allowed repository, so every one creates a CodeRun, one in five a second
// creation of an existing name). Reports acknowledged deliveries/s, the p50/p99 time to the 200
// (journal write + fsync), and the time until everything acknowledged was processed.
'use strict';
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const examples = require('@octokit/webhooks-examples');

const root = path.resolve(__dirname, '..');
const DELIVERIES = Number(process.env.SERVE_BENCH_DELIVERIES || 5000);
const CONNECTIONS = 50;
const SECRET = 'bench-secret';

function failureBody(runId) {
  const run = structuredClone(examples.find(g => g.name === 'workflow_run').examples.find(b => b.action === 'completed'));
  run.workflow_run.conclusion = 'failure';
  run.workflow_run.id = runId;
  for (const repo of [run.repository, run.workflow_run.head_repository]) {
    repo.full_name = '5dlabs/cto';
    repo.name = 'cto';
    repo.html_url = 'https://github.com/5dlabs/cto';
  }
  return JSON.stringify(run);
}

function post(port, agent, body, id) {
  return new Promise((resolve, reject) => {
    const headers = {
      'Content-Type': 'application/json',
      'X-GitHub-Event': 'workflow_run',
      'X-GitHub-Delivery': id,
      'X-Hub-Signature-256': `sha256=${crypto.createHmac('sha256', SECRET).update(body).digest('hex')}`,
    };
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/github/webhook', headers, agent }, res => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function metric(port, name) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/metrics' }, res => {
      let text = '';
      res.on('data', d => (text += d));
      res.on('end', () => {
        const line = text.split('\n').find(l => l.startsWith(`${name} `));
        resolve(line ? Number(line.split(' ')[1]) : NaN);
      });
    }).on('error', reject);
  });
}

async function run() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-remediation-serve-bench-'));
  const sensor = path.join(work, 'stack.yaml');
  fs.copyFileSync(path.join(root, 'dist', 'ci-remediation.k8s.yaml'), sensor);
  fs.writeFileSync(path.join(work, 'secret'), SECRET);
  const child = spawn(process.execPath, [...(process.env.SERVE_BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.SERVE_BENCH_PROF] : []), path.join(root, 'bin', 'ci-remediation.js'), 'serve', '--sensor', sensor, '--secret-file', path.join(work, 'secret'), '--out', path.join(work, 'out'), '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const port = await new Promise((resolve, reject) => {
      let err = '';
      child.stderr.on('data', d => {
        err += d;
        const match = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(err);
        if (match) resolve(Number(match[1]));
      });
      child.on('exit', () => reject(new Error(`serve exited: ${err}`)));
    });
    const runs = Math.ceil(DELIVERIES * 0.8);
    const bodies = Array.from({ length: runs }, (_, i) => failureBody(9_000_000 + i));
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const latencies = [];
    let next = 0;
    let failed = 0;
    const start = process.hrtime.bigint();
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      while (next < DELIVERIES) {
        const i = next++;
        const sent = process.hrtime.bigint();
        const status = await post(port, agent, bodies[i % runs], `bench-${i}`);
        latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
        if (status !== 200) failed++;
      }
    }));
    const acked = Number(process.hrtime.bigint() - start) / 1e9;
    while ((await metric(port, 'ci_remediation_serve_pending_deliveries')) > 0) await new Promise(r => setTimeout(r, 20));
    const processed = Number(process.hrtime.bigint() - start) / 1e9;
    const rss = await metric(port, 'process_resident_memory_bytes');
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const at = q => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    console.log(`serve: ${DELIVERIES} deliveries at ${CONNECTIONS} connections: ${(DELIVERIES / acked).toFixed(0)} acknowledged/s, p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms; all processed after ${processed.toFixed(2)} s (${(DELIVERIES / processed).toFixed(0)} deliveries/s); RSS ${(rss / 1048576).toFixed(0)} MiB; ${failed} not 200`);
  } finally {
    child.kill('SIGTERM');
    await new Promise(resolve => (child.exitCode !== null ? resolve() : child.on('exit', resolve)));
    fs.rmSync(work, { recursive: true, force: true });
  }
}

module.exports = { run };
if (require.main === module) run().catch(err => { console.error(err); process.exitCode = 1; });
