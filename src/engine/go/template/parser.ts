/**
 * Parser of Go `text/template`, following `text/template/parse` so that the accepted
 * syntax and the error texts match (`template: param:1: function "foo" not defined`).
 */
import { parseFloat as goParseFloat, parseInt as goParseInt, quote } from '../strconv';
import { Item, ItemType, isKeyword, lex } from './lexer';
import {
  ArgNode, BranchNode, CommandNode, ElseNode, EndNode, ListNode, Node, NumberNode, PipeNode, TemplateNode, VariableNode,
  isEmptyTree, nodeString,
} from './nodes';
import { GoTemplateError } from './errors';
import { UnquoteError, unquoteChar, unquoteString } from './unquote';

/** A parsed template set: the named trees (`define`/`block` add to it). */
export type TreeSet = Map<string, ListNode>;

/** Parses `text` as template `name`; `hasFunction` says which identifiers are functions. */
export function parseTrees(name: string, text: string, hasFunction: (fn: string) => boolean): TreeSet {
  const trees: TreeSet = new Map();
  new Parser(name, lex(text), hasFunction, trees).parseTop();
  return trees;
}

/** Go's `item.String()` for parse errors. */
function itemString(i: Item): string {
  if (i.typ === 'EOF') return 'EOF';
  if (i.typ === 'error') return i.val;
  if (isKeyword(i.typ)) return `<${i.val}>`;
  const runes = Array.from(i.val);
  if (runes.length > 10) return `${quote(runes.slice(0, 10).join(''))}...`;
  return quote(i.val);
}

class Parser {
  private readonly items: Item[];
  private index = 0;
  private last: Item;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;
  private treeName: string;

  constructor(
    private readonly parseName: string,
    items: Item[],
    private readonly hasFunction: (fn: string) => boolean,
    private readonly trees: TreeSet,
  ) {
    this.items = items;
    this.last = items[0];
    this.treeName = parseName;
  }

  // ---- token helpers (Go keeps a 3-token look-ahead; an index into the item list is equivalent)

  private next(): Item {
    const item = this.items[Math.min(this.index, this.items.length - 1)];
    this.index++;
    this.last = item;
    return item;
  }

  private backup(count = 1): void {
    this.index -= count;
  }

  private peek(): Item {
    return this.items[Math.min(this.index, this.items.length - 1)];
  }

  private nextNonSpace(): Item {
    let token: Item;
    do token = this.next(); while (token.typ === 'space');
    return token;
  }

  private peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  private errorf(message: string): never {
    throw new GoTemplateError(`template: ${this.parseName}:${this.last.line}: ${message}`);
  }

