import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@trama/source"] },
  ssr: { resolve: { conditions: ["@trama/source"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "bench/**/*.test.ts", "examples/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
