import { getResult } from '../../../src/engine/gjson/get';

const DOC = `{
  "name": {"first": "Tom", "last": "Anderson"},
  "age": 37,
  "children": ["Sara", "Alex", "Jack"],
  "fav.movie": "Deer Hunter",
  "friends": [
    {"first": "Dale", "last": "Murphy", "age": 44, "nets": ["ig", "fb", "tw"]},
    {"first": "Roger", "last": "Craig", "age": 68, "nets": ["fb", "tw"]},
    {"first": "Jane", "last": "Murphy", "age": 47, "nets": ["ig", "tw"]}
  ],
  "a-b": 1,
  "dup": 1,
  "dup": 2,
  "flag": true,
  "nothing": null,
  "empty": {},
  "*star": "literal star"
}`;

/** [path, expected String()] against DOC. */
const STRING_CASES: [string, string][] = [
  ['age', '37'],
  ['name.last', 'Anderson'],
  ['name', '{"first": "Tom", "last": "Anderson"}'],
  ['children', '["Sara", "Alex", "Jack"]'],
  ['children.#', '3'],
  ['children.1', 'Alex'],
  ['children.3', ''],
  ['child*.2', 'Jack'],
  ['c?ildren.0', 'Sara'],
  ['fav\\.movie', 'Deer Hunter'],
  ['\\*star', 'literal star'],
  ['a-b', '1'],
  ['dup', '1'],
  ['flag', 'true'],
  ['nothing', ''],
  ['empty', '{}'],
  ['friends.#.first', '["Dale","Roger","Jane"]'],
  ['friends.1.last', 'Craig'],
  ['friends.#(last=="Murphy").first', 'Dale'],
  ['friends.#(last=="Murphy")#.first', '["Dale","Jane"]'],
  ['friends.#(age>45)#.last', '["Craig","Murphy"]'],
  ['friends.#(age>=47)#.first', '["Roger","Jane"]'],
  ['friends.#(age<45).first', 'Dale'],
  ['friends.#(age<=44)#.first', '["Dale"]'],
  ['friends.#(first!="Dale")#.first', '["Roger","Jane"]'],
  ['friends.#(first%"D*").last', 'Murphy'],
  ['friends.#(first!%"D*")#.first', '["Roger","Jane"]'],
  ['friends.#(nets.#(=="fb"))#.first', '["Dale","Roger"]'],
  ['friends.#(first=="Nobody").last', ''],
  ['friends.#(first=="Nobody")#.last', '[]'],
  ['friends.#(first=Dale).age', '44'],
  ['friends.#(last)#.first', '["Dale","Roger","Jane"]'],
  ['children.#(=="Alex")', 'Alex'],
  ['children.#(%"*a*")#', '["Sara","Jack"]'],
  ['friends.#.nets.#', '[3,2,2]'],
  ['friends|0|first', 'Dale'],
  ['friends.0|first', 'Dale'],
  ['children|@reverse', '["Jack","Alex","Sara"]'],
  ['children.@reverse', '["Jack","Alex","Sara"]'],
  ['children|@reverse|0', 'Jack'],
  ['friends.#.first|@reverse', '["Jane","Roger","Dale"]'],
  ['friends.#.first|1', 'Roger'],
  ['[age,name.first]', '[37,"Tom"]'],
  ['[age,missing,,name.first]', '[37,"Tom"]'],
  ['{age,name.first}', '{"age":37,"first":"Tom"}'],
  ['{age,"years":age,yrs:age}', '{"age":37,"years":37,"yrs":37}'],
  ['{children.#}', '{"_":3}'],
  ['[name.first,age].1', '37'],
  ['{age,missing}', '{"age":37}'],
  ['name.@keys', '["first","last"]'],
  ['name|@values', '["Tom","Anderson"]'],
  ['@this.age', '37'],
  ['name.@tostr', '{"first": "Tom", "last": "Anderson"}'],
  ['name.@ugly', '{"first":"Tom","last":"Anderson"}'],
  ['friends.#.nets|@flatten', '["ig", "fb", "tw","fb", "tw","ig", "tw"]'],
  ['@dig:last', '["Anderson","Murphy","Craig","Murphy"]'],
  ['unknown.path', ''],
  ['@unknownmod', ''],
  ['', ''],
];

