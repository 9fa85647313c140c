// The account locks live in a folder no other user can create: under $XDG_RUNTIME_DIR where it
// is set, else under the user's own home (the cache folder); made private, checked before each
// use, and anything else refused with an error that names the folder and the fix. Run as two
// users where this test can make a second one (as root, the second is `nobody`), in process
// otherwise.
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
import { dirname, join } from "node:path";
import { lockFolder, lockFolderPath } from "../../provider/core/lockFolder";
import { OpenLocks } from "../../provider/core/openLock";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { rejectionOf } from "../support/rejection";

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

/** A home of its own for a user (private, as `mkdtemp` makes it), owned by `uid`. */
function homeOf(uid = process.getuid?.() ?? 0): string {
  const home = mkdtempSync(join(tmpdir(), "locks-home-"));
  if (isRoot) chownSync(home, uid, uid);
  return home;
}

/** The environment of a user whose home is `home`, with no runtime or cache folder set. */
const homeEnv = (home: string): NodeJS.ProcessEnv => ({ HOME: home });

/** Runs `fn` with `vars` set in this process's environment (undefined unsets), then restores it. */
async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  set(vars);
  try {
    return await fn();
  } finally {
    set(saved);
  }
}

/** Runs an Open's lock of `account` as user `uid` in a child process whose home is `home`. */
function openAs(uid: number, home: string, account: string) {
  const script = `
    const { OpenLocks } = require(${JSON.stringify(join(REPO_ROOT, "dist", "core", "openLock.js"))});
    new OpenLocks().run(${JSON.stringify(account)}, async () => "opened", 2000).then(
      (r) => console.log(r),
      (e) => { console.log(e.code + ": " + e.message); process.exitCode = 1; });`;
  return spawnSync(process.execPath, ["-e", script], {
    uid,
    gid: uid,
    env: { PATH: process.env.PATH, HOME: home },
    encoding: "utf8",
  });
}

