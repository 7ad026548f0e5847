import { parseArgs } from "node:util";
import { isIsoDate } from "../../shared/dates.ts";
import { DEFAULT_KEY_FILE } from "./dev-issuer.ts";
import { startLocalStack } from "./stack.ts";

/**
 * `npm start`: the whole system locally. Ctrl-C (SIGINT) or SIGTERM stops every emulator and
 * frees the ports. `--in-memory` keeps nothing; `--today YYYY-MM-DD` (or STATSBIDRAG_TODAY)
 * starts the clock on that day so past programmes can be exercised before their deadlines.
 */
const { values } = parseArgs({
  options: {
    "in-memory": { type: "boolean", default: false },
    today: { type: "string" },
    port: { type: "string" },
  },
});

const today = values.today ?? process.env.STATSBIDRAG_TODAY;
if (today !== undefined && !isIsoDate(today)) {
  console.error(`--today must be a date YYYY-MM-DD, got "${today}"`);
  process.exit(2);
}
const port = Number(values.port ?? process.env.PORT ?? 3000);

const started = Date.now();
const stack = await startLocalStack({
  port,
  inMemory: values["in-memory"],
  keyFile: process.env.STATSBIDRAG_DEV_KEY_FILE ?? DEFAULT_KEY_FILE,
  web: {},
  ports: {
    dynamodb: Number(process.env.DYNAMODB_PORT ?? 8000),
    s3: Number(process.env.S3_PORT ?? 4569),
    ses: Number(process.env.SES_PORT ?? 8005),
  },
  ...(today ? { today } : {}),
}).catch((error: unknown) => {
  console.error(`statsbidrag could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

const municipalityToken = await stack.issuer.mint({ kommunkod: "1281", email: "ekonomi@lund.example" });
const officerToken = await stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" });

console.log(`
statsbidrag is running (started in ${Math.round((Date.now() - started) / 100) / 10} s)

  Web            ${stack.webUrl}    (sign in as a municipality or an officer)
  API            ${stack.apiUrl}        (GET ${stack.apiUrl}/health)
  Mail UI        ${stack.mailUiUrl}      (every e-mail the system sends)
  DynamoDB Local ${stack.dynamodbEndpoint}
  S3 (s3rver)    ${stack.s3Endpoint}
  Data           ${stack.dataDir ?? "in memory (gone when stopped)"}
  Clock          ${today ? `starts on ${today} (Europe/Stockholm)` : "real time"}

Dev token, Lund (1281), valid 8 h:
  export TOKEN=${municipalityToken}

Dev token, officer, valid 8 h:
  export OFFICER_TOKEN=${officerToken}

More tokens: npm run cli -- token --kommun <kommunkod> | --officer
Stop with Ctrl-C.
`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping…");
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
