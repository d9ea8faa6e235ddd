import { afterEach, describe, expect, it } from 'vitest';
import { createBotMetrics } from '../../src/metrics/bot-metrics.js';
import { startOpsServer, type Health, type OpsServer } from '../../src/metrics/ops-server.js';

let server: OpsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(health: Health) {
  const metrics = createBotMetrics();
  metrics.question('slash', 'answer', '1', 0.01);
  server = await startOpsServer({ host: '127.0.0.1', port: 0, registry: metrics.registry, health: () => health });
  return `http://127.0.0.1:${server.port}`;
}

describe('the operator port', () => {
  it('answers /healthz with 200 and its parts when connected and writable', async () => {
    const base = await serve({ gateway: true, store: true });
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, gateway: true, store: true });
  });

  it('answers /healthz with 503 and says which part is down', async () => {
    const base = await serve({ gateway: false, store: true });
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, gateway: false, store: true });
  });

  it('serves /metrics in the Prometheus text format', async () => {
    const base = await serve({ gateway: true, store: true });
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE paa_questions_total counter');
    expect(text).toContain('paa_questions_total{via="slash",outcome="answer"} 1');
    expect(text).toContain('paa_process_resident_memory_bytes');
  });

  it('refuses other paths and methods', async () => {
    const base = await serve({ gateway: true, store: true });
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
  });
});
