/** Lets other pending promises run, so two calls to a fake really interleave as they would on a network. */
export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
