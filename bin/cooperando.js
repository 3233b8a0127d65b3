#!/usr/bin/env node
// Entry for `npx cooperando` / a global install: re-run the TypeScript CLI on Node 24 with type stripping.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Prefer the Node 24 binary the project pins (npm package `node`); fall back to the current one.
const pinned = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node');
const nodeBin = existsSync(pinned) ? pinned : process.execPath;
const result = spawnSync(nodeBin, [join(root, 'src', 'cli', 'main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
