import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The agent web app: built into dist/web, which the Heed server serves at /.
export default defineConfig({
  root: "src/web",
  plugins: [react()],
  build: { outDir: "../../dist/web", emptyOutDir: true },
  server: { proxy: { "/api": "http://localhost:3000", "/healthz": "http://localhost:3000" } },
});
