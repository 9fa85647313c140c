// `alicloud:profile` and `alicloud:sharedCredentialsFile`: a profile of the Alibaba Cloud CLI's
// configuration, with the roles its mode assumes.
import { CHAIN_ENV, SETTINGS } from "../../config/keys";
import { CredentialsError } from "../credentialsError";
import { cliConfigPath, readCliConfig } from "../files";
import { profileChain } from "../profiles";
import { credentialSource } from "./credentialSource";

/** A profile of the Alibaba Cloud CLI's configuration. */
export interface CliProfilePlan {
  /** The kind of plan. */
  kind: "profile";
  /** Profile name (default: the file's current profile). */
  profile?: string;
  /** The configuration file, when not ~/.aliyun/config.json. */
  file?: string;
  /** Where it was configured. */
  source: string;
}

const code = (text: string) => `\`${text}\``;

/** A profile of the CLI: the fourth source. */
export const CLI_PROFILE = credentialSource<CliProfilePlan>({
  places: ({ place, name }) => [
    `${place(SETTINGS.profile.key)} (${SETTINGS.profile.env.join(", ")}) and ${name(SETTINGS.sharedCredentialsFile.key)} (${SETTINGS.sharedCredentialsFile.env.join(", ")})`,
  ],
  doc: {
    source:
      `${code(SETTINGS.profile.key)}, a profile of the Alibaba Cloud CLI, in ${code(SETTINGS.sharedCredentialsFile.key)} ` +
      "(default `~/.aliyun/config.json`; modes AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC; and, from `~/.aliyun/config.json` only, CloudSSO, OAuth, External)",
    environment: `${SETTINGS.profile.env.map(code).join(", ")}; ${SETTINGS.sharedCredentialsFile.env.map(code).join(", ")}`,
  },
  help: [`${SETTINGS.profile.env[0]} (with ${SETTINGS.sharedCredentialsFile.env[0]})`],
  plan: ({ alicloud }) => {
    if (!alicloud.profile && !alicloud.sharedCredentialsFile) return undefined;
    const named = alicloud.profile ? ` ("${alicloud.profile.value}")` : "";
    return {
      kind: "profile",
      profile: alicloud.profile?.value,
      file: alicloud.sharedCredentialsFile?.value,
      source: `${(alicloud.profile ?? alicloud.sharedCredentialsFile)!.source}${named}`,
    };
  },
  owns: (plan): plan is CliProfilePlan => plan.kind === "profile",
  expand: (plan, env, terms) => {
    if (plan.file)
      return profileChain(
        readCliConfig(plan.file),
        plan.profile,
        terms.name(SETTINGS.sharedCredentialsFile.key),
      );
    if (env[CHAIN_ENV.cliProfileDisabled]?.toLowerCase() === "true") {
      throw new CredentialsError(
        `${CHAIN_ENV.cliProfileDisabled} switches the Alibaba Cloud CLI profile off: ` +
          `unset it, or use ${terms.name(SETTINGS.accessKey.key)} and ${terms.name(SETTINGS.secretKey.key)}.`,
        { origin: "local" },
      );
    }
    return profileChain(readCliConfig(cliConfigPath()), plan.profile, undefined);
  },
});
