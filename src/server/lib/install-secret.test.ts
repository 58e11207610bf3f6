import { describe, expect, it } from "vitest";
import { keysFrom } from "./install-secret.js";

describe("install keys", () => {
  const keys = keysFrom(Buffer.from("a root secret of at least thirty-two characters"));

  it("signs in lower-case base32 and verifies only the same data and purpose", () => {
    const signature = keys.sign("reply-address", "conversation-1");
    expect(signature).toMatch(/^[a-z2-7]{16}$/);
    expect(keys.verify("reply-address", "conversation-1", signature)).toBe(true);
    expect(keys.verify("reply-address", "conversation-1", signature.toUpperCase())).toBe(true);
    expect(keys.verify("reply-address", "conversation-2", signature)).toBe(false);
    expect(keys.verify("message-id", "conversation-1", signature)).toBe(false);
    expect(keys.verify("reply-address", "conversation-1", signature.slice(0, 15))).toBe(false);
  });

  it("gives other signatures under another root secret", () => {
    const other = keysFrom(Buffer.from("another root secret of at least thirty-two chars"));
    expect(other.sign("reply-address", "x")).not.toBe(keys.sign("reply-address", "x"));
  });

  it("seals with a fresh nonce, opens what it sealed and refuses a changed value", () => {
    const a = keys.seal("pässwörd");
    expect(a).not.toBe(keys.seal("pässwörd"));
    expect(keys.open(a)).toBe("pässwörd");
    const tampered = a.slice(0, -2) + (a.endsWith("A") ? "BB" : "AA");
    expect(() => keys.open(tampered)).toThrow();
    expect(() => keys.open("plain")).toThrow(/not a sealed value/);
    const other = keysFrom(Buffer.from("another root secret of at least thirty-two chars"));
    expect(() => other.open(a)).toThrow();
  });
});
