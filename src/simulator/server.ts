import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Gateway } from './gateway.js';
import { DiscordError, parseBody, readBody, sendError, sendJson, type Router } from './http.js';
import type { Recorder } from './recorder.js';
import type { SimState } from './state.js';
import type { SimLogger } from './types.js';

/** An injected rate limit: the next `remaining` matching requests get a 429. */
export interface RateLimitRule {
  method?: string;
  path: string | RegExp;
  remaining: number;
  retryAfterMs: number;
  global: boolean;
}

function pathMatches(rule: RateLimitRule, path: string): boolean {
  if (rule.path instanceof RegExp) return rule.path.test(path);
  const source = rule.path
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`).test(path);
}

export interface ServerOptions {
  host: string;
  port: number;
  router: Router;
  gateway: Gateway;
  recorder: Recorder;
  state: SimState;
  token?: string;
  /** See SimulatorOptions.restDelayMs. */
  restDelayMs: number;
  log: SimLogger;
}

/** The HTTP side: `/api/v10/*` REST, `/attachments/*` file downloads, and the `/gateway` upgrade. */
export class SimServer {
  readonly rateLimits: RateLimitRule[] = [];
  private readonly server: Server;

  constructor(private readonly opts: ServerOptions) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        opts.log('rest: handler crashed', { error: String(err) });
        if (!res.headersSent) sendJson(res, 500, { message: '500: Internal Server Error', code: 0 });
      });
    });
    this.server.on('upgrade', (req, socket, head) => {
      if (new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/$/, '') === '/gateway') {
        opts.gateway.handleUpgrade(req, socket, head);
      } else {
        socket.destroy();
      }
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port, this.opts.host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const { log, recorder } = this.opts;
    const fileMatch = /^\/attachments\/[^/]+\/([^/]+)\/[^/]+$/.exec(url.pathname);
    if (fileMatch && method === 'GET') {
      const file = this.opts.state.files.get(fileMatch[1] ?? '');
      if (!file) return sendError(res, new DiscordError(404, 0, '404: Not Found'));
      res.writeHead(200, { 'content-type': file.contentType ?? 'application/octet-stream', 'content-length': file.data.length });
      res.end(file.data);
      return;
    }
    const apiMatch = /^\/api\/v10(\/.*)$/.exec(url.pathname);
    const path = apiMatch?.[1] ?? url.pathname;
    const raw = await readBody(req);
    if (this.opts.restDelayMs > 0 && apiMatch) await new Promise((resolve) => setTimeout(resolve, this.opts.restDelayMs));
    const query = Object.fromEntries(url.searchParams);
    const finish = (status: number, body: unknown) => recorder.recordRequest({ at: Date.now(), method, path, query, body, status });
    const matched = apiMatch ? this.opts.router.match(method, path) : undefined;
    if (!matched || matched === 'wrong-method') {
      log('rest: unknown route', { method, path: url.pathname });
      recorder.record({ kind: 'unknownRoute', method, path: url.pathname, at: Date.now() });
      finish(matched ? 405 : 404, undefined);
      if (matched) return sendError(res, new DiscordError(405, 0, '405: Method Not Allowed'));
      return sendError(res, new DiscordError(404, 0, '404: Not Found'));
    }
    if (matched.route.auth) {
      const auth = req.headers.authorization ?? '';
      const token = /^Bot (.+)$/.exec(auth)?.[1];
      if (!token || (this.opts.token !== undefined && token !== this.opts.token)) {
        finish(401, undefined);
        return sendError(res, new DiscordError(401, 0, '401: Unauthorized'));
      }
    }
    const rule = this.rateLimits.find((r) => r.remaining > 0 && (!r.method || r.method.toUpperCase() === method) && pathMatches(r, path));
    if (rule) {
      rule.remaining--;
      recorder.record({ kind: 'rateLimited', method, path, at: Date.now() });
      finish(429, undefined);
      return this.sendRateLimited(res, rule);
    }
    let body: unknown;
    try {
      const parsed = await parseBody(req.headers['content-type'], raw);
      body = parsed.json;
      const result = await matched.route.handler({ method, path, params: matched.params, query: url.searchParams, body, files: parsed.files });
      const status = result === undefined ? 204 : (result.status ?? 200);
      finish(status, body);
      sendJson(res, status, result?.body);
    } catch (err) {
      if (!(err instanceof DiscordError)) throw err;
      log('rest: error', { method, path, status: err.status, code: err.code, message: err.message });
      finish(err.status, body);
      sendError(res, err);
    }
  }

  private sendRateLimited(res: ServerResponse, rule: RateLimitRule): void {
    const seconds = rule.retryAfterMs / 1000;
    const headers: Record<string, string> = {
      'retry-after': String(seconds),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': ((Date.now() + rule.retryAfterMs) / 1000).toFixed(3),
      'x-ratelimit-reset-after': seconds.toFixed(3),
      'x-ratelimit-bucket': 'simulated-bucket',
      'x-ratelimit-scope': rule.global ? 'global' : 'user',
    };
    if (rule.global) headers['x-ratelimit-global'] = 'true';
    sendJson(res, 429, { message: 'You are being rate limited.', retry_after: seconds, global: rule.global }, headers);
  }
}
