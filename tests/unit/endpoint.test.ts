import assert from "node:assert/strict";
import { isLoopbackHost, parseEndpoint } from "../../provider/config/endpoint";

describe("parseEndpoint", () => {
  const good: Array<[string, string, "HTTP" | "HTTPS"]> = [
    ["http://127.0.0.1:8080", "127.0.0.1:8080", "HTTP"],
    ["http://localhost:9000", "localhost:9000", "HTTP"],
    ["http://[::1]:9000", "[::1]:9000", "HTTP"],
    ["https://vpc-vpc.cn-hangzhou.aliyuncs.com", "vpc-vpc.cn-hangzhou.aliyuncs.com", "HTTPS"],
    ["vpc-vpc.cn-hangzhou.aliyuncs.com", "vpc-vpc.cn-hangzhou.aliyuncs.com", "HTTPS"],
    ["vpc.example.internal:8443", "vpc.example.internal:8443", "HTTPS"],
    ["HTTPS://VPC.ALIYUNCS.COM/", "vpc.aliyuncs.com", "HTTPS"],
  ];
  for (const [value, host, protocol] of good) {
    it(`accepts ${value}`, () =>
      assert.deepEqual(parseEndpoint(value, "ALICLOUD_VPC_ENDPOINT"), { host, protocol }));
  }

  const bad: Array<[string, RegExp]> = [
    ["http://vpc.aliyuncs.com", /plain HTTP to a non-loopback host.*Use https:\/\/vpc\.aliyuncs\.com/],
    ["http://10.0.0.5:8080", /plain HTTP to a non-loopback host/],
    ["http://128.0.0.1", /plain HTTP/],
    ["ftp://vpc.aliyuncs.com", /uses ftp:\/\//],
    ["https://vpc.aliyuncs.com/path", /path, query or user part/],
    ["https://user:pw@vpc.aliyuncs.com", /path, query or user part/],
    ["", /is empty/],
    ["http://", /is not a host or URL/],
  ];
  for (const [value, reason] of bad) {
    it(`refuses ${JSON.stringify(value)}, naming the setting`, () => {
      const problem = parseEndpoint(value, "ALICLOUD_VPC_ENDPOINT");
      assert.equal(typeof problem, "string");
      assert.match(problem as string, /^ALICLOUD_VPC_ENDPOINT/);
      assert.match(problem as string, reason);
    });
  }

  it("knows loopback hosts", () => {
    assert.deepEqual(
      ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "10.0.0.1", "localhost.example.com"].map(
        isLoopbackHost,
      ),
      [true, true, true, true, true, false, false],
    );
  });
});
