// ESLint flat config: the recommended JavaScript and TypeScript rules, on every TypeScript file.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "dist-plugin/",
      ".e2e-work/",
      "examples/*/venv/",
      "examples/*/sdks/",
      "sdk/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
      "no-console": "off",
    },
  },
  {
    // Plain Node.js scripts run by tests, and CommonJS configuration files.
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      globals: {
        require: "readonly",
        process: "readonly",
        console: "readonly",
        __dirname: "readonly",
        module: "writable",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The serialized dynamic provider must load its implementation with require() at call time.
    files: ["provider/dynamic/serializedProvider.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // One table of keys and variables: no other file of the package writes their names.
    files: ["provider/**/*.ts"],
    ignores: ["provider/config/keys.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ...["Literal[value=/%s/]", "TemplateElement[value.raw=/%s/]"].flatMap((selector) => [
          {
            selector: selector.replace("%s", "\\b(ALICLOUD|ALIBABA_CLOUD)_[A-Z]"),
            message:
              "Environment variable names live in provider/config/keys.ts: use SETTINGS, CHAIN_ENV or CREDENTIAL_ENV.",
          },
          {
            selector: selector.replace("%s", "\\balicloud:[a-zA-Z]"),
            message: "Stack config keys live in provider/config/keys.ts: use SETTINGS.",
          },
        ]),
      ],
    },
  },
);
