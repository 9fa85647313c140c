// A configuration file of the Alibaba Cloud CLI, as `aliyun configure` writes it, for the tests of
// `alicloud:profile` and of the command's profile.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Writes a CLI configuration whose current profile, `org`, assumes `roleArn` with a key; returns its path. */
export function ramRoleArnProfileFile(profile: {
  accessKeyId: string;
  accessKeySecret: string;
  roleArn: string;
  sessionName: string;
}): string {
  const file = join(mkdtempSync(join(tmpdir(), "cli-config-")), "config.json");
  writeFileSync(
    file,
    JSON.stringify({
      current: "org",
      profiles: [
        {
          name: "org",
          mode: "RamRoleArn",
          access_key_id: profile.accessKeyId,
          access_key_secret: profile.accessKeySecret,
          ram_role_arn: profile.roleArn,
          ram_session_name: profile.sessionName,
        },
      ],
    }),
  );
  return file;
}
