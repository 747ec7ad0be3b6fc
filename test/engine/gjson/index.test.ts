import { get, valid } from '../../../src/engine/gjson';

describe('public gjson API', () => {
  const data = JSON.stringify({ headers: { 'X-Github-Event': ['workflow_run'] }, body: { n: 1.0, big: 1e3, none: null, ok: true } });

  test('get returns gjson results', () => {
    const res = get(data, 'headers.X-Github-Event');
    expect(res.type).toBe('JSON');
    expect(res.string()).toBe('["workflow_run"]');
    expect(res.array().map((r) => r.string())).toEqual(['workflow_run']);
    expect(res.value()).toEqual(['workflow_run']);
    expect(get(data, 'headers.X-Github-Event.0').string()).toBe('workflow_run');
  });

  test.each([
    ['{"n":1.0}', 'n', '1', 1],
    ['{"n":1e3}', 'n', '1000', 1000],
    ['{"n":null}', 'n', '', null],
    ['{"n":true}', 'n', 'true', true],
  ])('%s %s', (json, path, str, value) => {
    const res = get(json, path);
    expect(res.exists).toBe(true);
    expect(res.string()).toBe(str);
    expect(res.value()).toBe(value);
  });

  test('a missing path', () => {
    const res = get(data, 'body.nope');
    expect(res.exists).toBe(false);
    expect(res.raw).toBe('');
    expect(res.value()).toBeUndefined();
    expect(get(data, '').exists).toBe(false);
  });

  test('valid is exported', () => {
    expect(valid(data)).toBe(true);
    expect(valid('{} x')).toBe(false);
  });
});
