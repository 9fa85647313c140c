// The account locks live in a folder of the user's own: made private, checked before each use,
// and anything else refused with an error that names the folder and the fix. Run as two users
// where this test can make a second one (as root, the second is `nobody`), in process otherwise.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lockFolder, lockFolderPath } from "../../provider/service/lockFolder";
import { OpenLocks } from "../../provider/service/openLock";
import { REPO_ROOT } from "../support/engine";
import { rejectionOf } from "../support/rejection";

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

/** A shared temporary folder, as /tmp is (everyone may write, sticky). */
function sharedTmp(): string {
  const dir = mkdtempSync(join(tmpdir(), "locks-shared-"));
  chmodSync(dir, 0o1777);
  return dir;
}

/** Runs `fn` with TMPDIR set to `tmp` (os.tmpdir() reads it at each call), then restores it. */
async function withTmpdir<T>(tmp: string, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

/** Runs an Open's lock of `account` as user `uid` in a child process, with TMPDIR `tmp`. */
function openAs(uid: number, tmp: string, account: string) {
  const script = `
    const { OpenLocks } = require(${JSON.stringify(join(REPO_ROOT, "dist", "service", "openLock.js"))});
    new OpenLocks().run(${JSON.stringify(account)}, async () => "opened", 2000).then(
      (r) => console.log(r),
      (e) => { console.log(e.code + ": " + e.message); process.exitCode = 1; });`;
  return spawnSync(process.execPath, ["-e", script], {
    uid,
    gid: uid,
    env: { PATH: process.env.PATH, TMPDIR: tmp, HOME: tmp },
    encoding: "utf8",
  });
}

describe("the account locks' folder", () => {
  it("is made private (700) for this user, and serves an Open", async () => {
    const tmp = sharedTmp();
    const folder = lockFolderPath(tmp);
    assert.match(folder, /pulumi-alicloud-ip-pool-service-locks-\d+$/, "one folder per user");
    assert.equal(lockFolder(folder), folder);
    const stat = statSync(folder);
    assert.equal(stat.mode & 0o777, 0o700);
    assert.equal(stat.uid, process.getuid?.());
    const opened = await withTmpdir(tmp, () =>
      new OpenLocks().run("1234567890123456", async () => "opened", 1000),
    );
    assert.equal(opened, "opened");
  });

  it("is refused when others may enter or write it, naming the folder and the fix; nothing runs", async () => {
    const tmp = sharedTmp();
    const folder = lockFolderPath(tmp);
    mkdirSync(folder, { mode: 0o755 });
    chmodSync(folder, 0o755);
    let ran = false;
    const err = await withTmpdir(tmp, () =>
      rejectionOf(new OpenLocks().run("1234567890123456", async () => (ran = true), 1000)),
    );
    assert.equal((err as { code?: string }).code, "LockFolderRefused");
    assert.ok(err.message.includes(folder), err.message);
    assert.match(err.message, /its mode is 755/);
    assert.match(err.message, /Fix: .*rm -rf/);
    assert.equal(ran, false);
  });

  it("is refused when it is a symlink, and nothing is made where it points", () => {
    const tmp = sharedTmp();
    const elsewhere = mkdtempSync(join(tmpdir(), "chosen-by-another-"));
    symlinkSync(elsewhere, lockFolderPath(tmp));
    assert.throws(() => lockFolder(lockFolderPath(tmp)), /is a symbolic link/);
    assert.deepEqual(readdirSync(elsewhere), []);
  });

  it("is refused when it is a file", () => {
    const tmp = sharedTmp();
    spawnSync("touch", [lockFolderPath(tmp)]);
    assert.throws(() => lockFolder(lockFolderPath(tmp)), /is not a folder/);
  });

  describe("with two users on one machine", function () {
    before(function () {
      // Only root can start a process as another user; as anyone else, the in-process cases above
      // cover the folder's checks, and the suite's title says why these did not run.
      if (!isRoot) {
        const suite = this.test?.parent;
        if (suite) suite.title += " (not run: starting a process as a second user needs root)";
        this.skip();
      }
      assert.ok(existsSync(join(REPO_ROOT, "dist", "service", "openLock.js")), "npm run build first");
    });

    it("gives each user a folder of their own: the first one's Opens do not refuse the second's", () => {
      const tmp = sharedTmp();
      assert.equal(openAs(0, tmp, "1234567890123456").stdout.trim(), "opened");
      const second = openAs(NOBODY, tmp, "1234567890123456");
      assert.equal(second.stdout.trim(), "opened", second.stderr);
      assert.ok(existsSync(join(tmp, `pulumi-alicloud-ip-pool-service-locks-${NOBODY}`)));
    });

    it("refuses a folder another user made first under this user's name, and a user cannot reach another's locks", () => {
      const tmp = sharedTmp();
      const mine = lockFolderPath(tmp);
      mkdirSync(mine, { mode: 0o700 });
      chownSync(mine, NOBODY, NOBODY);
      assert.throws(() => lockFolder(mine), new RegExp(`belongs to user ${NOBODY}`));

      const second = openAs(NOBODY, tmp, "1234567890123456");
      assert.equal(second.stdout.trim(), "opened", `the other user's own folder serves: ${second.stderr}`);
      assert.equal(statSync(join(tmp, `pulumi-alicloud-ip-pool-service-locks-${NOBODY}`)).uid, NOBODY);

      const rootTmp = sharedTmp();
      const rootFolder = lockFolder(lockFolderPath(rootTmp));
      const plant = spawnSync("ln", ["-s", "/", join(rootFolder, "open-1234567890123456.lock")], {
        uid: NOBODY,
        gid: NOBODY,
      });
      assert.notEqual(plant.status, 0, "another user cannot plant a lock in this user's folder");
      assert.deepEqual(readdirSync(rootFolder), []);
    });
  });
});
