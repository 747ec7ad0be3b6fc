#!/usr/bin/env node
// Runs the compiled CLI (built by `npm ci` through the `prepare` script).
require('../lib/src/cli/index.js').main(process.argv);
