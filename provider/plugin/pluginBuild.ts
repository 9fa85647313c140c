// What a build of the plugin says about itself: its version and where the engine downloads it
// from. The release bundle defines PLUGIN_BUILD at build time; a plugin run from the compiled
// package (`dist/plugin`) takes the package's version and the default release host.
import { DEFAULT_PLUGIN_DOWNLOAD_URL } from "./registries";

/** A build of the plugin: the version it serves and its `pluginDownloadURL`. */
export interface PluginBuild {
  version: string;
  pluginDownloadURL: string;
}

declare const PLUGIN_BUILD: PluginBuild | undefined;

/** The build this process runs: defined by the release bundle, else read from package.json. */
export function pluginBuild(): PluginBuild {
  if (typeof PLUGIN_BUILD !== "undefined") return PLUGIN_BUILD;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- outside rootDir: read, not compiled in
  const { version } = require("../../package.json") as { version: string };
  return { version, pluginDownloadURL: DEFAULT_PLUGIN_DOWNLOAD_URL };
}
