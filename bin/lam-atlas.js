#!/usr/bin/env node
// The lam-atlas command: runs the TypeScript sources directly, as the npm scripts do.
const path = require('path');
require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json') });
require('../src/cli/cli.main.ts').main(process.argv.slice(2));
