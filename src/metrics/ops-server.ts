import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** What `/healthz` reports: each part true when healthy. */
export interface Health {
  /** Connected to the Discord gateway. */
  gateway: boolean;
  /** The database accepts a write. */
  store: boolean;
}

export interface OpsServerOptions {
  host: string;
  /** 0 for any free port (tests). */
  port: number;
  registry: Registry;
  health(): Health | Promise<Health>;
}

export interface OpsServer {
  /** The port it listens on. */
  port: number;
  close(): Promise<void>;
}

/**
 * The operator's HTTP port: `GET /healthz` (200 when every part of {@link Health} is true, 503 otherwise, with the
 * parts as JSON, for Docker's HEALTHCHECK and load balancers) and `GET /metrics` (Prometheus text format).
 * Nothing else; it is opt-in (METRICS_PORT) and on loopback by default.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      Promise.resolve()
        .then(() => options.health())
        .then(
          (health) => {
            const ok = health.gateway && health.store;
            res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok, ...health }));
          },
          (error: unknown) => res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: String(error) })),
        );
      return;
    }
    if (path === '/metrics') {
      options.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': options.registry.contentType }).end(text),
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${String(error)}\n`),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
