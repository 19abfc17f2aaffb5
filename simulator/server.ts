/**
 * @module The thin node:http adapter: turns each incoming request into a web `Request`, hands it
 * to the pure handler, and writes the `Response` back (or carries out the socket fault tagged on
 * it). Listens on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applySocketFault, socketFaultOf } from './faults-server.js';

export type Handler = (req: Request) => Promise<Response>;

export interface RunningServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  close(): Promise<void>;
}

export async function startServer(handler: Handler, port = 0): Promise<RunningServer> {
  const server = createServer((req, res) => {
    serve(handler, req, res).catch((err: unknown) => {
      // The handler answers every error itself; reaching here means the socket went away.
      res.destroy(err instanceof Error ? err : new Error(String(err)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => closeServer(server) };
}

async function serve(handler: Handler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD' && chunks.length > 0;
  const host = req.headers.host ?? '127.0.0.1';
  const request = new Request(`http://${host}${req.url ?? '/'}`, {
    method,
    headers,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  });
  const response = await handler(request);
  const body = Buffer.from(await response.arrayBuffer());
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  // A reset, stall or truncated body: only the socket can say it (faults-server.ts).
  const fault = socketFaultOf(response);
  if (fault) return applySocketFault(fault, req, res, out, response.status, body);
  out['content-length'] = String(body.length);
  res.writeHead(response.status, out);
  res.end(method === 'HEAD' ? undefined : body);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Keep-alive sockets would hold close() open until they time out.
    server.closeAllConnections();
  });
}
