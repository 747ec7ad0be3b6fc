/**
 * Executor of Go `text/template` parse trees, following `text/template/exec.go`:
 * field chains on maps, `<no value>` for missing keys, variables, if/with/range
 * (maps in key order), template calls, and Go's argument conversion and error texts.
 *
 * Runtime values: `undefined` is Go's invalid reflect.Value (a missing key), `null` a
 * nil interface (JSON null); other values are the engine's Go values (values.ts).
 */
import { checkTemplateStringLength } from '../../limits';
import { sprintValue } from '../fmt';
import { quote } from '../strconv';
import { GoInt, GoStringSlice, GoTime, goTypeName, isGoMap, sortedKeys } from '../values';
import { GoTemplateError } from './errors';
import { GoCallError, GoFunc, PARAM_TYPE_NAMES, ParamType, UnsupportedFunctionError } from './funcs';
import { toPrintable } from './printable';
import { GoSemver } from './semver';
import { isTrue } from './truth';
import {
  ArgNode, BranchNode, ChainNode, CommandNode, FieldNode, IdentifierNode, Node, NumberNode, PipeNode,
  TemplateNode, VariableNode, nodeString,
} from './nodes';
import { TreeSet } from './parser';

/** Go's limit on nested template calls. */
const MAX_EXEC_DEPTH = 100000;

/** What execution needs: the trees, the functions, and names for error messages. */
export interface ExecContext {
  readonly trees: TreeSet;
  readonly funcs: ReadonlyMap<string, GoFunc>;
  /** Name given at parse time (Go's ParseName, used in error locations). */
  readonly parseName: string;
  /** The full template text (for error line:column). */
  readonly text: string;
}

const MISSING = Symbol('missing final value');
/** A final value, or MISSING (`unknown` already includes the symbol). */
type Final = unknown;

class BreakSignal {}
class ContinueSignal {}

interface Variable {
  name: string;
  value: unknown;
  /** Holds an element of an interface{} collection (Go then names its type `interface {}`). */
  iface?: boolean;
}

/** Executes template `name` of the set with `data` as dot; returns the output. */
export function execute(ctx: ExecContext, name: string, data: unknown): string {
  const root = ctx.trees.get(name);
  const state = new State(ctx, name, [{ name: '$', value: data }], 0);
  if (root === undefined) return state.errorf(`${quote(name)} is an incomplete or empty template`);
  // JS runs out of stack long before Go's MAX_EXEC_DEPTH, and also on deep data (printing a map
  // nested thousands of levels): that RangeError is not Go's error, so it is not turned into a
  // GoTemplateError (callers treat those as the template failing in Argo); it goes up to the
  // caller's "cannot evaluate" boundary (src/engine/limits.ts).
  state.walk(data, root);
  return state.out;
}

class State {
  out = '';
  private node: Node | undefined;
  /** Dot is an element of a []interface{} or map[string]interface{} (set inside range). */
  private dotFromInterface = false;

  constructor(
    private readonly ctx: ExecContext,
    private readonly tmplName: string,
    private vars: Variable[],
    private readonly depth: number,
  ) {}

  // ---- errors

  at(node: Node): void {
    this.node = node;
  }

  errorf(message: string): never {
    if (this.node === undefined) throw new GoTemplateError(`template: ${this.tmplName}: ${message}`);
    const before = this.ctx.text.slice(0, this.node.pos);
    const lastNewline = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const byteNum = lastNewline < 0 ? Buffer.byteLength(before) : Buffer.byteLength(before.slice(lastNewline + 1));
    const location = `${this.ctx.parseName}:${line}:${byteNum}`;
    throw new GoTemplateError(
      `template: ${location}: executing ${quote(this.tmplName)} at <${nodeString(this.node)}>: ${message}`,
    );
  }

  // ---- variables

  private mark(): number {
    return this.vars.length;
  }

  private pop(mark: number): void {
    this.vars.length = mark;
  }

  private push(name: string, value: unknown): void {
    this.vars.push({ name, value });
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, value: unknown, iface: boolean): void {
    const v = this.vars[this.vars.length - n];
    v.value = value;
    v.iface = iface;
  }

