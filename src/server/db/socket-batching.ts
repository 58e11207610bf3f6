/**
 * Makes PGlite's socket server run each client round trip as one call into the database instead of one
 * call per protocol message. The `pg` driver sends a parameterized query as five messages (Parse, Bind,
 * Describe, Execute, Sync) in one write; pglite-socket 0.2 queues and runs them one at a time, each
 * with its own lock, file-system sync and socket write: about a tenth of a millisecond per query on the
 * database's thread, which is most of a short statement's cost (see docs/architecture.md). PGlite itself
 * runs several messages in one call (`execProtocolRawSync` loops over them), so the complete messages
 * of a chunk are handed over together.
 *
 * It replaces a private method of the pinned pglite-socket version; the embedded-database tests run every
 * query through it.
 */
import { PGLiteSocketHandler } from "@electric-sql/pglite-socket";

interface HandlerInternals {
  socket: import("node:net").Socket | null;
  active: boolean;
  id: number;
  messageBuffer: Buffer;
  queryQueue: {
    enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number>;
  };
  handleData(data: Buffer): Promise<number>;
  /** Set once the connection's first chunk (startup, SSL or cancel request) went the library's way. */
  heedStarted?: boolean;
}

const TERMINATE = "X".charCodeAt(0);

export function batchSocketMessages(): void {
  const proto = PGLiteSocketHandler.prototype as unknown as HandlerInternals;
  const original = proto.handleData;
  proto.handleData = async function handleData(this: HandlerInternals, data: Buffer) {
    if (!this.heedStarted) {
      this.heedStarted = true;
      return original.call(this, data);
    }
    if (!this.socket || !this.active) return 0;
    const buffer = this.messageBuffer.length ? Buffer.concat([this.messageBuffer, data]) : data;
    // The complete messages at the front; a Terminate goes the library's way (PGlite must not run it).
    let end = 0;
    while (buffer.length - end >= 5) {
      if (buffer[end] === TERMINATE) {
        this.messageBuffer = Buffer.alloc(0);
        return original.call(this, buffer);
      }
      const length = 1 + buffer.readInt32BE(end + 1);
      if (buffer.length - end < length) break;
      end += length;
    }
    this.messageBuffer = buffer.subarray(end);
    if (end === 0) return 0;
    let written = 0;
    await this.queryQueue.enqueue(this.id, new Uint8Array(buffer.subarray(0, end)), (out) => {
      if (out.length > 0 && this.socket?.writable && this.active) this.socket.write(Buffer.from(out));
      written += out.length;
    });
    return written;
  };
}
