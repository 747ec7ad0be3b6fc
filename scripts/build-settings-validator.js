#!/usr/bin/env node
// Pre-compiles the settings JSON schema into standalone Ajv validation code at build
// time (part of `prepare`), so a synth does not spend ~150 ms generating it on every run.
// The runtime falls back to compiling the schema when the generated file is absent
// (tests running from TypeScript sources).
'use strict';
const fs = require('fs');
const path = require('path');
const standaloneCode = require('ajv/dist/standalone').default;

const lib = path.resolve(__dirname, '..', 'lib', 'src', 'config');
const { createSettingsAjv } = require(path.join(lib, 'settings-ajv.js'));
const { settingsSchema } = require(path.join(lib, 'settings-schema.js'));

const ajv = createSettingsAjv({ code: { source: true } });
const validate = ajv.compile(settingsSchema);
fs.writeFileSync(path.join(lib, 'settings-validator.generated.js'), standaloneCode(ajv, validate));
