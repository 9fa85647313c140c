// The rest of the default chain of @alicloud/credentials, each step only when its setting is
// there: OIDC from the environment, the CLI's current profile, the library's credentials file.
// With none of them, nothing is tried and nothing is sent.
import { existsSync } from "node:fs";
import { CHAIN_ENV } from "../../config/keys";
import { assumeRoleProblem } from "../../config/roles";
import { tokenReader } from "../chain";
import { CredentialsError } from "../credentialsError";
import { cliConfigPath, credentialsFilePath, readCliConfig } from "../files";
import { fileProfileChain, profileChain } from "../profiles";
import { credentialSource } from "./credentialSource";

/** A step of the rest of the default chain whose setting is present. */
export interface DefaultChainPlan {
  /** The kind of plan. */
  kind: "chain";
  /** The step. */
  step: "oidc" | "cliProfile" | "credentialsFile";
  /** Description for diagnostics. */
  source: string;
}

/** The first step of the rest of the default chain whose setting is there. Throws for a setting made by half. */
function chainStep(env: NodeJS.ProcessEnv): DefaultChainPlan | undefined {
  const oidc = CHAIN_ENV.oidc.filter((name) => env[name]);
  if (oidc.length === CHAIN_ENV.oidc.length)
    return { kind: "chain", step: "oidc", source: `environment ${CHAIN_ENV.oidc[0]} (OIDC)` };
  if (oidc.length > 0 && oidc.some((name) => name !== CHAIN_ENV.oidc[0])) {
    const missing = CHAIN_ENV.oidc.filter((name) => !env[name]);
    throw new CredentialsError(
      `${oidc.join(" and ")} ${oidc.length === 1 ? "is" : "are"} set but ${missing.join(" and ")} not: OIDC needs all three.`,
    );
  }
  if (env[CHAIN_ENV.cliProfileDisabled]?.toLowerCase() !== "true" && existsSync(cliConfigPath())) {
    return { kind: "chain", step: "cliProfile", source: "the Alibaba Cloud CLI profile" };
  }
  if (existsSync(credentialsFilePath(env)))
    return {
      kind: "chain",
      step: "credentialsFile",
      source: "the credentials file of @alicloud/credentials",
    };
  return undefined;
}

/** The rest of the library's default chain: the last source. */
export const DEFAULT_CHAIN = credentialSource<DefaultChainPlan>({
  places: () => [
    `the rest of the default chain of @alicloud/credentials, each step only when its setting is there: OIDC (${CHAIN_ENV.oidc.join(", ")}), ` +
      `the CLI profile (~/.aliyun/config.json), ~/.alibabacloud/credentials (${CHAIN_ENV.credentialsFile})`,
  ],
  doc: {
    source:
      "the rest of the default chain of `@alicloud/credentials`, each step only when its setting is there",
    environment: `OIDC (${CHAIN_ENV.oidc.map((name) => `\`${name}\``).join(", ")}), the CLI profile, \`~/.alibabacloud/credentials\` (\`${CHAIN_ENV.credentialsFile}\`)`,
  },
  help: ["the rest of the default chain of @alicloud/credentials (OIDC, CLI profile, credentials file)"],
  plan: ({ env }) => chainStep(env),
  owns: (plan): plan is DefaultChainPlan =>
    plan.kind === "chain" && (plan as DefaultChainPlan).step !== ("env" as string),
  expand: (plan, env) => {
    switch (plan.step) {
      case "oidc": {
        const [roleArn, oidcProviderArn, tokenFile] = CHAIN_ENV.oidc.map((name) => env[name]!);
        const problem = assumeRoleProblem({ roleArn }, `environment ${CHAIN_ENV.oidc[0]}`);
        if (problem) throw new CredentialsError(problem.replace(".roleArn", ""), { origin: "local" });
        return {
          base: {
            kind: "oidcRole",
            role: { value: { roleArn, oidcProviderArn, oidcTokenFile: tokenFile }, source: plan.source },
            token: tokenReader(undefined, tokenFile, `environment ${CHAIN_ENV.oidc[2]}`),
            source: plan.source,
          },
          roles: [],
        };
      }
      case "cliProfile":
        return profileChain(readCliConfig(cliConfigPath()), env[CHAIN_ENV.profile] || undefined, undefined);
      case "credentialsFile":
        return fileProfileChain(credentialsFilePath(env), env[CHAIN_ENV.profile] || "default");
    }
  },
});
