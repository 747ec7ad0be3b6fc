/**
 * The README's settings table, rendered from the settings definition (settings.ts):
 * `node scripts/settings-table.js --write` puts it into README.md, and a test fails when the
 * README and the definition differ.
 */
import type { TSchema } from '@sinclair/typebox';
import * as YAML from 'yaml';
import { settingDefault } from './resolve';
import { settingsSchema, type SettingAnnotations } from './settings';

/** Marks around the generated table in README.md. */
export const TABLE_START = '<!-- settings table: generated from src/config/settings.ts by `node scripts/settings-table.js --write` -->';
export const TABLE_END = '<!-- end of settings table -->';

/** One row: a setting, its default as the README shows it, and what it means. */
export interface SettingRow {
  readonly path: string;
  readonly defaultText: string;
  readonly description: string;
}

type Node = TSchema & SettingAnnotations & { properties?: Record<string, Node> };

/**
 * The rows, in definition order. An object without a description is a group whose fields
 * are rows of their own; anything else (values, lists, maps, objects with a description) is a row.
 */
export function settingRows(schema: TSchema = settingsSchema): SettingRow[] {
  const rows: SettingRow[] = [];
  const visit = (node: Node, path: string): void => {
    if (node.properties && node.description === undefined) {
      for (const [key, child] of Object.entries(node.properties)) visit(child, path ? `${path}.${key}` : key);
      return;
    }
    if (!node.description) throw new Error(`setting ${path} has no description: add one to src/config/settings.ts`);
    rows.push({ path, defaultText: defaultOf(node), description: node.description });
  };
  visit(schema, '');
  return rows;
}

/** `defaultText` when given, else the default with the defaults of its fields, as YAML flow. */
function defaultOf(node: Node): string {
  if (node.defaultText !== undefined) return node.defaultText;
  if (node.default === undefined) return '–';
  const value = settingDefault(node);
  return `\`${YAML.stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trim()}\``;
}

/** The Markdown table (ends with a newline). */
export function settingsTable(schema: TSchema = settingsSchema): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const lines = ['| Setting | Default | Meaning |', '| --- | --- | --- |'];
  for (const row of settingRows(schema)) lines.push(`| \`${row.path}\` | ${cell(row.defaultText)} | ${cell(row.description)} |`);
  return `${lines.join('\n')}\n`;
}

/** README text with the table between the marks replaced; throws when the marks are missing. */
export function withSettingsTable(readme: string, table: string = settingsTable()): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end < start) throw new Error(`README.md lacks the marks around the settings table: ${TABLE_START} … ${TABLE_END}`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}${readme.slice(end)}`;
}
