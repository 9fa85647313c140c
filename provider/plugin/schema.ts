// The plugin's Pulumi package schema: its configuration (the key table, secrets marked secret, so
// that an explicit provider's inputs are encrypted in the state), the resource, the component and
// the status function, each with the doc strings the generated SDKs carry.
import { IGNORED_KEYS, REFUSED_KEYS, SETTINGS, type SettingKey, type SettingsTable } from "../config/keys";
import { REGION_OUTPUT_DOCS } from "../pulumi/regionRules";
import { REGIONS_OUTPUT_DOCS } from "../pulumi/regionsComponentBody";
import { PACKAGE, pluginKey } from "./pluginConfig";
import {
  ACCOUNT_RESOURCE,
  ACCOUNT_TOKEN,
  ORGANIZATION_COMPONENT,
  ORGANIZATION_MEMBERS_FUNCTION,
  ORGANIZATION_MEMBERS_TOKEN,
  ORGANIZATION_STATUS_FUNCTION,
  ORGANIZATION_STATUS_TOKEN,
  ORGANIZATION_TOKEN,
  ORGANIZATION_TYPES,
} from "./organizationSchema";
import { ASSUME_ROLE, ref, ROLE_PROPERTIES, text, type Property } from "./schemaParts";
import {
  GO_IMPORT_PATH,
  LOGO_URL,
  NODEJS_PACKAGE,
  PULUMI_SDK_RANGE,
  PYTHON_PACKAGE,
  REPOSITORY,
} from "./registries";

/** The type token of the resource. */
export const RESOURCE_TOKEN = `${PACKAGE}:index:PublicIpAddressPoolService`;
/** The type token of the component. */
export const COMPONENT_TOKEN = `${PACKAGE}:index:PublicIpAddressPoolServiceRegions`;
/** The token of the status function. */
export const STATUS_TOKEN = `${PACKAGE}:index:getPublicIpAddressPoolServiceStatus`;

// Each object type twice, as provider packages have them: in the `config` module for the stack's
// config variables (the Java SDK's Config class), and in `index` for the explicit provider's inputs
// and the resource (the Python SDK's Provider takes its types from `index`).
type Module = "config" | "index";
const token = (module: Module, name: string) => `${PACKAGE}:${module}:${name}`;

/** A setting's doc in the schema: its meaning, default and environment variables. */
function settingDoc(setting: SettingKey): string {
  const unit = setting.type === "seconds" ? " seconds" : "";
  const unset = setting.default ?? setting.whenUnset;
  const fallback = unset === undefined ? "" : ` Default: ${unset}${unit}.`;
  const env = setting.env.length > 0 ? ` Environment: ${setting.env.join(", ")}.` : "";
  return `${setting.doc}${fallback}${env}`;
}

/** A setting's property in the schema, typed by the table's `type`. */
function settingProperty(module: Module, setting: SettingKey): Property {
  const doc = settingDoc(setting);
  switch (setting.type) {
    case "AssumeRole":
      return ref(token(module, "AssumeRole"), doc);
    case "AssumeRoleWithOidc":
      // Secret whole: the engine encrypts a provider's top-level secret inputs, not a type's fields.
      return {
        ...ref(token(module, "AssumeRoleWithOidc"), `${doc} Secret as a whole, as it may hold the token.`),
        secret: true,
      };
    case "Endpoints":
      return { type: "array", items: { $ref: `#/types/${token(module, "Endpoints")}` }, description: doc };
    case "seconds":
      return { type: "number", description: doc };
    case "string":
      return text(doc, setting.secret === true);
  }
}

/** The settings of the plugin's configuration, by plugin key, typed as the table says. */
function configProperties(module: Module, settings: SettingsTable): Record<string, Property> {
  const properties: Record<string, Property> = {};
  for (const setting of Object.values(settings))
    properties[pluginKey(setting.key)] = settingProperty(module, setting);
  for (const key of REFUSED_KEYS) {
    properties[pluginKey(key)] = text(
      "Refused: a condition this package cannot send with AssumeRole. Set, it fails the preview.",
    );
  }
  for (const key of IGNORED_KEYS) {
    properties[pluginKey(key)] = text(
      "Accepted and not read: it decides neither the account nor an endpoint.",
    );
  }
  return properties;
}

/** The schema's properties of the resource's outputs. */
const REGION_OUTPUTS: Readonly<Record<string, Property>> = {
  regionId: text(REGION_OUTPUT_DOCS.regionId),
  enabled: { type: "boolean", description: REGION_OUTPUT_DOCS.enabled },
  adopted: { type: "boolean", description: REGION_OUTPUT_DOCS.adopted },
  requestId: text(REGION_OUTPUT_DOCS.requestId),
  accountId: text(REGION_OUTPUT_DOCS.accountId),
  assumeRole: ref(ASSUME_ROLE, REGION_OUTPUT_DOCS.assumeRole),
};

/** The names of the resource's outputs: what the plugin keeps of a state it reads. */
export const RESOURCE_OUTPUTS: readonly string[] = Object.keys(REGION_OUTPUTS);

