#!/usr/bin/env node
// Pre-compiles the JSON schemas into standalone Ajv validation code at build time (part of
// `prepare`), so that commands do not generate it on every run:
//  - the settings schema (~150 ms per synth otherwise), and the same schema as plain JSON for
//    the defaults (building it with TypeBox costs ~100 ms more);
//  - the Argo Events Sensor and EventSource definitions of the upstream schema (~1 s per
//    lint otherwise).
// The runtime compiles a schema itself when its generated file is absent (tests running
// from TypeScript sources).
'use strict';
const fs = require('fs');
const path = require('path');
const { _ } = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;

const lib = path.resolve(__dirname, '..', 'lib', 'src');

function buildSettingsValidator() {
  const dir = path.join(lib, 'config');
  const { createSettingsAjv } = require(path.join(dir, 'settings-ajv.js'));
  const { settingsSchema } = require(path.join(dir, 'settings.js'));
  const ajv = createSettingsAjv({ code: { source: true } });
  const validate = ajv.compile(settingsSchema);
  fs.writeFileSync(path.join(dir, 'settings-validator.generated.js'), standaloneCode(ajv, validate));
  // The schema as plain JSON, from which the defaults are applied without loading TypeBox.
  fs.writeFileSync(path.join(dir, 'settings-schema.generated.json'), JSON.stringify(settingsSchema));
}

function buildArgoValidators() {
  const dir = path.join(lib, 'engine', 'validation');
  const { createArgoSchemaAjv, ARGO_SCHEMA_REFS, ARGO_VALIDATORS_MODULE } = require(path.join(dir, 'argo-schema.js'));
  // The generated code takes the format definitions from the module that defines them.
  const ajv = createArgoSchemaAjv({ code: { source: true, formats: _`require("./kubernetes-formats").KUBERNETES_FORMATS` } });
  fs.writeFileSync(path.join(dir, `${ARGO_VALIDATORS_MODULE}.js`), standaloneCode(ajv, { ...ARGO_SCHEMA_REFS }));
}

buildSettingsValidator();
buildArgoValidators();