describe('getResult String()', () => {
  test.each(STRING_CASES)('%s', (path, expected) => {
    expect(getResult(DOC, path).string()).toBe(expected);
  });
});

describe('GitHub event shapes (reference §6)', () => {
  const event = JSON.stringify({
    headers: { 'X-Github-Event': ['workflow_run'], 'X-Hub-Signature-256': ['sha256=ab'] },
    body: { 'X-GitHub-Event': 'workflow_run', action: 'completed', workflow_run: { conclusion: 'failure', run_attempt: 1 } },
  });
  test.each([
    ['headers.X-Github-Event', '["workflow_run"]'],
    ['headers.X-Github-Event.0', 'workflow_run'],
    ['body.X-GitHub-Event', 'workflow_run'],
    ['body.workflow_run.conclusion', 'failure'],
    ['body.workflow_run.run_attempt', '1'],
    ['headers.x-github-event', ''],
  ])('%s stringifies as %s', (path, expected) => {
    expect(getResult(event, path).string()).toBe(expected);
  });
});

describe('numbers', () => {
  test.each([
    ['1', '1'],
    ['-12', '-12'],
    ['1.0', '1'],
    ['1e3', '1000'],
    ['1.5e-7', '0.00000015'],
    ['12345678901234567890', '12345678901234567890'],
    ['1e21', '1000000000000000000000'],
    ['1.2345678901234567e21', '1234567890123456800000'],
    ['-0.0', '-0'],
    ['1e400', '+Inf'],
  ])('%s -> %s', (raw, expected) => {
    const res = getResult(`{"n":${raw}}`, 'n');
    expect(res.type).toBe('Number');
    expect(res.raw).toBe(raw);
    expect(res.string()).toBe(expected);
  });

  test('Value() is float64', () => {
    expect(getResult('{"n":9007199254740993}', 'n').value()).toBe(9007199254740992);
    expect(getResult('{"n":1.5}', 'n').value()).toBe(1.5);
  });
});

