// @doyensec/electronegativity 1.10.3 requires 'commander' without declaring it and breaks on the
// project's commander 14; point its require at the commander 5 copy that @electron/asar brings.
const Module = require('node:module');
const path = require('node:path');

const v5 = path.resolve(__dirname, '..', 'node_modules/@electron/asar/node_modules/commander/index.js');
const original = Module._resolveFilename;
Module._resolveFilename = function resolveCommander(request, parent, ...rest) {
  if (request === 'commander' && parent?.filename?.includes('@doyensec/electronegativity')) return v5;
  return original.call(this, request, parent, ...rest);
};
