// The platform on a real socket at http://localhost:PORT (PUBLIC_URL matches, so the OIDC issuer, passkey origin and
// credential URLs are the real ones), and a minimal browser for API tests: a cookie jar that honours Path and
// expiry, and redirects followed by hand so a test can stop where a real browser would hand over to a page.
import { createServer, type AddressInfo } from 'node:net';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import type { Config } from '../../../src/core/config.ts';

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export interface ListeningPlatform {
  platform: TestPlatform;
  baseUrl: string;
  close(): Promise<void>;
}

/** Starts the platform listening on localhost with PUBLIC_URL = its own address. */
export async function startListeningPlatform(opts: { serveWeb?: boolean; config?: Partial<Config> } = {}): Promise<ListeningPlatform> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const platform = await startTestPlatform({ serveWeb: opts.serveWeb ?? false, config: { publicUrl: baseUrl, port, ...opts.config } });
  await platform.app.listen({ port, host: '127.0.0.1' });
  return { platform, baseUrl, close: () => platform.close() };
}

interface Cookie {
  name: string;
  value: string;
  path: string;
  expires: number | null;
}

export class BrowserJar {
  private cookies: Cookie[] = [];
  csrf: string | null = null;

  private store(url: URL, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = url.pathname.replace(/\/[^/]*$/, '') || '/';
      let expires: number | null = null;
      for (const a of attrs) {
        const [k = '', v = ''] = a.split('=');
        if (k.toLowerCase() === 'path') path = v || '/';
        if (k.toLowerCase() === 'max-age') expires = Date.now() + Number(v) * 1000;
        if (k.toLowerCase() === 'expires' && expires === null) expires = Date.parse(v);
      }
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
      if (value !== '' && (expires === null || expires > Date.now())) this.cookies.push({ name, value, path, expires });
    }
  }

  cookieHeader(url: URL): string {
    const now = Date.now();
    return this.cookies
      .filter((c) => (c.expires === null || c.expires > now) && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) || c.path === '/'))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  has(name: string): boolean {
    return this.cookies.some((c) => c.name === name);
  }

  /** One request, no redirect following; JSON bodies and the CSRF header for unsafe methods. */
  async fetch(input: string | URL, init: { method?: string; json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> {
    const url = new URL(input);
    const headers: Record<string, string> = { ...init.headers };
    const cookie = this.cookieHeader(url);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const method = init.method ?? (body === undefined ? 'GET' : 'POST');
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] ??= this.csrf;
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    this.store(url, res.headers.getSetCookie());
    return res;
  }

  /** Follows redirects from `url` until one leaves `origin` or reaches a path matching `stopAt`; returns that URL. */
  async follow(url: string, origin: string, stopAt: RegExp = /^\/autorizza\//): Promise<{ url: URL; response: Response | null }> {
    let current = new URL(url);
    for (let hops = 0; hops < 20; hops++) {
      if (current.origin !== origin || stopAt.test(current.pathname)) return { url: current, response: null };
      const res = await this.fetch(current);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { url: current, response: res };
      await res.arrayBuffer();
      current = new URL(location, current);
    }
    throw new Error('too many redirects');
  }

  async signIn(baseUrl: string, email: string, password: string): Promise<void> {
    const res = await this.fetch(`${baseUrl}/api/v1/auth/sign-in`, { json: { email, password } });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }
}
