import { describe, expect, it } from "vitest";
import { EnvError, loadEnv, SAMPLE_SECRET } from "./env.js";

const realSecret = "q7Vd0u9yXk2LrT5mWc8ZpN3bHs6JfA1eGi4oKt";

/** The message loadEnv stops with, or "" when the environment is accepted. */
function refusal(env: Record<string, string>): string {
  try {
    loadEnv(env);
    return "";
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
}

describe("loadEnv", () => {
  it("starts in development with nothing set, with the documented defaults", () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "127.0.0.1",
      HEED_DATA_DIR: "./data",
      HEED_SMTP_PORT: 2525,
      HEED_ROLE: "all",
      publicUrl: "http://localhost:3000",
      mailFrom: "heed@localhost",
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("takes Heed's sender from HEED_MAIL_FROM, else from the public host name", () => {
    expect(loadEnv({ HEED_PUBLIC_URL: "https://help.shop.example" }).mailFrom).toBe("heed@help.shop.example");
    expect(loadEnv({ HEED_MAIL_FROM: "desk@shop.example" }).mailFrom).toBe("desk@shop.example");
    expect(refusal({ HEED_MAIL_FROM: "not an address" })).toMatch(/HEED_MAIL_FROM/);
  });

  it("wants the SMTP receiver's key and certificate together, as files that exist", () => {
    expect(refusal({ HEED_SMTP_TLS_KEY: "package.json" })).toMatch(/HEED_SMTP_TLS_CERT: .*set together/);
    expect(refusal({ HEED_SMTP_TLS_KEY: "package.json", HEED_SMTP_TLS_CERT: "/no/such/cert.pem" })).toMatch(
      /HEED_SMTP_TLS_CERT: no such file: \/no\/such\/cert\.pem/,
    );
    expect(refusal({ HEED_SMTP_TLS_KEY: "package.json", HEED_SMTP_TLS_CERT: "package.json" })).toBe("");
  });

  it("refuses to start in production without HEED_SECRET, saying how to make one", () => {
    const message = refusal({ NODE_ENV: "production" });
    expect(message).toMatch(/HEED_SECRET/);
    expect(message).toMatch(/required outside development/);
    expect(message).toMatch(/openssl rand/);
  });

  it("refuses the sample secret from .env.example and a short secret", () => {
    expect(refusal({ NODE_ENV: "production", HEED_SECRET: SAMPLE_SECRET })).toMatch(
      /HEED_SECRET: .*not the sample/,
    );
    expect(refusal({ NODE_ENV: "production", HEED_SECRET: "tooshort" })).toMatch(
      /HEED_SECRET: .*at least 32/,
    );
    expect(refusal({ NODE_ENV: "production", HEED_SECRET: "" })).toMatch(/HEED_SECRET: .*required/);
  });

  it("starts in production with a real secret", () => {
    expect(refusal({ NODE_ENV: "production", HEED_SECRET: realSecret })).toBe("");
  });

  it("names PORT when it is not a port number", () => {
    for (const PORT of ["http", "70000", "-1", "3.5"]) expect(refusal({ PORT })).toMatch(/^\s*PORT: /m);
  });

  it("names DATABASE_URL when it is not a PostgreSQL URL, and treats an empty one as embedded", () => {
    expect(refusal({ DATABASE_URL: "mysql://db/heed" })).toMatch(
      /DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\//,
    );
    expect(loadEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
    expect(loadEnv({ DATABASE_URL: "postgresql://heed@db/heed" }).DATABASE_URL).toBe(
      "postgresql://heed@db/heed",
    );
  });

  it("lists every bad variable in one message", () => {
    const message = refusal({ NODE_ENV: "production", PORT: "x", HEED_ROLE: "boss" });
    for (const name of ["HEED_SECRET", "PORT", "HEED_ROLE"]) expect(message).toContain(`${name}:`);
  });

  it("requires HEED_ADMIN_EMAIL and HEED_ADMIN_PASSWORD together, and a password of 8 characters", () => {
    expect(refusal({ HEED_ADMIN_EMAIL: "boss@example.test" })).toMatch(/must be set together/);
    expect(refusal({ HEED_ADMIN_PASSWORD: "long enough" })).toMatch(/must be set together/);
    expect(refusal({ HEED_ADMIN_EMAIL: "boss@example.test", HEED_ADMIN_PASSWORD: "short" })).toMatch(
      /HEED_ADMIN_PASSWORD: must be at least 8 characters/,
    );
    expect(refusal({ HEED_ADMIN_EMAIL: "not an email", HEED_ADMIN_PASSWORD: "long enough" })).toMatch(
      /HEED_ADMIN_EMAIL: /,
    );
  });

  it("builds links from HEED_PUBLIC_URL without a trailing slash, else from the port", () => {
    expect(loadEnv({ HEED_PUBLIC_URL: "https://help.example.test/" }).publicUrl).toBe(
      "https://help.example.test",
    );
    expect(loadEnv({ PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
    expect(refusal({ HEED_PUBLIC_URL: "help.example.test" })).toMatch(/HEED_PUBLIC_URL: /);
  });
});
