// ESLint flat config: the recommended JavaScript and TypeScript rules, on every TypeScript file.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", ".e2e-work/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    // Plain Node.js scripts run by tests.
    files: ["**/*.js"],
    languageOptions: {
      globals: { require: "readonly", process: "readonly", console: "readonly", __dirname: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The serialized dynamic provider must load its implementation with require() at call time.
    files: ["provider/serializedProvider.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
