// What both ends of the private channel do alike (channelClient.ts in the MCP server, channelServer.ts in the
// extension host): read a socket as JSON lines, and close once, telling whoever waits for that.
// No vscode import: the MCP server process runs it.

import type * as net from 'net';
import { LineReader } from './channelProtocol';

/**
 * Hands each JSON line the socket brings to `receive`, in order. A line that is too long or not JSON calls `broken`
 * instead, and nothing more of that chunk is read.
 */
export function readLines(socket: net.Socket, receive: (line: unknown) => void, broken: () => void): void {
  const reader = new LineReader();
  socket.on('data', (chunk: Buffer) => {
    let lines: unknown[];
    try {
      lines = reader.push(chunk);
    } catch {
      broken();
      return;
    }
    for (const line of lines) {
      receive(line);
    }
  });
}

/** One end of the channel: closed once, for whatever reason, and every listener told exactly once. */
export abstract class ChannelEnd {
  private closed = false;
  private readonly closeListeners: (() => void)[] = [];

  get isClosed(): boolean {
    return this.closed;
  }

  /** Called once when this end closes (at once when it already has). */
  onDidClose(listener: () => void): void {
    if (this.closed) {
      listener();
    } else {
      this.closeListeners.push(listener);
    }
  }

  /** Closes this end: `release` frees what it holds, then the listeners are told. A second call does nothing. */
  protected finish(release: () => void): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    release();
    for (const listener of this.closeListeners.splice(0)) {
      listener();
    }
  }
}
