#!/usr/bin/env node
// `famcoord --version` alone is answered here, before the program is loaded: it needs none of it.
// (tests/cli/program.test.ts checks that this and the program's own --version agree.)
import { readFileSync } from 'node:fs';

const [, , first, ...rest] = process.argv;
if ((first === '--version' || first === '-V') && rest.length === 0) process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
else await import('../dist/cli.js');
