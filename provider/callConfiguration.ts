import { readAlicloudConfig, type AlicloudConfig, type RoleStep } from "./alicloudConfig";
import { planCredentials, planRoles, type CredentialPlan } from "./credentialPlan";
import { CredentialsError } from "./credentialsError";
import type { EndpointOverride } from "./endpoint";
import { LOCAL_CODES } from "./errorCodes";
import { PoolServiceError } from "./poolServiceError";
import { readSettings, SettingsError, type ConfigSource, type Settings } from "./settings";

/** Settings, the credential plan and the roles of a call, read from stack config and the environment. */
export interface CallConfiguration {
  /** Endpoint and timeouts. */
  settings: Settings;
  /** Where credentials come from. */
  credentials: CredentialPlan;
  /** The roles the calls act through, in order. */
  roles: RoleStep[];
  /** The `alicloud:*` settings shared with @pulumi/alicloud. */
  alicloud: AlicloudConfig;
}

/**
 * Reads the settings and plans the credentials, sending nothing and reading no file. Throws a
 * {@link PoolServiceError} naming the setting to fix.
 */
export function readConfiguration(
  config: ConfigSource,
  env: NodeJS.ProcessEnv,
  endpoint?: EndpointOverride,
  callRole?: RoleStep,
): CallConfiguration {
  try {
    const alicloud = readAlicloudConfig(config, env);
    return {
      settings: readSettings(config, env, { endpoint }, alicloud),
      credentials: planCredentials(config, env, alicloud),
      roles: planRoles(alicloud, callRole),
      alicloud,
    };
  } catch (err) {
    if (err instanceof SettingsError || err instanceof CredentialsError) {
      const code = err instanceof SettingsError ? LOCAL_CODES.badSetting : LOCAL_CODES.noCredentials;
      const kind = err instanceof SettingsError ? "client" : "auth";
      throw new PoolServiceError(
        { code, operation: "configuration", kind, origin: "local", attempts: 0, cause: err },
        err.message,
      );
    }
    throw err;
  }
}
