import assert from "node:assert/strict";
import { regionIdProblem } from "../../provider/config/regionId";

describe("regionIdProblem", () => {
  for (const good of [
    "cn-hangzhou",
    "ap-southeast-1",
    "us-east-1",
    "cn-shanghai-finance-1",
    "cn-wuhan-lr",
    "eu-central-1",
  ]) {
    it(`accepts ${good}`, () => assert.equal(regionIdProblem(good), undefined));
  }

  const bad: Array<[string, unknown, RegExp]> = [
    ["empty", "", /regionId is empty/],
    ["whitespace only", "   ", /regionId is empty/],
    ["leading space", " cn-hangzhou", /leading or trailing spaces/],
    ["trailing newline", "cn-hangzhou\n", /leading or trailing spaces/],
    ["upper case", "CN-Hangzhou", /upper-case letters: .* use "cn-hangzhou"/],
    ["inner space", "cn hangzhou", /is not a region ID/],
    ["a number", 42, /must be a region ID string .* got a number \(42\)/],
    ["an object", { id: "cn-hangzhou" }, /got an object/],
    ["a list", ["cn-hangzhou"], /got a list/],
    ["null", null, /got null/],
    ["a boolean", true, /got a boolean/],
    ["trailing dot", "cn-hangzhou.", /is not a region ID/],
    ["no hyphen", "hangzhou", /is not a region ID/],
    ["double hyphen", "cn--hangzhou", /is not a region ID/],
    ["trailing hyphen", "cn-hangzhou-", /is not a region ID/],
    ["leading digit", "1cn-hangzhou", /is not a region ID/],
    ["underscore", "cn_hangzhou", /is not a region ID/],
    ["an endpoint", "vpc.cn-hangzhou.aliyuncs.com", /is not a region ID/],
    ["overlong", `cn-${"a".repeat(70)}`, /at most 64/],
    ["unicode", "cn-杭州", /is not a region ID/],
  ];
  it("quotes the value as JSON, so a trailing newline is shown as \\n and not printed raw", () => {
    const problem = regionIdProblem("cn-hangzhou\n")!;
    assert.ok(problem.includes('"cn-hangzhou\\n"'), problem);
    assert.ok(!problem.includes("\n"), "no raw newline in the message");
  });

  for (const [label, value, reason] of bad) {
    it(`refuses ${label}, naming regionId and the fix`, () => {
      const problem = regionIdProblem(value);
      assert.ok(problem, "expected a problem");
      assert.match(problem, /regionId/);
      assert.match(problem, reason);
    });
  }
});
