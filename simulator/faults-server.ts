/**
 * @module Faults that only the socket can express, carried out by the HTTP server adapter: the
 * simulator tags a response with one, and `server.ts` resets the connection, stalls, or sends half
 * of the declared body instead of writing it normally. In-process callers of `handle()` see the
 * placeholder response; these faults need `listen()`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { SocketFault } from './faults.js';

export interface SocketFaultPlan {
  readonly kind: SocketFault;
  /** How long a stall hangs before the socket is destroyed. */
  readonly stallMs: number;
}

const plans = new WeakMap<Response, SocketFaultPlan>();

export function tagSocketFault(response: Response, plan: SocketFaultPlan): Response {
  plans.set(response, plan);
  return response;
}

export function socketFaultOf(response: Response): SocketFaultPlan | undefined {
  return plans.get(response);
}

/** Carries the fault out; `body` is the full body a truncated answer declares. */
export function applySocketFault(plan: SocketFaultPlan, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>, status: number, body: Buffer): void {
  const socket = req.socket;
  switch (plan.kind) {
    case 'reset':
      // A TCP RST where the platform allows it: what a crashing proxy looks like.
      resetSocket(socket);
      return;
    case 'stall': {
      // Nothing at all, then a dropped connection: the client's timeout must fire first.
      const timer = setTimeout(() => socket.destroy(), plan.stallMs);
      timer.unref();
      socket.once('close', () => clearTimeout(timer));
      return;
    }
    case 'truncate': {
      // Content-Length promises the whole body; half arrives, then the connection drops.
      res.writeHead(status, { ...headers, 'content-length': String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => {
        setTimeout(() => socket.destroy(), 10).unref();
      });
      return;
    }
  }
}

function resetSocket(socket: Socket): void {
  const s = socket as Socket & { resetAndDestroy?: () => void };
  if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
  else socket.destroy();
}
