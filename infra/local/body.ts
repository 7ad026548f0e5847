import type { IncomingMessage } from "node:http";

/**
 * Reads a request body up to `maxBytes`. Past the limit it keeps reading (and dropping) so the
 * client gets the answer (413 or 400) instead of a reset connection.
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | "too-large"> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= maxBytes) chunks.push(chunk as Buffer);
  }
  return size > maxBytes ? "too-large" : Buffer.concat(chunks);
}
