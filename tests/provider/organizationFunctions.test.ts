// The organisation's functions as a program asks for them, through the plugin over the official
// clients against the emulator's resource directory: the members a filter chooses, with what
// ListAccounts says of each; the status, every cell matching the emulator, an account whose role
// is refused listed with its reason while the others are read; and bad input refused before any call.
import assert from "node:assert/strict";
import type { Emulator } from "../../emulator";
import { rejectionOf } from "../support/rejection";
import { emulatorSuite } from "../support/suite";
import { PoolServicePlugin } from "../../provider/plugin/pluginProvider";
import {
  ORGANIZATION_MEMBERS_TOKEN,
  ORGANIZATION_STATUS_TOKEN,
} from "../../provider/plugin/organizationSchema";
import { PoolServiceError } from "../../provider/diagnostics/poolServiceError";

const REGIONS = ["cn-hangzhou", "cn-shanghai", "eu-central-1"];

/** What the function returns. */
interface Status {
  summary: { accounts: number; regionsOn: number; regions: number; unreadableAccounts: number; line: string };
  accounts: Array<{
    accountId: string;
    regions: Record<string, boolean | null>;
    errors: Array<{ code: string }>;
  }>;
  notJoined: Array<{ accountId: string; status: string }>;
}

describe("the organisation's functions: its members and where the feature is on, one invoke away", function () {
  this.timeout(60_000);
  const suite = emulatorSuite();
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  /** A plugin configured as the management account, its endpoints the emulator's. */
  function plugin() {
    const key = emulator.defaultAccount.keys[0];
    const p = new PoolServicePlugin(
      { version: "0.0.0-test", pluginDownloadURL: "http://127.0.0.1:1/" },
      {},
      () => {},
    );
    p.configure({
      accessKey: key.accessKeyId,
      secretKey: key.accessKeySecret,
      vpcEndpoint: emulator.endpoint,
      endpoints: JSON.stringify([{ sts: emulator.secureHost, resourcemanager: emulator.secureHost }]),
    });
    return p;
  }

  it("reads every joined member of a folder through its role: each cell as the emulator holds it; a refused role is listed with its reason", async () => {
    const prod = emulator.addFolder("Production");
    const members = Array.from({ length: 6 }, (_, i) =>
      emulator.addMember({
        folderId: i < 5 ? prod : undefined,
        status: i === 4 ? "CreateVerifying" : "CreateSuccess",
        enabledRegions: REGIONS.filter((_, r) => (i + r) % 2 === 0),
      }),
    );
    emulator.addRole(members[3].uid, { name: "Other", trustedAccounts: [emulator.defaultAccount.uid] });
    const { outputs } = await plugin().invoke(ORGANIZATION_STATUS_TOKEN, {
      folderId: prod,
      regionIds: REGIONS,
    });
    const status = outputs as unknown as Status;
    const read = members
      .slice(0, 4)
      .map((m) => m.uid)
      .sort();
    assert.deepEqual(
      status.accounts.map((a) => a.accountId),
      read,
    );
    for (const account of status.accounts.filter((a) => a.errors.length === 0))
      assert.deepEqual(
        account.regions,
        Object.fromEntries(REGIONS.map((r) => [r, emulator.isEnabled(account.accountId, r)])),
      );
    assert.deepEqual(
      status.notJoined.map((m) => [m.accountId, m.status]),
      [[members[4].uid, "CreateVerifying"]],
    );
    assert.equal(status.summary.accounts, 4);
    assert.equal(emulator.log().filter((e) => e.wrote).length, 0, "a status writes nothing");

    // Another role, which only member 3 has: the others are listed with STS's refusal, member 3 is read.
    const { outputs: again } = await plugin().invoke(ORGANIZATION_STATUS_TOKEN, {
      folderId: prod,
      regionIds: REGIONS,
      roleName: "Other",
    });
    const other = again as unknown as Status;
    assert.deepEqual(
      other.accounts.filter((a) => a.errors.length === 0).map((a) => a.accountId),
      [members[3].uid],
    );
    assert.ok(
      other.accounts
        .filter((a) => a.errors.length > 0)
        .every((a) => a.errors[0].code === "EntityNotExist.Role"),
    );
    assert.equal(other.summary.unreadableAccounts, 3);
    assert.match(other.summary.line, /of 4 accounts fully on; .* 3 accounts unreadable; 1 not joined/);
  });

  it("lists the members a folder (and its sub-folders) and a tag choose, with their folder, path and tags; the others not joined", async () => {
    const prod = emulator.addFolder("Production");
    const eu = emulator.addFolder("EU", prod);
    const inEu = emulator.addMember({ displayName: "eu", folderId: eu, tags: { env: "prod" } });
    const verifying = emulator.addMember({
      folderId: prod,
      status: "PromoteVerifying",
      tags: { env: "prod" },
    });
    emulator.addMember({ folderId: prod, tags: { env: "test" } });
    emulator.addMember({ tags: { env: "prod" } });
    const { outputs } = await plugin().invoke(ORGANIZATION_MEMBERS_TOKEN, {
      folderId: prod,
      tags: { env: "prod" },
    });
    const { members, notJoined } = outputs as {
      members: Array<{
        accountId: string;
        displayName: string;
        folderId: string;
        path: string;
        tags: Record<string, string>;
      }>;
      notJoined: Array<{ accountId: string; status: string }>;
    };
    assert.deepEqual(
      members.map((m) => [m.accountId, m.displayName, m.folderId, m.tags]),
      [[inEu.uid, "eu", eu, { env: "prod" }]],
    );
    assert.ok(members[0].path.split("/").includes(prod), members[0].path);
    assert.deepEqual(
      notJoined.map((m) => [m.accountId, m.status]),
      [[verifying.uid, "PromoteVerifying"]],
    );
    assert.deepEqual(
      new Set(emulator.log().map((e) => e.action)),
      new Set(["ListAccounts", "GetCallerIdentity"]),
    );
  });

  it("refuses bad input before any call, naming it", async () => {
    const err = await rejectionOf(plugin().invoke(ORGANIZATION_STATUS_TOKEN, { excludeAccountIds: ["12"] }));
    assert.ok(err instanceof PoolServiceError);
    assert.match(
      err.message,
      /getOrganizationStatus: excludeAccountIds\[0\] must be an Alibaba Cloud account ID/,
    );
    assert.deepEqual(emulator.log(), []);
  });
});
