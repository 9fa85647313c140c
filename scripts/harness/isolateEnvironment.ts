// Loaded by mocha before any test (see .mocharc.json): no developer credential and no cloud
// endpoint can be reached from a test, whatever the shell that started it had set.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The real home directory, kept so the engine build cache under `~/.cache` and npm's cache are still found. */
export const ORIGINAL_HOME = process.env.HOME ?? tmpdir();

if (!process.env.XDG_CACHE_HOME) process.env.XDG_CACHE_HOME = join(ORIGINAL_HOME, ".cache");
// Go's module cache lives under GOPATH (~/go by default): Go programs' tests reuse it, as pip and
// Go's build cache reuse XDG_CACHE_HOME.
if (!process.env.GOPATH) process.env.GOPATH = join(ORIGINAL_HOME, "go");
// Maven's local repository too: Java programs and the release's jar reuse the developer's.
if (!process.env.MAVEN_OPTS)
  process.env.MAVEN_OPTS = `-Dmaven.repo.local=${join(ORIGINAL_HOME, ".m2", "repository")}`;

for (const name of Object.keys(process.env)) {
  if (name.startsWith("ALIBABA_CLOUD_") || name.startsWith("ALICLOUD_")) delete process.env[name];
}
// A test that forgets its endpoint fails on a dead loopback port instead of resolving
// vpc.<region>.aliyuncs.com; stack config vpcEndpoint and --endpoint still win over it.
process.env.ALICLOUD_VPC_ENDPOINT = "http://127.0.0.1:9";
process.env.ALICLOUD_STS_ENDPOINT = "https://127.0.0.1:9";
// The credential chain's last resorts reach 100.100.100.200 and ~/.aliyun; switch them off.
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = "true";
process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = join(tmpdir(), "pulumi-alicloud-ip-pool-service-no-such-file");
process.env.HOME = mkdtempSync(join(tmpdir(), "ip-pool-test-home-"));
// Proxies from the developer's shell must not carry loopback traffic elsewhere.
for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"]) {
  delete process.env[name];
}

/**
 * Whether this process trusts the emulator's test CA: Node reads NODE_EXTRA_CA_CERTS only at
 * start, so `npm test` sets it (tests that reach STS over TLS need it). Child processes get the
 * absolute path, whatever their working directory.
 */
export const TRUSTS_EMULATOR_CA = !!process.env.NODE_EXTRA_CA_CERTS;
process.env.NODE_EXTRA_CA_CERTS = resolve(__dirname, "..", "..", "emulator", "tls", "ca.pem");
