import net from "node:net";
import { describe, expect, it } from "vitest";
import { canConnect, checkComponents, type Component } from "./helpers/components.js";

const present: Component = { name: "present thing", install: "nothing to do", isAvailable: () => true };
const missing: Component = {
  name: "missing thing",
  install: "apt-get install missing-thing",
  isAvailable: async () => false,
};
const broken: Component = {
  name: "broken probe",
  install: "fix the probe",
  isAvailable: () => {
    throw new Error("probe failed");
  },
};

describe("checkComponents", () => {
  it("passes a suite whose components are all there, with no skip line", async () => {
    expect(await checkComponents("suite", [present])).toEqual({ isAvailable: true, lines: [] });
  });

  it("names each missing component and how to install it in one SKIP line", async () => {
    const check = await checkComponents("browser e2e", [present, missing, broken]);
    expect(check.isAvailable).toBe(false);
    expect(check.lines).toEqual([
      "SKIP browser e2e: missing thing not available: apt-get install missing-thing",
      "SKIP browser e2e: broken probe not available: fix the probe",
    ]);
  });
});

describe("canConnect", () => {
  it("tells a listening port from a closed one", async () => {
    const server = net.createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    expect(await canConnect("127.0.0.1", port)).toBe(true);
    await new Promise((resolve) => server.close(resolve));
    expect(await canConnect("127.0.0.1", port)).toBe(false);
  });
});
