import { parseArgs } from "node:util";
import { EMULATOR_CA, startEmulator } from "./emulator";

const USAGE = `Usage: npm run --silent emulator -- [options]

Runs the local emulator of the Alibaba Cloud VPC and STS APIs on 127.0.0.1 until killed.
The first line on stdout is one JSON object:
  {"endpoint":"http://127.0.0.1:PORT","secureEndpoint":"https://127.0.0.1:PORT2",
   "caCert":"/path/to/ca.pem","accessKeyId":"...","accessKeySecret":"...","accountUid":"..."}
for a ready account with no region enabled. "secureEndpoint" serves the same API over TLS,
for STS (its clients speak only HTTPS): trust it with NODE_EXTRA_CA_CERTS=<caCert>. Control it over POST /__emulator/<method>
(see emulator/README.md).

Options:
  --port <n>                 TCP port (default 0: a free port)
  --latency-ms <n>           service time added to every call, in ms (default 0)
  --activation-delay-ms <n>  time before an Open shows in the status, in ms (default 0)
  --fault-rate <r>           probability 0..1 of a random fault per call (default 0)
  --seed <n>                 seed of the fault generator (default 1)
  --member-accounts <n>      also create n member accounts, each with a RAM role "ip-pool-admin"
                             that the ready account may assume; their ARNs are in "roleArns"
  --log                      print each request to stderr
  -h, --help                 show this text`;

function number(
  name: string,
  value: string | undefined,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > max) {
    throw new Error(`--${name} must be a number between 0 and ${max}, got '${value}'`);
  }
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        "latency-ms": { type: "string" },
        "activation-delay-ms": { type: "string" },
        "fault-rate": { type: "string" },
        seed: { type: "string" },
        "member-accounts": { type: "string" },
        log: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
    if (values.help) {
      console.log(USAGE);
      return;
    }
    const emulator = await startEmulator({
      port: number("port", values.port, 0, 65535),
      latencyMs: number("latency-ms", values["latency-ms"], 0),
      activationDelayMs: number("activation-delay-ms", values["activation-delay-ms"], 0),
      faultRate: number("fault-rate", values["fault-rate"], 0, 1),
      seed: number("seed", values.seed, 1),
    });
    const key = emulator.defaultAccount.keys[0];
    const roleArns = Array.from(
      { length: number("member-accounts", values["member-accounts"], 0, 1000) },
      () =>
        emulator.addRole(emulator.addAccount().uid, {
          name: "ip-pool-admin",
          trustedAccounts: [emulator.defaultAccount.uid],
        }),
    );
    console.log(
      JSON.stringify({
        endpoint: emulator.endpoint,
        secureEndpoint: emulator.secureEndpoint,
        caCert: EMULATOR_CA,
        accessKeyId: key.accessKeyId,
        accessKeySecret: key.accessKeySecret,
        accountUid: emulator.defaultAccount.uid,
        ...(roleArns.length > 0 ? { roleArns } : {}),
      }),
    );
    if (values.log) {
      let seen = 0;
      setInterval(() => {
        const log = emulator.log();
        for (const e of log.slice(seen)) {
          if (e.endMs === undefined) break;
          console.error(
            `${e.time} ${e.action ?? "-"} ${e.regionId ?? "-"} ${e.outcome} ${e.endMs - e.startMs}ms`,
          );
          seen = e.seq;
        }
      }, 200).unref();
    }
    const stop = () => void emulator.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (err) {
    console.error(`emulator: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    process.exit(2);
  }
}

void main();
