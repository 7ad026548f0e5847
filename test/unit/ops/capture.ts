import { vi } from "vitest";

export type Line = Record<string, unknown>;

/**
 * What the functions write to stdout and stderr, one JSON object a line, while the capture
 * runs: Powertools' logger and metrics write to the process's streams directly (not through
 * `console`). Log lines and EMF metric lines (those with `_aws`) are told apart.
 */
export function captureOutput() {
  const written: string[] = [];
  const keep = (chunk: string | Uint8Array) => {
    written.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, "write").mockImplementation(keep),
    vi.spyOn(process.stderr, "write").mockImplementation(keep),
  ];
  const lines = (): Line[] =>
    written
      .join("")
      .split("\n")
      .filter((l) => l.trim().startsWith("{"))
      .map((l) => JSON.parse(l) as Line);
  return {
    /** Everything written, as written. */
    text: () => written.join(""),
    logs: () => lines().filter((l) => !("_aws" in l)),
    /** Each EMF line's metrics as { name: value }, with its dimensions. */
    metrics: () =>
      lines()
        .filter((l) => "_aws" in l)
        .flatMap((l) => emfMetrics(l)),
    clear: () => {
      written.length = 0;
    },
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

export interface EmittedMetric {
  namespace: string;
  name: string;
  value: unknown;
  dimensions: Record<string, unknown>;
}

interface Emf {
  _aws: {
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[];
  };
}

function emfMetrics(line: Line): EmittedMetric[] {
  const { _aws } = line as unknown as Emf;
  return _aws.CloudWatchMetrics.flatMap((directive) =>
    directive.Metrics.map((m) => ({
      namespace: directive.Namespace,
      name: m.Name,
      value: line[m.Name],
      dimensions: Object.fromEntries((directive.Dimensions[0] ?? []).map((d) => [d, line[d]])),
    })),
  );
}