/** The package schema of `version`, as `getSchema` returns it, with where its plugin is downloaded from. */
export function packageSchema(
  version: string,
  pluginDownloadURL: string,
  settings: SettingsTable = SETTINGS,
): Record<string, unknown> {
  const types: Record<string, unknown> = {};
  for (const module of ["config", "index"] as const) {
    types[token(module, "AssumeRole")] = {
      type: "object",
      description: "A RAM role to assume, and the session to ask it for.",
      properties: ROLE_PROPERTIES,
      required: ["roleArn"],
    };
    types[token(module, "AssumeRoleWithOidc")] = {
      type: "object",
      description: "A RAM role to assume with an OIDC token.",
      properties: {
        roleArn: ROLE_PROPERTIES.roleArn,
        oidcProviderArn: text("ARN of the OIDC identity provider."),
        oidcToken: text("The token itself (one of this and oidcTokenFile).", true),
        oidcTokenFile: text("A file holding the token."),
        roleSessionName: ROLE_PROPERTIES.sessionName,
        policy: ROLE_PROPERTIES.policy,
        sessionExpiration: ROLE_PROPERTIES.sessionExpiration,
      },
      required: ["roleArn", "oidcProviderArn"],
    };
    types[token(module, "Endpoints")] = {
      type: "object",
      description: "Endpoint overrides: the VPC, STS and Resource Manager endpoints are read.",
      properties: {
        vpc: text("The VPC endpoint: a host (HTTPS), or http:// on loopback only."),
        sts: text("The STS endpoint: a host, HTTPS only."),
        resourcemanager: text("The Resource Manager endpoint (the directory's members): a host, HTTPS only."),
      },
    };
  }
  return {
    name: PACKAGE,
    displayName: "Alibaba Cloud Public IP Address Pool service",
    version,
    pluginDownloadURL,
    repository: REPOSITORY,
    homepage: REPOSITORY,
    logoUrl: LOGO_URL,
    publisher: "pulumi-alicloud-ip-pool-service",
    description:
      "Turns on Alibaba Cloud's Public IP Address Pool feature (VPC OpenPublicIpAddressPoolService) region by region, in the account STS reports.",
    keywords: ["pulumi", "alicloud", "vpc", "category/network", "kind/native"],
    license: "Apache-2.0",
    config: { variables: configProperties("config", settings) },
    provider: {
      description:
        "The provider of the Public IP Address Pool service: one instance per account, with its settings.",
      inputProperties: configProperties("index", settings),
    },
    types: { ...types, ...ORGANIZATION_TYPES },
    resources: {
      [RESOURCE_TOKEN]: {
        description:
          "Activates the Public IP Address Pool feature (VPC OpenPublicIpAddressPoolService) in one region, in the account STS reports. An active region is adopted with no write; deleting the resource leaves the feature enabled (Alibaba Cloud has no API to turn it off). `pulumi import` adopts an active region by its ID.",
        inputProperties: {
          regionId: text(
            "The region to activate, e.g. `cn-hangzhou` (default: the provider's `region`). Changing it replaces the resource; the old region stays enabled.",
          ),
          assumeRole: ref(
            ASSUME_ROLE,
            "A RAM role to assume with the provider's credentials: the role's account is activated. Moving to another account replaces the resource.",
          ),
        },
        properties: REGION_OUTPUTS,
        required: ["regionId", "enabled", "adopted", "accountId"],
      },
      [COMPONENT_TOKEN]: {
        isComponent: true,
        description:
          "Activates the feature in a list of regions: one PublicIpAddressPoolService per region, named `<name>-<regionId>`.",
        inputProperties: {
          regionIds: {
            type: "array",
            items: { type: "string" },
            description: 'The regions to activate, e.g. `["cn-hangzhou", "ap-southeast-1"]`; each once.',
          },
          assumeRole: ref(
            ASSUME_ROLE,
            "A RAM role every region acts through: the role's account is activated.",
          ),
        },
        requiredInputs: ["regionIds"],
        properties: {
          enabled: {
            type: "object",
            additionalProperties: { type: "boolean" },
            description: REGIONS_OUTPUT_DOCS.enabled,
          },
          enabledRegions: {
            type: "array",
            items: { type: "string" },
            description: REGIONS_OUTPUT_DOCS.enabledRegions,
          },
          accountId: text(REGIONS_OUTPUT_DOCS.accountId),
        },
        required: ["enabled", "enabledRegions", "accountId"],
      },
      [ACCOUNT_TOKEN]: ACCOUNT_RESOURCE,
      [ORGANIZATION_TOKEN]: ORGANIZATION_COMPONENT,
    },
    functions: {
      [STATUS_TOKEN]: {
        description:
          "Reads whether the Public IP Address Pool feature is active in a region, changing nothing; safe during `pulumi preview`.",
        inputs: {
          properties: {
            regionId: text("The region to ask about (default: the provider's `region`)."),
            assumeRole: ref(ASSUME_ROLE, "A RAM role to ask through: the role's account is read."),
          },
        },
        outputs: {
          properties: {
            regionId: text("The region asked about."),
            enabled: { type: "boolean", description: "True when the feature is active there." },
          },
          required: ["regionId", "enabled"],
        },
      },
      [ORGANIZATION_STATUS_TOKEN]: ORGANIZATION_STATUS_FUNCTION,
      [ORGANIZATION_MEMBERS_TOKEN]: ORGANIZATION_MEMBERS_FUNCTION,
    },
    language: {
      nodejs: {
        packageName: NODEJS_PACKAGE,
        packageDescription:
          "The provider plugin's Node.js SDK (import, .get()); the dynamic resource is another package.",
        respectSchemaVersion: true,
        dependencies: { "@pulumi/pulumi": PULUMI_SDK_RANGE.nodejs },
      },
      python: {
        packageName: PYTHON_PACKAGE,
        respectSchemaVersion: true,
        pyproject: { enabled: true },
        requires: { pulumi: PULUMI_SDK_RANGE.python },
      },
      go: {
        importBasePath: GO_IMPORT_PATH,
        respectSchemaVersion: true,
        generateResourceContainerTypes: false,
      },
      java: { buildFiles: "none" },
    },
  };
}
