import Handlebars from 'handlebars';
import { contextProblems } from '../../src/agent-templates/context-check';

const problems = (source: string, context: Record<string, unknown>, expected?: Record<string, unknown>): string[] =>
  contextProblems(Handlebars.parse(source), 't.hbs', context, 'ctx.json', expected);

describe('contextProblems', () => {
  test('a context that has every field used, at every level, has no problem', () => {
    const source = [
      '{{service}} {{cli_config.model}} {{@root.service}}',
      '{{#each tools}}{{name}} {{@index}} {{../service}}{{else}}none{{/each}}',
      '{{#with cli_config}}{{model}}{{/with}}',
      '{{#each tools as |tool i|}}{{tool.name}} {{i}}{{/each}}',
      '{{#if a}}x{{else if b}}y{{/if}} {{lookup cli_config "model"}}',
    ].join('\n');
    expect(problems(source, { service: 's', cli_config: { model: 'm' }, tools: [{ name: 'n' }], a: true, b: false })).toEqual([]);
  });

  test('missing fields, in nested paths, each bodies, else-if conditions and helper arguments, with their lines', () => {
    const source = ['{{cli_config.model}}', '{{#each tools}}{{nam}}{{/each}}', '{{#if a}}{{else if b}}{{/if}}', '{{lookup nope "x"}}'].join('\n');
    expect(problems(source, { cli_config: {}, tools: [{ name: 'n' }], a: false })).toEqual([
      't.hbs:1: "cli_config.model" is not in the context ctx.json; the template would render it as an empty string',
      't.hbs:2: "nam" is not in the context ctx.json; the template would render it as an empty string',
      't.hbs:3: "b" is not in the context ctx.json; the template would render it as an empty string',
      't.hbs:4: "nope" is not in the context ctx.json; the template would render it as an empty string',
    ]);
  });

  test('a missing parent names the part that is missing', () => {
    expect(problems('{{a.b.c}}', { a: {} })).toEqual(['t.hbs:1: "a.b" (of "a.b.c") is not in the context ctx.json; the template would render it as an empty string']);
  });

  test('types against the controller\'s example, inside each bodies too', () => {
    const expected = { attempts: 1, tools: [{ enabled: true }] };
    expect(problems('{{attempts}}{{#each tools}}{{#if enabled}}x{{/if}}{{/each}}', { attempts: '1', tools: [{ enabled: 'yes' }] }, expected)).toEqual([
      't.hbs:1: "attempts" is a string in ctx.json, but the controller gives a number (see the example context)',
      't.hbs:1: "enabled" is a string in ctx.json, but the controller gives a boolean (see the example context)',
    ]);
  });

  test('if/unless on a string that reads as false; each over a scalar', () => {
    expect(problems('{{#unless flag}}x{{/unless}}{{#each n}}{{/each}}', { flag: ' 0 ', n: 3 })).toEqual([
      't.hbs:1: "flag" is the string " 0 ", which "unless" treats as true (only an empty string is false); give a JSON boolean',
      't.hbs:1: "each" needs a list or an object, but "n" is a number',
    ]);
  });
});
