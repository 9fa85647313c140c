// The layers of provider/, bottom to top: transport → config → diagnostics → credentials → core →
// pulumi → the faces (dynamic, command, plugin). Each imports only from the layers below it; no
// cycles, type-only imports included. Below pulumi/, nothing imports @pulumi/pulumi. Around them: the emulator (emulator/) is a product of its own that imports
// no other folder of the repository; scripts/ import the emulator and provider/, never tests/.
// `npm run lint` checks it.
/** The folders of provider/, lowest layer first. */
const LAYERS = ["transport", "config", "diagnostics", "credentials", "core", "pulumi"];
/** The layers that hold no Pulumi: everything below the shared Pulumi layer. */
const WITHOUT_PULUMI = LAYERS.slice(0, LAYERS.indexOf("pulumi"));
/** The faces over the service: each may import any layer, and no face imports another. */
const FACES = ["dynamic", "command", "plugin"];

const layerRules = LAYERS.map((layer, i) => ({
  name: `${layer}-imports-down-only`,
  comment: `provider/${layer}/ may import only from the layers below it: ${LAYERS.slice(0, i).join(", ") || "none"}.`,
  severity: "error",
  from: { path: `^provider/${layer}/` },
  to: { path: `^provider/(${[...LAYERS.slice(i + 1), ...FACES].join("|")})/|^provider/index\\.ts$` },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No module of provider/ reaches itself through its imports.",
      severity: "error",
      from: { path: "^provider/" },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: "faces-stay-apart",
      comment: "A face does not import another face: what they share lives in a layer below them.",
      severity: "error",
      from: { path: `^provider/(${FACES.join("|")})/` },
      to: { path: `^provider/(${FACES.join("|")})/`, pathNot: "^provider/$1/" },
    },
    {
      name: "no-pulumi-below-its-layer",
      comment:
        "Only pulumi/ and the faces import @pulumi/pulumi: the core and the layers under it run without the engine.",
      severity: "error",
      from: { path: `^provider/(${WITHOUT_PULUMI.join("|")})/` },
      to: { path: "^node_modules/@pulumi/" },
    },
    {
      name: "emulator-stands-alone",
      comment:
        "emulator/ is used by tests, the demo and the bench; it imports none of them, nor the provider.",
      severity: "error",
      from: { path: "^emulator/" },
      to: { path: "^(provider|tests|scripts|examples)/" },
    },
    {
      name: "scripts-not-tests",
      comment: "scripts/ (the demo, the bench, the release) import nothing from tests/.",
      severity: "error",
      from: { path: "^scripts/" },
      to: { path: "^tests/" },
    },
    {
      name: "no-orphans",
      comment: "Every module of provider/ is imported by another, or is an entry point of the package.",
      severity: "error",
      from: {
        orphan: true,
        path: "^provider/",
        pathNot: [
          "^provider/index\\.ts$",
          "^provider/command/cli\\.ts$",
          "^provider/dynamic/implementation\\.ts$",
          "^provider/plugin/main\\.ts$",
        ],
      },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    includeOnly: "^(provider|emulator|scripts|tests|examples|node_modules/@pulumi)/",
    tsPreCompilationDeps: true,
    // The serialized provider requires the package by name, in the provider process: a lookup at
    // run time, not an import of this tree (with symlinks kept, it resolves under node_modules).
    preserveSymlinks: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "\\.d\\.ts$" },
  },
};
