#!/usr/bin/env node
'use strict';
// The compiled CLI (npm run build); see src/cli/main.ts.
const { runCli } = require('../dist/src/cli/main.js');

runCli(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
