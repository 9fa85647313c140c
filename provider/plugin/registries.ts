// Where the plugin and its SDKs are published, under which names: the one place that says so, for
// the schema, the release command and the docs' checks.

/** The organization and repository on GitHub whose releases hold the plugin's archives. */
export const GITHUB_REPOSITORY = {
  organization: "alicloud-ip-pool-service",
  repository: "pulumi-alicloud-ip-pool-service",
} as const;

/** The source repository; releases are its GitHub releases. */
export const REPOSITORY = `https://github.com/${GITHUB_REPOSITORY.organization}/${GITHUB_REPOSITORY.repository}`;

/** The file of the package's logo in the repository, shown by the registry. */
export const LOGO_PATH = "docs/logo.svg";

/** The logo as the registry fetches it: the file on the repository's main branch. */
export const LOGO_URL = `https://raw.githubusercontent.com/${GITHUB_REPOSITORY.organization}/${GITHUB_REPOSITORY.repository}/main/${LOGO_PATH}`;

/**
 * Where the engine downloads plugin archives by default: the engine's `github://` form (the
 * release `v<version>` of the repository), a plain string with no `${VERSION}` in it, so that the
 * code `pulumi import` generates, which quotes it, compiles.
 */
export const DEFAULT_PLUGIN_DOWNLOAD_URL = `github://api.github.com/${GITHUB_REPOSITORY.organization}/${GITHUB_REPOSITORY.repository}`;

/** The plugin's executable, as the engine names it. */
export const PLUGIN_EXECUTABLE = "pulumi-resource-alicloud-ip-pool-service";

/** The Node.js SDK's npm package: scoped, so it is never taken for the dynamic resource's package. */
export const NODEJS_PACKAGE = "@alicloud-ip-pool-service/sdk";

/** The Python SDK's distribution and import name. */
export const PYTHON_PACKAGE = "pulumi_alicloud_ip_pool_service";

/** The Go SDK's module path. */
export const GO_MODULE = "github.com/alicloud-ip-pool-service/pulumi-alicloud-ip-pool-service/sdk/go";

/** The Go SDK's package import path. */
export const GO_IMPORT_PATH = `${GO_MODULE}/alicloudippoolservice`;

/** The Java SDK's Maven coordinates and package. */
export const JAVA_ARTIFACT = {
  groupId: "io.github.alicloud-ip-pool-service",
  artifactId: "pulumi-alicloud-ip-pool-service",
  javaPackage: "com.pulumi.alicloudippoolservice",
  /** The folder of its resources, where the Java SDK looks for plugin.json. */
  resourceFolder: "com/pulumi/alicloud-ip-pool-service",
} as const;

/** The Pulumi SDK each generated SDK requires: 3.269 is the first with `existsResource`, which `.exists()` calls. */
export const PULUMI_SDK_RANGE = { nodejs: "^3.269.0", python: ">=3.269.0,<4.0.0" } as const;
