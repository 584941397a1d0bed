// Entry point of the codegen preset named in codegen.yml. The codegen CLI runs as an ES module and
// cannot import TypeScript, so this CommonJS file registers ts-node and hands over the preset.
require('ts-node/register/transpile-only');
module.exports = require('./client.preset.ts').preset;
