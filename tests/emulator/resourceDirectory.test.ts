// The emulator's resource directory, through the official Resource Manager client: ListAccounts
// signed and checked like the VPC API, paged as the real API pages it, and only for the
// management account; each member the directory creates trusts it through its access role.
import assert from "node:assert/strict";
import * as $OpenApi from "@alicloud/openapi-client";
import ResourceManager, * as rm from "@alicloud/resourcemanager20200331";
import { DIRECTORY_ROLE, type AccessKey, type Emulator } from "../../emulator";
import { rejectionOf } from "../support/rejection";
import { emulatorSuite } from "../support/suite";

/** The official Resource Manager client, over HTTP to the emulator, signing with `key`. */
function resourceManager(emulator: Emulator, key: AccessKey): ResourceManager {
  return new ResourceManager(
    new $OpenApi.Config({
      accessKeyId: key.accessKeyId,
      accessKeySecret: key.accessKeySecret,
      endpoint: emulator.host,
      protocol: "HTTP",
      readTimeout: 10_000,
      connectTimeout: 5_000,
    }),
  );
}

describe("the emulator's resource directory", () => {
  const suite = emulatorSuite();
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  it("pages ListAccounts as the real API does: PageSize, PageNumber and TotalCount", async () => {
    const ids = Array.from({ length: 23 }, () => emulator.addMember().uid);
    const client = resourceManager(emulator, emulator.defaultAccount.keys[0]);
    const pages: string[][] = [];
    for (let page = 1; page <= 3; page++) {
      const { body } = await client.listAccounts(
        new rm.ListAccountsRequest({ pageNumber: page, pageSize: 10 }),
      );
      assert.equal(body?.totalCount, 23);
      pages.push((body?.accounts?.account ?? []).map((a) => a.accountId!));
    }
    assert.deepEqual(
      pages.map((p) => p.length),
      [10, 10, 3],
    );
    assert.deepEqual(pages.flat(), ids);
    const log = emulator.log().filter((e) => e.action === "ListAccounts");
    assert.equal(log.length, 3);
    assert.ok(log.every((e) => e.outcome === "OK" && e.accountUid === emulator.defaultAccount.uid));
  });

  it("gives each member's folder path, status, type, join method and tags", async () => {
    const prod = emulator.addFolder("Production");
    const eu = emulator.addFolder("EU", prod);
    const member = emulator.addMember({
      displayName: "prod-eu",
      folderId: eu,
      status: "PromoteVerifying",
      type: "CloudAccount",
      joinMethod: "invited",
      tags: { team: "net" },
    });
    const client = resourceManager(emulator, emulator.defaultAccount.keys[0]);
    const { body } = await client.listAccounts(new rm.ListAccountsRequest({ includeTags: true }));
    const [account] = body?.accounts?.account ?? [];
    assert.deepEqual(
      {
        id: account.accountId,
        name: account.displayName,
        folder: account.folderId,
        path: account.resourceDirectoryPath,
        status: account.status,
        type: account.type,
        join: account.joinMethod,
        tags: account.tags?.tag?.map((t) => [t.key, t.value]),
      },
      {
        id: member.uid,
        name: "prod-eu",
        folder: eu,
        path: `rd-emu0001/r-emu0001/${prod}/${eu}/${member.uid}`,
        status: "PromoteVerifying",
        type: "CloudAccount",
        join: "invited",
        tags: [["team", "net"]],
      },
    );
    assert.match(
      member.roleArn,
      new RegExp(`^acs:ram::${member.uid}:role/${DIRECTORY_ROLE.toLowerCase()}$`, "i"),
    );
  });

  it("answers only the management account, refuses a page size over 100, and checks the signature", async () => {
    const member = emulator.addMember();
    const asMember = await rejectionOf(
      resourceManager(emulator, member.keys[0]).listAccounts(new rm.ListAccountsRequest({})),
    );
    assert.equal((asMember as { code?: string }).code, "EntityNotExists.ResourceDirectory");
    const tooBig = await rejectionOf(
      resourceManager(emulator, emulator.defaultAccount.keys[0]).listAccounts(
        new rm.ListAccountsRequest({ pageSize: 101 }),
      ),
    );
    assert.equal((tooBig as { code?: string }).code, "InvalidParameter");
    const forged = await rejectionOf(
      resourceManager(emulator, {
        ...emulator.defaultAccount.keys[0],
        accessKeySecret: "not-the-secret",
      }).listAccounts(new rm.ListAccountsRequest({})),
    );
    assert.equal((forged as { code?: string }).code, "SignatureDoesNotMatch");
  });
});