describe("the account locks' folder", () => {
  it("lies under $XDG_RUNTIME_DIR where it is set, else in the cache folder of the user's home; never in the shared temporary folder", () => {
    assert.equal(
      lockFolderPath({ XDG_RUNTIME_DIR: "/run/user/1000", HOME: "/home/u" }),
      join("/run/user/1000", "pulumi-alicloud-ip-pool-service", "locks"),
    );
    assert.equal(
      lockFolderPath({ HOME: "/home/u" }),
      join("/home/u", ".cache", "pulumi-alicloud-ip-pool-service", "locks"),
    );
    assert.equal(
      lockFolderPath({ HOME: "/home/u", XDG_CACHE_HOME: "/home/u/cache" }),
      join("/home/u/cache", "pulumi-alicloud-ip-pool-service", "locks"),
    );
    assert.ok(!lockFolderPath({ HOME: "/home/u" }).startsWith(tmpdir()));
  });

  it("is made private (700) for this user, with its parents, and serves an Open", async () => {
    const home = homeOf();
    const folder = lockFolderPath(homeEnv(home));
    assert.equal(lockFolder(folder), folder);
    const stat = statSync(folder);
    assert.equal(stat.mode & 0o777, 0o700);
    assert.equal(stat.uid, process.getuid?.());
    const opened = await withEnv({ HOME: home, XDG_CACHE_HOME: undefined, XDG_RUNTIME_DIR: undefined }, () =>
      new OpenLocks().run("1234567890123456", async () => "opened", 1000),
    );
    assert.equal(opened, "opened");
    assert.deepEqual(readdirSync(folder), [], "the lock is given back");
  });

  it("is taken under $XDG_RUNTIME_DIR when it is set", async () => {
    const runtime = homeOf();
    const opened = await withEnv({ XDG_RUNTIME_DIR: runtime }, () =>
      new OpenLocks().run("1234567890123456", async () => "opened", 1000),
    );
    assert.equal(opened, "opened");
    assert.equal(statSync(join(runtime, "pulumi-alicloud-ip-pool-service", "locks")).mode & 0o777, 0o700);
  });

  it("is refused when others may enter or write it, naming the folder and the fix; nothing runs", async () => {
    const home = homeOf();
    const folder = lockFolderPath(homeEnv(home));
    mkdirSync(folder, { recursive: true, mode: 0o755 });
    chmodSync(folder, 0o755);
    let ran = false;
    const err = await withEnv({ HOME: home, XDG_CACHE_HOME: undefined, XDG_RUNTIME_DIR: undefined }, () =>
      rejectionOf(new OpenLocks().run("1234567890123456", async () => (ran = true), 1000)),
    );
    assert.equal((err as { code?: string }).code, "LockFolderRefused");
    assert.ok(err.message.includes(folder), err.message);
    assert.match(err.message, /its mode is 755/);
    assert.match(err.message, /Fix: .*rm -rf/);
    assert.equal(ran, false);
  });

  it("is refused when it is a symlink, and nothing is made where it points", () => {
    const folder = lockFolderPath(homeEnv(homeOf()));
    const elsewhere = mkdtempSync(join(tmpdir(), "chosen-by-another-"));
    mkdirSync(dirname(folder), { recursive: true });
    symlinkSync(elsewhere, folder);
    assert.throws(() => lockFolder(folder), /is a symbolic link/);
    assert.deepEqual(readdirSync(elsewhere), []);
  });

  it("is refused when it is a file", () => {
    const folder = lockFolderPath(homeEnv(homeOf()));
    mkdirSync(dirname(folder), { recursive: true });
    spawnSync("touch", [folder]);
    assert.throws(() => lockFolder(folder), /is not a folder/);
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
      assert.ok(existsSync(join(REPO_ROOT, "dist", "core", "openLock.js")), "npm run build first");
    });

    it("gives each user a folder of their own: the first one's Opens do not refuse the second's", () => {
      const rootHome = homeOf(0);
      const nobodyHome = homeOf(NOBODY);
      assert.equal(openAs(0, rootHome, "1234567890123456").stdout.trim(), "opened");
      const second = openAs(NOBODY, nobodyHome, "1234567890123456");
      assert.equal(second.stdout.trim(), "opened", second.stderr);
      assert.equal(statSync(lockFolderPath(homeEnv(nobodyHome))).uid, NOBODY);
      assert.equal(statSync(lockFolderPath(homeEnv(rootHome))).uid, 0);
    });

    it("cannot be made by another user before its owner: the first Open of the owner is served", () => {
      const home = homeOf(0);
      const folder = lockFolderPath(homeEnv(home));
      const squat = spawnSync("mkdir", ["-p", folder], { uid: NOBODY, gid: NOBODY, encoding: "utf8" });
      assert.notEqual(squat.status, 0, "another user cannot make a folder in this user's home");
      assert.equal(existsSync(folder), false);
      assert.equal(openAs(0, home, "1234567890123456").stdout.trim(), "opened");
      assert.equal(statSync(folder).uid, 0);
    });

    it("refuses a folder of another user's in its place, and a user cannot reach another's locks", () => {
      const home = homeOf(0);
      const mine = lockFolderPath(homeEnv(home));
      mkdirSync(mine, { recursive: true, mode: 0o700 });
      chownSync(mine, NOBODY, NOBODY);
      assert.throws(() => lockFolder(mine), new RegExp(`belongs to user ${NOBODY}`));

      const nobodyHome = homeOf(NOBODY);
      const second = openAs(NOBODY, nobodyHome, "1234567890123456");
      assert.equal(second.stdout.trim(), "opened", `the other user's own folder serves: ${second.stderr}`);
      assert.equal(statSync(lockFolderPath(homeEnv(nobodyHome))).uid, NOBODY);

      const rootFolder = lockFolder(lockFolderPath(homeEnv(homeOf(0))));
      const plant = spawnSync("ln", ["-s", "/", join(rootFolder, "open-1234567890123456.lock")], {
        uid: NOBODY,
        gid: NOBODY,
      });
      assert.notEqual(plant.status, 0, "another user cannot plant a lock in this user's folder");
      assert.deepEqual(readdirSync(rootFolder), []);
    });
  });
});
