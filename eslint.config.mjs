// `npm run lint`. Type-aware, so promise mistakes are caught: a promise nobody awaits
// (its rejection lost, its work racing the response) or one passed where a callback's
// result is ignored. Formatting is Prettier's job (`npm run format:check`), not ESLint's.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores(["lib/db/generated/", ".next/", "data/", "test-results/", "playwright-report/", "next-env.d.ts"]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `const { secret: _, ...rest } = value` is how a field is left out.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
      // Implementations of Promise-returning interfaces are async without awaiting anything;
      // the rule would have them build Promise.resolve(...) by hand instead.
      "@typescript-eslint/require-await": "off",
      // A `return promise` inside try skips the catch and finally around it.
      "@typescript-eslint/return-await": ["error", "in-try-catch"],
    },
  },
  reactHooks.configs.flat.recommended,
  nextPlugin.configs["core-web-vitals"],
  {
    // Tests read response bodies as loose JSON and pin them with expect(); typing each
    // one would add nothing the assertion does not already check.
    files: ["tests/**"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // Playwright reads a fixture's dependencies from its first parameter: `async ({}, use)` means none.
    files: ["tests/e2e/**"],
    rules: { "no-empty-pattern": ["error", { allowObjectPatternsAsParameters: true }] },
  },
  { files: ["**/*.js", "**/*.mjs"], extends: [tseslint.configs.disableTypeChecked] },
);