  private lookupVar(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) return this.vars[i];
    }
    return this.errorf(`undefined variable: ${name}`);
  }

  // ---- walking

  walk(dot: unknown, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(val);
        return;
      }
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- unwinds to the enclosing range, not an error
      case 'break': throw new BreakSignal();
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- unwinds to the enclosing range, not an error
      case 'continue': throw new ContinueSignal();
      case 'if': case 'with': return this.walkIfOrWith(node, dot);
      case 'list': {
        for (const n of node.nodes) this.walk(dot, n);
        return;
      }
      case 'range': return this.walkRange(dot, node);
      case 'template': return this.walkTemplate(dot, node);
      case 'text': {
        this.emit(node.text);
        return;
      }
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(node: BranchNode, dot: unknown): void {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, node.pipe);
      const truth = isTrue(val);
      if (truth === undefined) this.errorf(`if/with can't use ${sprintValue(val)}`);
      if (truth && node.type === 'with') {
        const saved = this.dotFromInterface;
        this.dotFromInterface = false;
        try {
          this.walk(val, node.list);
        } finally {
          this.dotFromInterface = saved;
        }
      } else if (truth) {
        this.walk(dot, node.list);
      } else if (node.elseList) {
        this.walk(dot, node.elseList);
      }
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: unknown, r: BranchNode): void {
    this.at(r);
    const outer = this.mark();
    try {
      const val = this.evalPipeline(dot, r.pipe);
      const mark = this.mark();
      const decl = r.pipe.decl;
      const elemIface = Array.isArray(val) || isGoMap(val);
      const savedDotIface = this.dotFromInterface;
      const oneIteration = (index: unknown, elem: unknown): boolean => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0].ident[0], decl.length > 1 ? index : elem);
          else this.setTopVar(1, elem, elemIface);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem);
          else this.setTopVar(2, index, false);
        }
        this.dotFromInterface = elemIface;
        try {
          this.walk(elem, r.list);
        } catch (err) {
          if (err instanceof BreakSignal) return false;
          if (!(err instanceof ContinueSignal)) throw err;
        } finally {
          this.pop(mark);
          this.dotFromInterface = savedDotIface;
        }
        return true;
      };
      let iterated = false;
      if (Array.isArray(val) || val instanceof GoStringSlice) {
        const items: readonly unknown[] = Array.isArray(val) ? val : val.items;
        iterated = items.length > 0;
        for (let i = 0; i < items.length; i++) {
          if (!oneIteration(new GoInt(BigInt(i), 'int'), items[i])) break;
        }
      } else if (isGoMap(val)) {
        const keys = sortedKeys(val);
        iterated = keys.length > 0;
        for (const key of keys) {
          if (!oneIteration(key, val[key])) break;
        }
      } else if (val instanceof GoInt) {
        if (decl.length > 1) this.errorf(`can't use ${val.value} to iterate over more than one variable`);
        iterated = val.value > 0n;
        for (let i = 0n; i < val.value; i++) {
          const v = new GoInt(i, val.kind);
          if (!oneIteration(v, v)) break;
        }
      } else if (val !== undefined && val !== null) {
        this.errorf(`range can't iterate over ${sprintValue(val)}`);
      }
      if (!iterated && r.elseList) this.walk(dot, r.elseList);
    } finally {
      this.pop(outer);
    }
  }

  private walkTemplate(dot: unknown, t: TemplateNode): void {
    this.at(t);
    const root = this.ctx.trees.get(t.name);
    if (root === undefined) this.errorf(`template ${quote(t.name)} not defined`);
    if (this.depth >= MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const newDot = t.pipe ? this.evalPipeline(dot, t.pipe) : undefined;
    // No dynamic scoping: the called template sees only "$".
    const inner = new State(this.ctx, t.name, [{ name: '$', value: newDot }], this.depth + 1);
    inner.walk(newDot, root);
    this.emit(inner.out);
  }

  /** Appends to the output, within the simulator's cap on output length. */
  private emit(text: string): void {
    checkTemplateStringLength('the template output', this.out.length + text.length);
    this.out += text;
  }

  private printValue(v: unknown): void {
    if (v === undefined || v === null) {
      this.emit('<no value>');
      return;
    }
    this.emit(sprintValue(toPrintable(v)));
  }

  // ---- evaluation

  private evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // An interface{} result is unwrapped: a nil interface becomes "no value".
      if (value === null) value = undefined;
    }
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0], value);
      else this.push(variable.ident[0], value);
    }
    return value;
  }

  private notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field': return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain': return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier': return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable': return this.evalVariableNode(first, cmd.args, final);
      default: break;
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool': return first.value;
      case 'dot': return dot;
      case 'nil': return this.errorf('nil is not a command');
      case 'number': return this.idealConstant(first);
      case 'string': return first.text;
    }
  }

  private idealConstant(n: NumberNode): unknown {
    const isHexInt = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    const isRuneInt = n.text.startsWith("'");
    if (n.isFloat && !isHexInt && !isRuneInt && /[.eEpP]/.test(n.text)) return n.float64;
    if (n.isInt) return new GoInt(n.int64, 'int');
    if (n.isUint) this.errorf(`${n.text} overflows int`);
    return undefined;
  }

  private evalFieldNode(dot: unknown, field: FieldNode, args: readonly ArgNode[], final: Final): unknown {
    this.at(field);
    return this.evalFieldChain(dot, this.dotFromInterface, field.ident, args, final);
  }

  private evalChainNode(dot: unknown, chain: ChainNode, args: readonly ArgNode[], final: Final): unknown {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, 'value', chain.node);
    return this.evalFieldChain(pipe, false, chain.fields, args, final);
  }

  private evalVariableNode(variable: VariableNode, args: readonly ArgNode[], final: Final): unknown {
    this.at(variable);
    const v = this.lookupVar(variable.ident[0]);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return v.value;
    }
    return this.evalFieldChain(v.value, v.iface === true, variable.ident.slice(1), args, final);
  }

  /** Looks up `idents` one after the other, starting at `receiver`. */
  private evalFieldChain(
    receiver: unknown, receiverIface: boolean, idents: readonly string[], args: readonly ArgNode[], final: Final,
  ): unknown {
    let current = receiver;
    let fromInterface = receiverIface;
    for (let i = 0; i < idents.length; i++) {
      const last = i === idents.length - 1;
      const hasArgs = last && (args.length > 1 || final !== MISSING);
      current = this.evalField(idents[i], current, fromInterface, hasArgs);
      fromInterface = true;
    }
    return current;
  }

  private evalField(fieldName: string, receiver: unknown, fromInterface: boolean, hasArgs: boolean): unknown {
    if (receiver === undefined) return undefined;
    if (receiver === null) return this.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    if (isGoMap(receiver)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      return Object.prototype.hasOwnProperty.call(receiver, fieldName) ? receiver[fieldName] : undefined;
    }
    if (receiver instanceof GoSemver) {
      const method = semverMethod(receiver, fieldName);
      if (method !== undefined && !hasArgs) return method;
      throw new GoTemplateError(`template: ${this.ctx.parseName}: method ${fieldName} of *semver.Version is not supported by this engine`);
    }
    if (receiver instanceof GoTime) {
      throw new GoTemplateError(`template: ${this.ctx.parseName}: method ${fieldName} of time.Time is not supported by this engine`);
    }
    const typeName = fromInterface ? 'interface {}' : goTypeName(receiver);
    return this.errorf(`can't evaluate field ${fieldName} in type ${typeName}`);
  }

  private evalFunction(dot: unknown, node: IdentifierNode, cmd: Node, args: readonly ArgNode[] | undefined, final: Final): unknown {
    this.at(node);
    const fn = this.ctx.funcs.get(node.name);
    if (fn === undefined) return this.errorf(`${quote(node.name)} is not a defined function`);
    return this.evalCall(dot, fn, cmd, node.name, args, final);
  }

  private evalCall(dot: unknown, fn: GoFunc, node: Node, name: string, allArgs: readonly ArgNode[] | undefined, final: Final): unknown {
    const args = allArgs ? allArgs.slice(1) : [];
    let numIn = args.length;
    if (final !== MISSING) numIn++;
    let numFixed = args.length;
    const numParams = fn.params.length + (fn.variadic ? 1 : 0);
    if (fn.variadic) {
      numFixed = fn.params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
    } else if (numIn !== numParams) {
      this.errorf(`wrong number of args for ${name}: want ${numParams} got ${numIn}`);
    }

    if (fn.shortCircuit) {
      let v: unknown;
      for (const arg of args) {
        v = this.evalArg(dot, 'value', arg);
        if (isTrue(v) === (fn.shortCircuit === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, 'value');
      return v;
    }

    const argv: unknown[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, fn.params[i], args[i]));
    if (fn.variadic) {
      for (; i < args.length; i++) argv.push(this.evalArg(dot, fn.variadic, args[i]));
    }
    if (final !== MISSING) {
      let t: ParamType;
      if (fn.variadic) t = numIn - 1 < numFixed ? fn.params[numIn - 1] : fn.variadic;
      else t = fn.params[fn.params.length - 1];
      argv.push(this.validateType(final, t));
    }
    if (fn.calleeName) argv.unshift(args.length > 0 ? nodeString(args[0]) : '');
    try {
      return fn.call(argv);
    } catch (err) {
      if (err instanceof GoCallError) {
        this.at(node);
        this.errorf(`error calling ${name}: ${err.message}`);
      }
      if (err instanceof UnsupportedFunctionError) {
        this.at(node);
        throw new GoTemplateError(`template: ${this.ctx.parseName}: ${err.message}`);
      }
      throw err;
    }
  }

  private evalArg(dot: unknown, typ: ParamType, n: ArgNode): unknown {
    this.at(n);
    switch (n.type) {
      case 'dot': return this.validateType(dot, typ);
      case 'nil':
        if (typ === 'value') return undefined;
        if (typ === 'any' || typ === 'map') return null;
        return this.errorf(`cannot assign nil to ${PARAM_TYPE_NAMES[typ]}`);
      case 'field': return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable': return this.validateType(this.evalVariableNode(n, [], MISSING), typ);
      case 'pipe': return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier': return this.validateType(this.evalFunction(dot, n, n, undefined, MISSING), typ);
      case 'chain': return this.validateType(this.evalChainNode(dot, n, [], MISSING), typ);
      default: break;
    }
    switch (typ) {
      case 'bool':
        if (n.type === 'bool') return n.value;
        return this.errorf(`expected bool; found ${nodeString(n)}`);
      case 'float64':
        if (n.type === 'number' && n.isFloat) return n.float64;
        return this.errorf(`expected float; found ${nodeString(n)}`);
      case 'int': case 'int64':
        if (n.type === 'number' && n.isInt) return new GoInt(n.int64, typ);
        return this.errorf(`expected integer; found ${nodeString(n)}`);
      case 'string':
        if (n.type === 'string') return n.text;
        return this.errorf(`expected string; found ${nodeString(n)}`);
      case 'any': case 'value':
        switch (n.type) {
          case 'bool': return n.value;
          case 'number': return this.idealConstant(n);
          case 'string': return n.text;
        }
        break;
      default: break;
    }
    return this.errorf(`can't handle ${nodeString(n)} for arg of type ${PARAM_TYPE_NAMES[typ]}`);
  }

  private validateType(value: unknown, typ: ParamType): unknown {
    if (typ === 'value') return value;
    if (value === undefined) {
      if (typ === 'any' || typ === 'map') return null;
      return this.errorf(`invalid value; expected ${PARAM_TYPE_NAMES[typ]}`);
    }
    if (typ === 'any') return value;
    const typeName = value === null ? 'interface {}' : goTypeName(value);
    if (typeName === PARAM_TYPE_NAMES[typ]) return value;
    return this.errorf(`wrong type for value; expected ${PARAM_TYPE_NAMES[typ]}; got ${typeName}`);
  }
}

/** The argument-less methods of `*semver.Version` (its numbers are uint64, shown here as int64). */
function semverMethod(v: GoSemver, name: string): unknown {
  switch (name) {
    case 'Major': return new GoInt(v.major, 'int64');
    case 'Minor': return new GoInt(v.minor, 'int64');
    case 'Patch': return new GoInt(v.patch, 'int64');
    case 'Prerelease': return v.pre;
    case 'Metadata': return v.metadata;
    case 'Original': return v.original;
    case 'String': return v.toString();
    default: return undefined;
  }
}
