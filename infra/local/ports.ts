import { createServer } from "node:net";

/**
 * A TCP port that was free on 127.0.0.1 a moment ago. Only for processes we cannot hand an
 * already-bound socket (java); in-process servers listen on port 0 instead, which has no race.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        server.close();
        reject(new Error("could not determine a free port"));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
