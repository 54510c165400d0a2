#!/usr/bin/env node
/**
 * The `feed-rebalancer` command. Everything it does lives in `runCli`, which takes its I/O
 * as an argument; this file only connects it to the process and sets the exit code (never
 * `process.exit`, so stdout is flushed before Node ends).
 */
import { processIo } from './io.js';
import { runCli } from './runCli.js';

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
