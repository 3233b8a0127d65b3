// A platform process for load benchmarks: the whole app on DATABASE_URL, listening on 127.0.0.1 (a free port), in
// its own process so the load generator never shares its event loop. Prints "listening <port>" when ready.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/core/config.ts';
import { createPlatform } from '../../src/app.ts';

const config = loadConfig(process.env, { dataDir: mkdtempSync(join(tmpdir(), 'coop-bench-serve-')), logLevel: 'silent', port: 0, host: '127.0.0.1', sessionSecret: 'bench-secret-bench-secret-bench-secret' });
const platform = await createPlatform({ config, logger: false, serveWeb: false, migrated: true });
await platform.app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening ${(platform.app.server.address() as AddressInfo).port}\n`);
const stop = () => void platform.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
