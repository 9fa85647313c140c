// The official VPC client (`@alicloud/vpc20160428`), loaded so that the provider reaches its
// first request quickly. The package's `models/model.js` requires all of its ~1,700 model files
// when loaded (about 600 ms on 2 cores), of which this package uses six. Before loading the
// package we put in its place an equivalent module whose exports load each model file on first
// use: the same classes, from the same files, only later. If `models/model.js` is not in the shape
// expected (a future SDK release), nothing is replaced and the package loads as usual.
import { readFileSync } from "node:fs";
import Module from "node:module";
import { dirname, join } from "node:path";
import type * as VpcSdk from "@alicloud/vpc20160428";

function installLazyModels(): void {
  let modelPath: string;
  let text: string;
  try {
    modelPath = require.resolve("@alicloud/vpc20160428/dist/models/model.js");
    text = readFileSync(modelPath, "utf8");
  } catch {
    return;
  }
  if (require.cache[modelPath]) return;
  const files = new Map<string, string>();
  for (const m of text.matchAll(/^var (\w+) = require\("(\.\/[\w./-]+)"\);$/gm)) files.set(m[1], m[2]);
  const bindings = [
    ...text.matchAll(
      /^Object\.defineProperty\(exports, "(\w+)", \{ enumerable: true, get: function \(\) \{ return (\w+)\.(\w+); \} \}\);$/gm,
    ),
  ];
  const requires = (text.match(/require\(/g) ?? []).length;
  if (files.size === 0 || files.size !== requires || bindings.length !== files.size) return;
  const exports: Record<string, unknown> = {};
  Object.defineProperty(exports, "__esModule", { value: true });
  for (const [, name, variable, property] of bindings) {
    const file = files.get(variable);
    if (!file) return;
    const path = join(dirname(modelPath), file);
    Object.defineProperty(exports, name, {
      enumerable: true,
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads one model file on first use
      get: () => (require(path) as Record<string, unknown>)[property],
    });
  }
  const lazy = new Module(modelPath);
  lazy.filename = modelPath;
  lazy.loaded = true;
  lazy.exports = exports;
  require.cache[modelPath] = lazy;
}

installLazyModels();

/** The `@alicloud/vpc20160428` module: `default` is the client class, the rest its request models. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after installLazyModels()
export const vpcSdk: typeof VpcSdk = require("@alicloud/vpc20160428");

/** The official VPC client class. */
export type VpcClient = VpcSdk.default;
