/**
 * The fake API server as the real client sees it: `@kubernetes/client-node` 1.4 (an ES module,
 * so it runs in a child Node process, not in jest) creates a CodeRun, and a second create of the
 * same name gets the API's 409 AlreadyExists Status.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PROJECT_ROOT } from '../helpers/chart';
import { codeRun, FakeKubeApiServer } from '../helpers/fake-kube-apiserver';

const CLIENT_SCRIPT = `
const k8s = require('@kubernetes/client-node');
const kc = new k8s.KubeConfig();
kc.loadFromFile(process.argv[1]);
const api = k8s.KubernetesObjectApi.makeApiClient(kc);
const body = JSON.parse(process.argv[2]);
(async () => {
  const created = await api.create(body);
  const out = { created: created.metadata.name, uid: Boolean(created.metadata.uid) };
  try { await api.create(body); } catch (err) { out.code = err.code; out.body = typeof err.body === 'string' ? JSON.parse(err.body) : err.body; }
  process.stdout.write(JSON.stringify(out));
})().catch(err => { process.stderr.write(String(err)); process.exit(1); });
`;

test('create, then create again: 409 AlreadyExists as the API answers it', async () => {
  const fake = await FakeKubeApiServer.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-apiserver-test-'));
  try {
    fake.serveCodeRuns();
    const kubeconfig = fake.writeKubeconfig(dir);
    const { metadata, ...object } = codeRun({ runId: '7' });
    const child = spawn(process.execPath, ['-e', CLIENT_SCRIPT, kubeconfig, JSON.stringify({ ...object, metadata })], { cwd: PROJECT_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => { stdout += String(chunk); });
    child.stderr.on('data', chunk => { stderr += String(chunk); });
    const status = await new Promise(resolve => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      created: 'ci-remediation-7-1',
      uid: true,
      code: 409,
      body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'coderuns.agents.platform "ci-remediation-7-1" already exists', reason: 'AlreadyExists', details: { name: 'ci-remediation-7-1', group: 'agents.platform', kind: 'coderuns' }, code: 409 },
    });
    expect(fake.requests).toContain('POST /apis/agents.platform/v1/namespaces/cto/coderuns');
  } finally {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
