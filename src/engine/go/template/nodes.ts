/**
 * Parse-tree nodes of Go `text/template`, and their `String()` forms, which Go prints
 * in execution errors (`executing "param" at <.Input.x>: ...`).
 */
import { quote } from '../strconv';

/** A numeric constant with the interpretations Go's parser derives from its text. */
export interface NumberNode {
  readonly type: 'number';
  readonly pos: number;
  readonly text: string;
  readonly isInt: boolean;
  /** Fits uint64 (only matters for the "overflows int" error of huge constants). */
  readonly isUint: boolean;
  readonly int64: bigint;
  readonly isFloat: boolean;
  readonly float64: number;
  readonly isComplex: boolean;
}

export interface TextNode { readonly type: 'text'; readonly pos: number; readonly text: string }
export interface DotNode { readonly type: 'dot'; readonly pos: number }
export interface NilNode { readonly type: 'nil'; readonly pos: number }
export interface BoolNode { readonly type: 'bool'; readonly pos: number; readonly value: boolean }
export interface StringNode { readonly type: 'string'; readonly pos: number; readonly quoted: string; readonly text: string }
export interface FieldNode { readonly type: 'field'; readonly pos: number; readonly ident: readonly string[] }
/** `$x.a.b`: ident[0] is the variable name including `$`. */
export interface VariableNode { readonly type: 'variable'; readonly pos: number; readonly ident: readonly string[] }
export interface IdentifierNode { readonly type: 'identifier'; readonly pos: number; readonly name: string }
/** A field chain on a non-field term, e.g. `(index .a 1).b`. */
export interface ChainNode { readonly type: 'chain'; readonly pos: number; readonly node: ArgNode; readonly fields: readonly string[] }
export interface CommandNode { readonly type: 'command'; readonly pos: number; readonly args: ArgNode[] }
export interface PipeNode {
  readonly type: 'pipe';
  readonly pos: number;
  readonly line: number;
  isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}
export interface ActionNode { readonly type: 'action'; readonly pos: number; readonly line: number; readonly pipe: PipeNode }
export interface BranchNode {
  readonly type: 'if' | 'range' | 'with';
  readonly pos: number;
  readonly line: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | undefined;
}
export interface TemplateNode {
  readonly type: 'template';
  readonly pos: number;
  readonly line: number;
  readonly name: string;
  readonly pipe: PipeNode | undefined;
}
export interface BreakNode { readonly type: 'break'; readonly pos: number; readonly line: number }
export interface ContinueNode { readonly type: 'continue'; readonly pos: number; readonly line: number }
export interface ListNode { readonly type: 'list'; readonly pos: number; readonly nodes: Node[] }
/** Internal markers returned by itemList for `{{end}}` and `{{else}}`. */
export interface EndNode { readonly type: 'end'; readonly pos: number }
export interface ElseNode { readonly type: 'else'; readonly pos: number; readonly line: number }

/** Operands of a command. */
export type ArgNode =
  | DotNode | NilNode | BoolNode | StringNode | NumberNode | FieldNode | VariableNode | IdentifierNode | ChainNode | PipeNode;

/** Any node. */
export type Node =
  | ArgNode | TextNode | CommandNode | ActionNode | BranchNode | TemplateNode | BreakNode | ContinueNode | ListNode
  | EndNode | ElseNode;

/** Go's `Node.String()`. */
export function nodeString(n: Node): string {
  switch (n.type) {
    case 'text': return n.text;
    case 'dot': return '.';
    case 'nil': return 'nil';
    case 'bool': return n.value ? 'true' : 'false';
    case 'string': return n.quoted;
    case 'number': return n.text;
    case 'field': return n.ident.map((id) => '.' + id).join('');
    case 'variable': return n.ident.join('.');
    case 'identifier': return n.name;
    case 'chain': {
      const head = n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
      return head + n.fields.map((f) => '.' + f).join('');
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'pipe': {
      const decl = n.decl.length > 0 ? n.decl.map(nodeString).join(', ') + (n.isAssign ? ' = ' : ' := ') : '';
      return decl + n.cmds.map(nodeString).join(' | ');
    }
    case 'action': return `{{${nodeString(n.pipe)}}}`;
    case 'if': case 'range': case 'with': {
      const elsePart = n.elseList ? `{{else}}${nodeString(n.elseList)}` : '';
      return `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}${elsePart}{{end}}`;
    }
    case 'template':
      return n.pipe ? `{{template ${quote(n.name)} ${nodeString(n.pipe)}}}` : `{{template ${quote(n.name)}}}`;
    case 'break': return '{{break}}';
    case 'continue': return '{{continue}}';
    case 'list': return n.nodes.map(nodeString).join('');
    case 'end': return '{{end}}';
    case 'else': return '{{else}}';
  }
}

/** Go's `parse.IsEmptyTree`: only white space (and comments). */
export function isEmptyTree(n: Node): boolean {
  if (n.type === 'list') return n.nodes.every(isEmptyTree);
  if (n.type === 'text') return n.text.trim() === '';
  return false;
}
