// ESLint flat config: the recommended JS and TypeScript rules over the
// extension's sources, its unit tests and the webview script.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["out/**", "node_modules/**", "syntaxes/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.ts", "test/unit/**/*.ts"],
    rules: {
      eqeqeq: "error",
      "@typescript-eslint/no-floating-promises": "off",
    },
  },
  {
    files: ["media/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: { acquireVsCodeApi: "readonly", document: "readonly", module: "writable" },
    },
  },
);
