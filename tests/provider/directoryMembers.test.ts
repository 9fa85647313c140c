// The members of a resource directory through the official Resource Manager client: every page of
// ListAccounts, no more pages than TotalCount calls for, and the filters (a folder and its
// sub-folders, tags, accounts left out, joined members only).
import assert from "node:assert/strict";
import type { Emulator } from "../../emulator";
import { configSource } from "../../provider/config/configSource";
import { STACK_TERMS } from "../../provider/config/settingTerms";
import { listMembers, selectMembers } from "../../provider/core/directoryMembers";
import { PoolServiceApi } from "../../provider/core/poolServiceApi";
import { faceContext } from "../../provider/diagnostics/faceContext";
import { stackConfigFor } from "../../scripts/harness/stackConfig";
import { rejectionOf } from "../support/rejection";
import { emulatorSuite } from "../support/suite";

describe("the members of a resource directory", function () {
  this.timeout(60_000);
  const suite = emulatorSuite();
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  /** The API of the management account, against the emulator. */
  const management = (key = emulator.defaultAccount.keys[0]) => {
    const config = stackConfigFor(key);
    return new PoolServiceApi({
      config: configSource({ get: (k) => config[k] }),
      env: { ...emulator.endpointEnv, ALICLOUD_RESOURCEMANAGER_ENDPOINT: emulator.secureEndpoint },
      context: faceContext(STACK_TERMS),
    });
  };

  it("reads every page of 100, and no more than TotalCount calls for", async () => {
    const ids = Array.from({ length: 230 }, () => emulator.addMember().uid);
    const members = await listMembers(management());
    assert.deepEqual(
      members.map((m) => m.accountId),
      ids,
    );
    const pages = emulator.log().filter((e) => e.action === "ListAccounts");
    assert.equal(pages.length, 3);
  });

  it("chooses by folder (sub-folders count), by tag, and leaves out accounts and members that have not joined", async () => {
    const prod = emulator.addFolder("Production");
    const eu = emulator.addFolder("EU", prod);
    const test = emulator.addFolder("Test");
    const a = emulator.addMember({ folderId: prod, tags: { team: "net" } });
    const b = emulator.addMember({ folderId: eu, tags: { team: "net" } });
    const c = emulator.addMember({ folderId: eu, tags: { team: "db" } });
    const d = emulator.addMember({ folderId: test, tags: { team: "net" } });
    const e = emulator.addMember({ folderId: eu, status: "CreateVerifying" });
    const all = await listMembers(management());
    const ids = (list: Array<{ accountId: string }>) => list.map((m) => m.accountId);
    const inProd = selectMembers(all, { folderId: prod });
    assert.deepEqual(ids(inProd.joined), [a.uid, b.uid, c.uid]);
    assert.deepEqual(ids(inProd.notJoined), [e.uid]);
    assert.deepEqual(ids(selectMembers(all, { tags: { team: "net" } }).joined), [a.uid, b.uid, d.uid]);
    assert.deepEqual(ids(selectMembers(all, { folderId: eu, exclude: [b.uid] }).joined), [c.uid]);
  });

  it("believes no TotalCount over 100,000 and reads a member given twice once: the pages stay bounded", async () => {
    // The paging alone, over replies no real directory gives: one page of one member, claiming more.
    const member = { accountId: "1234567890123456", status: "CreateSuccess" };
    const asked: number[] = [];
    const page = (totalCount: number) => ({
      membersPage: async (n: number) => (asked.push(n), { accounts: [member], totalCount }),
    });
    const err = await rejectionOf(listMembers(page(1_000_000_000)));
    assert.equal(err.code, "UnexpectedResponse");
    assert.match(
      err.message,
      /^ListAccounts answered with a TotalCount of 1000000000, more members than 100000\. Nothing was read\.$/,
    );
    assert.deepEqual(asked, [1]);
    asked.length = 0;
    const twice = await listMembers(page(150));
    assert.deepEqual(asked, [1, 2]);
    assert.deepEqual(
      twice.map((m) => m.accountId),
      [member.accountId],
    );
  });

  it("is refused, with the fix, to an account that manages no directory", async () => {
    const member = emulator.addMember();
    const err = await rejectionOf(listMembers(management(member.keys[0])));
    assert.equal(err.code, "EntityNotExists.ResourceDirectory");
    assert.match(
      err.message,
      /^ListAccounts failed: EntityNotExists\.ResourceDirectory \(HTTP 404, request ID /,
    );
    assert.match(err.message, /Fix: run with credentials of the directory's management account/);
  });
});
