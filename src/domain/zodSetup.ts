// zod as famcoord uses it, set up before any schema is built (schema.ts imports this first, and
// every module that builds schemas imports schema.ts).
//
// jitless: zod compiles a parser for each object schema (new Function) the first time it parses
// one. Such code is never in V8's code cache, and a command validates a change or two: one
// `goal progress` spent ~4 % of its instructions compiling them, while a batch of 1,000
// operations ran ~1 % faster with them (issue 19, measured with callgrind).
import * as z from 'zod';

z.config({ jitless: true });
