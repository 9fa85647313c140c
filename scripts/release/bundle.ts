// The plugin as one JavaScript file: esbuild bundles provider/plugin/main.ts with what it uses of
// @pulumi/pulumi, the Alibaba SDKs and the core. Modules the plugin never runs (the SDK's closure
// serializer and TypeScript, the Automation API, npm's arborist) are left out, and only one copy
// of @grpc/grpc-js may be in it, since the Configure hook wraps the server class the SDK serves with.
import { build, type Metafile, type Plugin } from "esbuild";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { PluginBuild } from "../../provider/plugin/pluginBuild";

/** Modules the plugin never loads at run time: replaced by one that throws if it ever is. */
const LEFT_OUT = [
  /^typescript$/,
  /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]closure[\\/]/,
  /[\\/]@pulumi[\\/]pulumi[\\/]automation[\\/]/,
  /^@npmcli[\\/]/,
  /^pacote$/,
  /^read-package-tree$/,
];

/** Optional native add-ons that packages try to load and do without: absent from the bundle. */
const ABSENT = ["bufferutil", "utf-8-validate"];

/** Replaces each module of {@link LEFT_OUT} by a stub that names it when called. */
const leaveOut = (root: string): Plugin => ({
  name: "leave-out",
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === "stub" || args.kind === "entry-point") return undefined;
      if (ABSENT.includes(args.path)) return { path: args.path, namespace: "absent" };
      if (LEFT_OUT.some((re) => re.test(args.path))) return { path: args.path, namespace: "left-out" };
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: "stub",
      });
      if (resolved.errors.length > 0) return undefined;
      return LEFT_OUT.some((re) => re.test(resolved.path))
        ? { path: resolved.path, namespace: "left-out" }
        : undefined;
    });
    // Loading one fails as a missing module does, which its importer expects and catches.
    b.onLoad({ filter: /.*/, namespace: "absent" }, (args) => ({
      contents: `throw Object.assign(new Error("Cannot find module '${args.path}'"), { code: "MODULE_NOT_FOUND" });`,
      loader: "js",
    }));
    b.onLoad({ filter: /.*/, namespace: "left-out" }, (args) => {
      const name = JSON.stringify(`${relative(root, args.path)} is not part of the plugin bundle`);
      return {
        // Loading it is harmless (the SDK re-exports it); calling into it says what is missing.
        contents: `const fail = () => { throw new Error(${name}); };
module.exports = new Proxy({}, { get: (_, key) => (key === "__esModule" ? false : fail) });`,
        loader: "js",
      };
    });
  },
});

/**
 * The VPC SDK's `models/model.js` requires its ~1,700 model files when loaded, of which the plugin
 * uses six. Rewritten so that each export requires its file on first use (the bundle keeps every
 * file, each evaluated only when required), as `provider/transport/vpcSdk.ts` does outside a bundle.
 * A file not in the expected shape is bundled as it is.
 */
const lazyVpcModels: Plugin = {
  name: "lazy-vpc-models",
  setup(b) {
    b.onLoad({ filter: /@alicloud[\\/]vpc20160428[\\/]dist[\\/]models[\\/]model\.js$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      const files = new Map<string, string>();
      for (const m of text.matchAll(/^var (\w+) = require\("(\.\/[\w./-]+)"\);$/gm)) files.set(m[1], m[2]);
      let bound = 0;
      const lazy = text
        .replace(/^var (\w+) = require\("(\.\/[\w./-]+)"\);$/gm, "")
        .replace(
          /^(Object\.defineProperty\(exports, "\w+", \{ enumerable: true, get: function \(\) \{ return )(\w+)\.(\w+)(; \} \}\);)$/gm,
          (line, head: string, variable: string, property: string, tail: string) => {
            const file = files.get(variable);
            if (!file) return line;
            bound += 1;
            return `${head}require(${JSON.stringify(file)}).${property}${tail}`;
          },
        );
      const requires = (text.match(/require\(/g) ?? []).length;
      if (files.size === 0 || files.size !== requires || bound !== files.size) return undefined;
      return { contents: lazy, loader: "js" };
    });
  },
};

/** The copies of a package in a bundle, by folder. */
function copiesOf(metafile: Metafile, name: string): string[] {
  const marker = `node_modules/${name}/`;
  const folders = Object.keys(metafile.inputs)
    .filter((path) => path.includes(marker))
    .map((path) => path.slice(0, path.lastIndexOf(marker) + marker.length));
  return [...new Set(folders)];
}

/** Bundles the plugin into `outfile` for `build`; returns the bundle's size in bytes. */
export async function bundlePlugin(root: string, outfile: string, pluginBuild: PluginBuild): Promise<number> {
  const result = await build({
    entryPoints: [join(root, "provider", "plugin", "main.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    keepNames: true,
    legalComments: "none",
    metafile: true,
    logLevel: "error",
    define: { PLUGIN_BUILD: JSON.stringify(pluginBuild) },
    plugins: [leaveOut(root), lazyVpcModels],
  });
  const grpc = copiesOf(result.metafile, "@grpc/grpc-js");
  if (grpc.length !== 1) {
    throw new Error(
      `the bundle holds ${grpc.length} copies of @grpc/grpc-js (${grpc.join(", ")}): the Configure hook needs exactly the SDK's one`,
    );
  }
  return Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
}
