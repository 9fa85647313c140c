import assert from "node:assert/strict";
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { sdkStatus } from "../support/sdk";
import { EMULATOR_CA, type Emulator } from "../../emulator";
import { assumeWithLibrary, callerIdentity } from "../support/sts";
import VpcClient from "@alicloud/vpc20160428";
import * as $OpenApi from "@alicloud/openapi-client";

/** Starts `npm run emulator` with `args`, hands its first stdout line (the ready line) to `use`, then stops it. */
async function withEmulatorCommand(
  args: string[],
  use: (ready: string, child: ChildProcess) => Promise<void>,
) {
  const child = spawn("npm", ["run", "--silent", "emulator", "--", ...args], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    // A process group of its own, so that npm and the emulator under it stop together.
    detached: true,
  });
  try {
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once("line", resolve);
      child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    await use(first, child);
  } finally {
    process.kill(-child.pid!, "SIGTERM");
  }
}

describe("npm run emulator", () => {
  it("prints one JSON line for a ready account first, serves it, and runs until killed", async () => {
    await withEmulatorCommand(["--port", "0", "--latency-ms", "5"], async (first, child) => {
      const ready = JSON.parse(first) as { endpoint: string; accessKeyId: string; accessKeySecret: string };
      assert.match(ready.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
      const client = new VpcClient(
        new $OpenApi.Config({
          accessKeyId: ready.accessKeyId,
          accessKeySecret: ready.accessKeySecret,
          endpoint: ready.endpoint.replace("http://", ""),
          protocol: "HTTP",
        }),
      );
      assert.equal(await sdkStatus(client, "cn-hangzhou"), false, "a ready account has no region enabled");
      const log = await fetch(`${ready.endpoint}/__emulator/log`, { method: "POST" }).then(
        (r) => r.json() as Promise<{ result: ReturnType<Emulator["log"]> }>,
      );
      assert.equal(log.result.length, 1);
      assert.equal(child.exitCode, null, "the emulator stopped by itself");
    });
  });

  it("with --member-accounts, prints roles the ready account may assume, over its TLS endpoint", async () => {
    await withEmulatorCommand(["--member-accounts", "2"], async (first) => {
      const ready = JSON.parse(first) as {
        secureEndpoint: string;
        caCert: string;
        accessKeyId: string;
        accessKeySecret: string;
        accountUid: string;
        roleArns: string[];
      };
      assert.match(ready.secureEndpoint, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(ready.caCert, EMULATOR_CA);
      assert.equal(ready.roleArns.length, 2);
      const key = { accessKeyId: ready.accessKeyId, accessKeySecret: ready.accessKeySecret };
      const at = { secureHost: ready.secureEndpoint.replace("https://", "") } as Emulator;
      for (const roleArn of ready.roleArns) {
        const account = /^acs:ram::(\d+):role\/ip-pool-admin$/.exec(roleArn)?.[1];
        assert.ok(account && account !== ready.accountUid, roleArn);
        const issued = await assumeWithLibrary(at, key, roleArn);
        assert.equal((await callerIdentity(at, issued)).accountId, account);
      }
    });
  });

  for (const [args, code, text] of [
    [["--help"], 0, /Usage: npm run --silent emulator/],
    [["--fault-rate", "2"], 2, /--fault-rate must be a number between 0 and 1/],
    [["--colour"], 2, /Unknown option '--colour'/],
  ] as const) {
    it(`exits ${code} for ${args.join(" ")}`, async () => {
      const result = await new Promise<{ code: number; out: string }>((resolve) => {
        execFile(
          process.execPath,
          ["-r", "ts-node/register/transpile-only", "emulator/cli.ts", ...args],
          { cwd: REPO_ROOT },
          (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, out: stdout + stderr }),
        );
      });
      assert.equal(result.code, code);
      assert.match(result.out, text);
    });
  }
});