  private expect(expected: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== expected) this.unexpected(token, context);
    return token;
  }

  private unexpected(token: Item, context: string): never {
    if (token.typ === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${token.val}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  // ---- structure

  parseTop(): void {
    const root: Node[] = [];
    while (this.peek().typ !== 'EOF') {
      if (this.peek().typ === 'leftDelim') {
        const atDelim = this.index;
        this.next();
        if (this.nextNonSpace().typ === 'define') {
          this.parseDefinition();
          continue;
        }
        this.index = atDelim;
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      root.push(n);
    }
    this.addTree(this.parseName, { type: 'list', pos: 0, nodes: root });
  }

  private addTree(name: string, root: ListNode): void {
    const existing = this.trees.get(name);
    if (existing === undefined || isEmptyTree(existing)) {
      this.trees.set(name, root);
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${quote(name)}`);
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const nameToken = this.nextNonSpace();
    if (nameToken.typ !== 'string' && nameToken.typ !== 'rawString') this.unexpected(nameToken, context);
    const name = this.unquote(nameToken.val);
    this.expect('rightDelim', context);
    const savedVars = this.vars;
    const savedName = this.treeName;
    this.vars = ['$'];
    this.treeName = name;
    const [list, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.addTree(name, list);
    this.vars = savedVars;
    this.treeName = savedName;
  }

  private itemList(): [ListNode, EndNode | ElseNode] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== 'EOF') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    return this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'text':
        return { type: 'text', pos: token.pos, text: token.val };
      case 'leftDelim': {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      default:
        return this.unexpected(token, 'input');
    }
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'block': return this.blockControl();
      case 'break': return this.loopControl('break', token);
      case 'continue': return this.loopControl('continue', token);
      case 'else': return this.elseControl();
      case 'end': return { type: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if': return this.branchControl('if', true);
      case 'range': return this.branchControl('range', false);
      case 'template': return this.templateControl();
      case 'with': return this.branchControl('with', true);
      default: break;
    }
    this.backup();
    const start = this.peek();
    // Variables declared here persist until the enclosing {{end}}.
    return { type: 'action', pos: start.pos, line: start.line, pipe: this.pipeline('command', 'rightDelim') };
  }

  private loopControl(kind: 'break' | 'continue', token: Item): Node {
    const next = this.nextNonSpace();
    if (next.typ !== 'rightDelim') this.unexpected(next, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`);
    return { type: kind, pos: token.pos, line: token.line };
  }

  private elseControl(): ElseNode {
    const peek = this.peekNonSpace();
    // "{{else if ...}}" and "{{else with ...}}" are rewritten to {{else}}{{if ...}}...
    if (peek.typ === 'if' || peek.typ === 'with') return { type: 'else', pos: peek.pos, line: peek.line };
    const token = this.expect('rightDelim', 'else');
    return { type: 'else', pos: token.pos, line: token.line };
  }

  private branchControl(kind: 'if' | 'range' | 'with', allowElseChain: boolean): BranchNode {
    const savedVarCount = this.vars.length;
    try {
      const pipe = this.pipeline(kind, 'rightDelim');
      if (kind === 'range') this.rangeDepth++;
      let list: ListNode;
      let next: EndNode | ElseNode;
      try {
        [list, next] = this.itemList();
      } finally {
        if (kind === 'range') this.rangeDepth--;
      }
      let elseList: ListNode | undefined;
      if (next.type === 'else') {
        if (allowElseChain && this.peek().typ === kind) {
          this.next();
          elseList = { type: 'list', pos: next.pos, nodes: [this.branchControl(kind, true)] };
        } else {
          let end: EndNode | ElseNode;
          [elseList, end] = this.itemList();
          if (end.type !== 'end') this.errorf(`expected end; found ${nodeString(end)}`);
        }
      }
      return { type: kind, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = savedVarCount;
    }
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().typ !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const savedVars = this.vars;
    const savedRange = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    const [list, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.addTree(name, list);
    this.vars = savedVars;
    this.rangeDepth = savedRange;
    return { type: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.typ === 'string' || token.typ === 'rawString') return this.unquote(token.val);
    return this.unexpected(token, context);
  }

  private unquote(quoted: string): string {
    try {
      return unquoteString(quoted);
    } catch (err) {
      if (err instanceof UnquoteError) this.errorf(err.message);
      throw err;
    }
  }

  // ---- pipelines

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: token.pos, line: token.line, isAssign: false, decl: [], cmds: [] };
    this.declarations(pipe, context);
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.typ) {
        case 'bool': case 'charConstant': case 'complex': case 'dot': case 'field': case 'identifier':
        case 'number': case 'nil': case 'rawString': case 'string': case 'variable': case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  /** `$x :=`, `$x =`, and the range form `$i, $v :=`. */
  private declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== 'variable') return;
      const beforeVariable = this.index;
      this.nextNonSpace();
      const next = this.peekNonSpace();
      if (next.typ === 'assign' || next.typ === 'declare') {
        pipe.isAssign = next.typ === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        return;
      }
      if (next.typ === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.peekNonSpace().typ;
          if (after === 'variable' || after === 'rightDelim' || after === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.index = beforeVariable;
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const first = c.args[0].type;
      if (first === 'bool' || first === 'dot' || first === 'nil' || first === 'number' || first === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === 'space') continue;
      if (token.typ === 'rightDelim' || token.typ === 'rightParen') {
        this.backup();
      } else if (token.typ !== 'pipe') {
        this.unexpected(token, 'operand');
      }
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().typ !== 'field') return node;
    const chainPos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field': return { type: 'field', pos: chainPos, ident: [...node.ident, ...fields] };
      case 'variable': return { type: 'variable', pos: chainPos, ident: [...node.ident, ...fields] };
      case 'bool': case 'string': case 'number': case 'nil': case 'dot':
        return this.errorf(`unexpected . after term ${quote(nodeString(node))}`);
      default: return { type: 'chain', pos: chainPos, node, fields };
    }
  }

  private term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'identifier':
        if (!this.hasFunction(token.val)) this.errorf(`function ${quote(token.val)} not defined`);
        return { type: 'identifier', pos: token.pos, name: token.val };
      case 'dot': return { type: 'dot', pos: token.pos };
      case 'nil': return { type: 'nil', pos: token.pos };
      case 'variable': return this.useVar(token);
      case 'field': return { type: 'field', pos: token.pos, ident: [token.val.slice(1)] };
      case 'bool': return { type: 'bool', pos: token.pos, value: token.val === 'true' };
      case 'charConstant': case 'complex': case 'number': return this.newNumber(token);
      case 'leftParen': return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string': case 'rawString':
        return { type: 'string', pos: token.pos, quoted: token.val, text: this.unquote(token.val) };
      default:
        this.backup();
        return undefined;
    }
  }

  private useVar(token: Item): VariableNode {
    const ident = token.val.split('.');
    if (!this.vars.includes(ident[0])) this.errorf(`undefined variable ${quote(ident[0])}`);
    return { type: 'variable', pos: token.pos, ident };
  }

  private newNumber(token: Item): NumberNode {
    const text = token.val;
    if (token.typ === 'charConstant') {
      let cp: number;
      try {
        cp = unquoteChar(text);
      } catch (err) {
        if (err instanceof UnquoteError) return this.errorf(`malformed character constant: ${text}`);
        throw err;
      }
      return { type: 'number', pos: token.pos, text, isInt: true, isUint: true, int64: BigInt(cp), isFloat: true, float64: cp, isComplex: false };
    }
    if (token.typ === 'complex' || text.endsWith('i')) {
      return this.errorf(`complex constants are not supported by this engine: ${text}`);
    }
    const base = { type: 'number' as const, pos: token.pos, text, isComplex: false };
    const asInt = tryParse(() => goParseInt(text, 0, 64));
    if (asInt !== undefined) return { ...base, isInt: true, isUint: asInt >= 0n, int64: asInt, isFloat: true, float64: Number(asInt) };
    const asUint = text.startsWith('-') ? undefined : tryParse(() => goParseInt(text, 0, 65));
    if (asUint !== undefined) return { ...base, isInt: false, isUint: true, int64: 0n, isFloat: true, float64: Number(asUint) };
    let f: number;
    try {
      f = goParseFloat(text);
    } catch {
      return this.errorf(`illegal number syntax: ${quote(text)}`);
    }
    if (!/[.eEpP]/.test(text)) {
      // Looks like an integer but does not fit int64 (a uint64 still cannot be used as int).
      return this.errorf(`integer overflow: ${text}`);
    }
    const integral = Number.isInteger(f) && Math.abs(f) < 2 ** 63;
    return { ...base, isInt: integral, isUint: integral && f >= 0, int64: integral ? BigInt(f) : 0n, isFloat: true, float64: f };
  }
}

function tryParse<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}
