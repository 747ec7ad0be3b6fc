#!/usr/bin/env node
// Prints the README's settings table, rendered from the settings definition
// (src/config/settings.ts, compiled under lib/: run `npm run build` first).
//   node scripts/settings-table.js           print the table
//   node scripts/settings-table.js --write   replace the table in README.md
// test/config/settings-table.test.ts fails when README.md and the definition differ.
'use strict';
const fs = require('fs');
const path = require('path');
const { settingsTable, withSettingsTable } = require('../lib/src/config/settings-table');

const readme = path.resolve(__dirname, '..', 'README.md');
if (process.argv.includes('--write')) {
  fs.writeFileSync(readme, withSettingsTable(fs.readFileSync(readme, 'utf8')));
} else {
  process.stdout.write(settingsTable());
}
