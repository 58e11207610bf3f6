import { defineConfig } from "vite";

// The chat widget: one small script (no framework) built into dist/widget/widget.js, which the Heed
// server serves at /widget.js for shops to embed. Its size budget is checked by test/widget-bundle.test.ts.
export default defineConfig({
  build: {
    outDir: "dist/widget",
    emptyOutDir: true,
    target: "es2020",
    lib: { entry: "src/widget/embed.ts", formats: ["iife"], name: "HeedChat", fileName: () => "widget.js" },
  },
});
