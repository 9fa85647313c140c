import { readAlicloudConfig, type AlicloudConfig } from "../config/alicloudConfig";
import { SettingsError, type ConfigSource, type Sourced } from "../config/configSource";
import { type RoleStep } from "../config/roles";
import { readSettings, type CallSettings } from "../config/settings";
import { planCredentials, planRoles, type CredentialPlan } from "../credentials/plan";
import { CredentialsError } from "../credentials/credentialsError";
import { LOCAL_CODES } from "../diagnostics/errorCodes";
import { carriedError } from "../diagnostics/diagnostic";
import { LOCAL_OPERATIONS } from "../diagnostics/failedOperations";

/** CallSettings, the credential plan and the roles of a call, read from stack config and the environment. */
export interface CallConfiguration {
  /** Endpoint and timeouts. */
  settings: CallSettings;
  /** Where credentials come from. */
  credentials: CredentialPlan;
  /** The roles the calls act through, in order. */
  roles: RoleStep[];
  /** The `alicloud:*` settings shared with @pulumi/alicloud. */
  alicloud: AlicloudConfig;
}

/**
 * Reads the settings and plans the credentials, sending nothing and reading no file's content (the
 * plan looks only at whether the credential files exist). Throws a
 * {@link PoolServiceError} naming the setting to fix.
 */
export function readConfiguration(
  config: ConfigSource,
  env: NodeJS.ProcessEnv,
  endpointFlag?: Sourced<string>,
  callRole?: RoleStep,
): CallConfiguration {
  try {
    const alicloud = readAlicloudConfig(config, env);
    return {
      settings: readSettings(config, env, { endpointFlag }, alicloud),
      credentials: planCredentials(config, env, alicloud),
      roles: planRoles(alicloud, callRole),
      alicloud,
    };
  } catch (err) {
    if (err instanceof SettingsError || err instanceof CredentialsError) {
      const code = err instanceof SettingsError ? LOCAL_CODES.badSetting : LOCAL_CODES.noCredentials;
      const kind = err instanceof SettingsError ? "client" : "auth";
      throw carriedError({ code, operation: LOCAL_OPERATIONS.configuration, kind, cause: err }, err.message);
    }
    throw err;
  }
}
