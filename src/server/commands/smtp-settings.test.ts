import { describe, expect, it } from "vitest";
import { keysFrom } from "../lib/install-secret.js";
import { smtpSettingsFromUrl } from "./smtp-settings.js";

const keys = keysFrom(Buffer.from("a root secret of at least thirty-two characters"));

describe("smtpSettingsFromUrl", () => {
  it("keeps host, port, TLS and user in clear and seals the whole URL", () => {
    const settings = smtpSettingsFromUrl(keys, "smtps://help%40shop.example:s3cr%C3%A9t@mail.shop.example");
    expect(settings).toMatchObject({
      host: "mail.shop.example",
      port: 465,
      isSecure: true,
      username: "help@shop.example",
    });
    expect(settings.urlSealed).not.toContain("s3cr");
    expect(keys.open(settings.urlSealed)).toBe("smtps://help%40shop.example:s3cr%C3%A9t@mail.shop.example");
    expect(smtpSettingsFromUrl(keys, "smtp://mail.shop.example")).toMatchObject({
      port: 587,
      isSecure: false,
      username: null,
    });
    expect(smtpSettingsFromUrl(keys, "smtp://127.0.0.1:2526").port).toBe(2526);
  });

  it("refuses what is not an SMTP server URL, naming smtpUrl", () => {
    for (const bad of [
      "mail.shop.example",
      "https://mail.shop.example",
      "smtp://mail.shop.example/x",
      "smtp://",
    ]) {
      expect(() => smtpSettingsFromUrl(keys, bad), bad).toThrow(expect.objectContaining({ statusCode: 400 }));
    }
  });
});
