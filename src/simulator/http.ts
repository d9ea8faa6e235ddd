import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error answered the way Discord does: `{ code, message, errors? }` with an HTTP status. */
export class DiscordError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: object,
  ) {
    super(message);
  }
}

export const unknown = {
  channel: () => new DiscordError(404, 10003, 'Unknown Channel'),
  guild: () => new DiscordError(404, 10004, 'Unknown Guild'),
  member: () => new DiscordError(404, 10007, 'Unknown Member'),
  message: () => new DiscordError(404, 10008, 'Unknown Message'),
  user: () => new DiscordError(404, 10013, 'Unknown User'),
  webhook: () => new DiscordError(404, 10015, 'Unknown Webhook'),
  command: () => new DiscordError(404, 10063, 'Unknown application command'),
  interaction: () => new DiscordError(404, 10062, 'Unknown interaction'),
};

/** Discord's 50035 shape: errors nested by field path, leaves are `{ _errors: [...] }`. */
export function invalidFormBody(path: string, message: string, code = 'BASE_TYPE_INVALID'): DiscordError {
  const errors: Record<string, unknown> = {};
  let node = errors;
  const parts = path.split('.');
  parts.forEach((part, i) => {
    const next: Record<string, unknown> = i === parts.length - 1 ? { _errors: [{ code, message }] } : {};
    node[part] = next;
    node = next;
  });
  return new DiscordError(400, 50035, `Invalid Form Body\n${path}: ${message}`, errors);
}

/** A file part of a multipart body, keyed like discord.js sends it (`files[0]`, `files[1]`, ...). */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string | undefined;
  data: Buffer;
}

export interface ParsedBody {
  json: unknown;
  files: UploadedFile[];
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Parses JSON or multipart/form-data. discord.js switches to multipart as soon as a file is
 * attached and then puts the JSON body in the `payload_json` field.
 */
export async function parseBody(contentType: string | undefined, raw: Buffer): Promise<ParsedBody> {
  if (raw.length === 0) return { json: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Request('http://simulator.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: raw,
    }).formData();
    let json: unknown = undefined;
    const files: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') json = JSON.parse(value);
        continue;
      }
      files.push({
        field,
        filename: value.name,
        contentType: value.type || undefined,
        data: Buffer.from(await value.arrayBuffer()),
      });
    }
    return { json, files };
  }
  const text = raw.toString('utf8');
  try {
    return { json: JSON.parse(text), files: [] };
  } catch {
    throw new DiscordError(400, 50109, 'The request body contains invalid JSON.');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (status === 204) {
    res.writeHead(204, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, err: DiscordError) {
  const body: Record<string, unknown> = { message: err.message, code: err.code };
  if (err.errors) body.errors = err.errors;
  sendJson(res, err.status, body);
}

/** What a route handler receives. */
export interface RouteContext {
  method: string;
  /** Path after `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
}

/** A handler returns `undefined` for 204 No Content, or `{ status?, body }`. */
export type RouteResult = { status?: number; body: unknown } | undefined;
export type RouteHandler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  keys: string[];
  handler: RouteHandler;
  /** Discord's interaction and webhook-token routes take no bot token. */
  auth: boolean;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler, opts: { auth?: boolean } = {}): void {
    const keys: string[] = [];
    const source = pattern
      .split('/')
      .map((seg) => {
        if (!seg.startsWith(':')) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        keys.push(seg.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, pattern, regex: new RegExp(`^${source}$`), keys, handler, auth: opts.auth ?? true });
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | 'wrong-method' | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1] ?? '')));
      return { route, params };
    }
    return pathMatched ? 'wrong-method' : undefined;
  }
}
