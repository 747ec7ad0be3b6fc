// Replay benchmark: >= 10,000 realistic GitHub deliveries (every event type in
// @octokit/webhooks-examples, plus workflow_run failures of the allowed repository and of
// look-alikes) through the synthesized Sensor, against JSON.parse of the same deliveries,
// in the same process. Target: replay <= 2x JSON.parse.
'use strict';
const path = require('path');
const examples = require('@octokit/webhooks-examples');

const root = path.resolve(__dirname, '..');
const lib = path.join(root, 'lib', 'src');
const { replayEntries } = require(path.join(lib, 'cli', 'replay-command.js'));
const { loadSensorFile } = require(path.join(lib, 'engine', 'model', 'index.js'));

const COUNT = Number(process.env.BENCH_DELIVERIES || 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);

// A full collection before each timed section, so that neither side pays for the other's
// garbage.
require('v8').setFlagsFromString('--expose-gc');
const collectGarbage = require('vm').runInNewContext('gc');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Delivery texts: a stream of mixed events, as an organization's webhook receives them. */
function deliveries() {
  const pool = [];
  for (const group of examples) {
    for (const body of group.examples) pool.push({ event: group.name, body });
  }
  const run = examples.find(g => g.name === 'workflow_run').examples.find(b => b.action === 'completed');
  const failure = (fullName, extra = {}) => ({
    event: 'workflow_run',
    body: {
      ...run,
      repository: { ...run.repository, full_name: fullName, name: fullName.split('/')[1] },
      workflow_run: { ...run.workflow_run, conclusion: 'failure', head_repository: { ...run.workflow_run.head_repository, full_name: fullName }, ...extra },
    },
  });
  pool.push(failure('5dlabs/cto'), failure('5dlabs/cto-docs'), failure('5dlabs/cto', { head_branch: 'ci-fix/1-1' }));
  const out = [];
  for (let i = 0; i < COUNT; i++) {
    const { event, body } = pool[i % pool.length];
    const id = `${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
    const delivery = { headers: { 'X-GitHub-Event': event, 'X-GitHub-Delivery': id, 'Content-Type': 'application/json' }, body };
    out.push({ location: `bench:${i + 1}`, text: JSON.stringify(delivery) });
  }
  return out;
}

function run() {
  const sensor = loadSensorFile(path.join(root, 'dist', 'ci-remediation.k8s.yaml'));
  const entries = deliveries();
  const bytes = entries.reduce((sum, e) => sum + e.text.length, 0);
  // Warm-up (JIT, caches), then measure both in the same process, alternating rounds so
  // garbage collection and machine noise hit both alike; medians of the rounds.
  replayEntries(sensor, entries.slice(0, 500));
  const parseTimes = [];
  const replayTimes = [];
  let summary;
  let keys = 0;
  for (let round = 0; round < ROUNDS; round++) {
    collectGarbage();
    const t0 = process.hrtime.bigint();
    for (const e of entries) keys += Object.keys(JSON.parse(e.text)).length;
    parseTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
    collectGarbage();
    const t1 = process.hrtime.bigint();
    summary = replayEntries(sensor, entries);
    replayTimes.push(Number(process.hrtime.bigint() - t1) / 1e6);
  }
  const parseMs = median(parseTimes);
  const replayMs = median(replayTimes);
  const fired = summary.triggers.reduce((sum, t) => sum + t.fired, 0);
  console.log(`replay: ${entries.length} deliveries, ${(bytes / 1e6).toFixed(1)} MB, ${fired} CodeRuns (${keys > 0 ? 'parsed' : ''})`);
  console.log(`JSON.parse:        ${parseMs.toFixed(0)} ms (median of ${ROUNDS} rounds)`);
  console.log(`replay (Sensor):   ${replayMs.toFixed(0)} ms  (${(entries.length / (replayMs / 1000)).toFixed(0)} events/s)`);
  console.log(`ratio:             ${(replayMs / parseMs).toFixed(2)}x (target <= 2x)`);
}

module.exports = { run, deliveries };
if (require.main === module) run();
