import { describe, expect, it } from "vitest";
import { keysFrom } from "../lib/install-secret.js";
import { baseAddress, conversationNumberFromRecipients, replyAddress } from "./reply-address.js";

const keys = keysFrom(Buffer.from("a root secret of at least thirty-two characters"));

describe("reply addresses", () => {
  it("sub-addresses the inbox address with the conversation number and a signature", () => {
    const address = replyAddress(keys, "Help@Shop.example", 42);
    expect(address).toMatch(/^Help\+c42-[a-z2-7]{12}@Shop\.example$/);
    expect(baseAddress(address)).toBe("help@shop.example");
    expect(conversationNumberFromRecipients(keys, "help@shop.example", ["x@y.example", address])).toBe("42");
  });

  it("ignores a bad signature, another conversation's number, another inbox and another install", () => {
    const address = replyAddress(keys, "help@shop.example", 42);
    const signature = address.slice(address.indexOf("-") + 1, address.indexOf("@"));
    const flipped = signature.replace(/^./, (c) => (c === "a" ? "b" : "a"));
    const check = (recipient: string, inbox = "help@shop.example") =>
      conversationNumberFromRecipients(keys, inbox, [recipient]);
    expect(check(`help+c42-${flipped}@shop.example`)).toBeUndefined();
    expect(check(`help+c43-${signature}@shop.example`)).toBeUndefined();
    expect(check(address, "sales@shop.example")).toBeUndefined();
    expect(check(address.replace("shop.example", "other.example"))).toBeUndefined();
    expect(check("help+c42@shop.example")).toBeUndefined();
    expect(check("help@shop.example")).toBeUndefined();
    const other = keysFrom(Buffer.from("another root secret of at least thirty-two chars"));
    expect(conversationNumberFromRecipients(other, "help@shop.example", [address])).toBeUndefined();
  });

  it("leaves an address without a sub-address as it is, lower-cased", () => {
    expect(baseAddress("Help@Shop.example")).toBe("help@shop.example");
    expect(baseAddress("+weird@shop.example")).toBe("+weird@shop.example");
  });
});