describe('raw text and scanning', () => {
  test('duplicate keys: the first wins', () => {
    expect(getResult('{"a":1,"a":2}', 'a').raw).toBe('1');
  });
  test('a matching key that cannot hold the rest of the path is passed over', () => {
    expect(getResult('{"a":1,"a":{"b":2}}', 'a.b').raw).toBe('2');
  });
  test('whitespace inside objects is kept', () => {
    expect(getResult('{"a": { "b" : [ 1 , 2 ] } }', 'a').raw).toBe('{ "b" : [ 1 , 2 ] }');
  });
  test('escaped keys and values', () => {
    const json = '{"k\\"ey":"v\\n\\u00e9\\ud83d\\ude00","a.b":{"c":1}}';
    expect(getResult(json, 'k"ey').string()).toBe('v\né😀');
    expect(getResult(json, 'k"ey').raw).toBe('"v\\n\\u00e9\\ud83d\\ude00"');
    expect(getResult(json, 'a\\.b.c').raw).toBe('1');
  });
  test('strings with escaped quotes and brackets are skipped correctly', () => {
    const json = '{"x":"a\\\\","y":"]}{[\\"","z":3}';
    expect(getResult(json, 'x').string()).toBe('a\\');
    expect(getResult(json, 'z').raw).toBe('3');
  });
  test('nested arrays by index', () => {
    expect(getResult('{"a":[[1,2],[3,[4,5]]]}', 'a.1.1.0').raw).toBe('4');
  });
  test('top-level arrays', () => {
    expect(getResult('[{"a":1},{"a":2}]', '#.a').raw).toBe('[1,2]');
    expect(getResult('[{"a":1},{"a":2}]', '1.a').raw).toBe('2');
    expect(getResult('[]', '#').raw).toBe('0');
  });
  test('JSON Lines', () => {
    const lines = '{"name":"Gilbert","age":61}\n{"name":"Alexa","age":34}\n{"name":"May","age":57}\n';
    expect(getResult(lines, '..#').string()).toBe('3');
    expect(getResult(lines, '..1.name').string()).toBe('Alexa');
    expect(getResult(lines, '..#.name').string()).toBe('["Gilbert","Alexa","May"]');
    expect(getResult(lines, '..#(name="May").age').string()).toBe('57');
  });
  test('query with tilde booleans', () => {
    const json = '{"vals":[{"a":1,"b":true},{"a":2,"b":false},{"a":3},{"a":4,"b":"true"}]}';
    expect(getResult(json, 'vals.#(b==~true)#.a').raw).toBe('[1,4]');
    expect(getResult(json, 'vals.#(b==~false)#.a').raw).toBe('[2,3]');
    expect(getResult(json, 'vals.#(b==~null)#.a').raw).toBe('[3]');
    expect(getResult(json, 'vals.#(b==~*)#.a').raw).toBe('[1,2,4]');
  });
  test('query on booleans compares with the literal text', () => {
    const json = '{"v":[true,false]}';
    expect(getResult(json, 'v.#(==true)#').raw).toBe('[true]');
    expect(getResult(json, 'v.#(!=true)#').raw).toBe('[false]');
  });
  test.each([
    // Strings order by UTF-8 bytes (code points): U+1F600 sorts after U+FF61, unlike UTF-16 units.
    ['{"v":["\uff61","😀"]}', 'v.#(>"\uff61")#', '["😀"]'],
    ['{"v":["b","a","c"]}', 'v.#(<="b")#', '["b","a"]'],
    ['{"v":["b","a","c"]}', 'v.#(!="b")#', '["a","c"]'],
    ['{"v":[1,2,3]}', 'v.#(!=2)#', '[1,3]'],
    ['{"v":[1,2,3]}', 'v.#(=2)#', '[2]'],
    // Booleans answer only some orderings, as gjson does.
    ['{"v":[true,false]}', 'v.#(>=true)#', '[true]'],
    ['{"v":[true,false]}', 'v.#(<=true)#', '[false]'],
    ['{"v":[true,false]}', 'v.#(>false)#', '[true]'],
    ['{"v":[true,false]}', 'v.#(<true)#', '[false]'],
    ['{"v":[true,false]}', 'v.#(%"t*")#', '[]'],
  ])('query operators: %s %s', (json, path, expected) => {
    expect(getResult(json, path).raw).toBe(expected);
  });
  test('a component ends at an escaped-part pipe or dot', () => {
    const json = '{"a.b":{"c":[1,2]},"x":{"y":3}}';
    expect(getResult(json, 'a\\.b|c').raw).toBe('[1,2]');
    expect(getResult(json, 'a\\.b.c.@reverse').raw).toBe('[2,1]');
    expect(getResult(json, 'a\\.b.c.1').raw).toBe('2');
    expect(getResult(json, 'x.y|@this').raw).toBe('3');
  });
  test('pipe after a query applies to the collected array', () => {
    expect(getResult(DOC, 'friends.#(last=="Murphy")#.first|1').string()).toBe('Jane');
  });
  test('a pipe on a missing value stays missing', () => {
    expect(getResult(DOC, 'missing|@this').exists).toBe(false);
  });
  test('unterminated input is read leniently', () => {
    expect(getResult('{"a":[1,2', 'a.#').raw).toBe('2');
    expect(getResult('{"a":"x', 'a').exists).toBe(false);
  });
});

describe('static values', () => {
  test('a key named like a non-literal static is a plain key', () => {
    expect(getResult('{"!x":1}', '!x').raw).toBe('1');
  });
});
