import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bouncedMessageId, classifyMail } from "./classify-mail.js";
import { parseMail, type ParsedMail } from "./parse-mail.js";

const parseFixture = (name: string) =>
  parseMail(readFileSync(new URL(`../../../test/fixtures/email/${name}`, import.meta.url)));
const ordinary = { isAutoReply: false, isBulk: false, isBounce: false, reason: null };

function mailWith(headers: ParsedMail["headers"], from = "someone@example.com") {
  return { headers, from: { address: from, name: "" }, embeddedMessageId: null };
}

describe("classifyMail", () => {
  it.each([
    "plain-utf8.eml",
    "windows-1251.eml",
    "koi8-r.eml",
    "iso-8859-2.eml",
    "windows-1250.eml",
    "rfc2047-headers.eml",
    "rfc2231-filename.eml",
    "html-only.eml",
    "outlook-reply.eml",
    "gmail-reply.eml",
    "no-message-id.eml",
    "no-from.eml",
    "inline-image.eml",
  ])("classifies %s as ordinary mail", async (name) => {
    const mail = await parseFixture(name);
    expect(classifyMail(mail)).toEqual(ordinary);
    expect(bouncedMessageId(mail)).toBeNull();
  });

  it("classifies an Auto-Submitted: auto-replied out-of-office as an auto-reply", async () => {
    expect(classifyMail(await parseFixture("auto-reply.eml"))).toEqual({
      isAutoReply: true,
      isBulk: false,
      isBounce: false,
      reason: "Auto-Submitted: auto-replied",
    });
  });

  it("classifies a mailing-list message as bulk", async () => {
    expect(classifyMail(await parseFixture("mailing-list.eml"))).toEqual({
      isAutoReply: false,
      isBulk: true,
      isBounce: false,
      reason: "Precedence: list",
    });
  });

  it("classifies a multipart/report DSN as a bounce and finds the bounced Message-ID", async () => {
    const mail = await parseFixture("dsn-bounce.eml");
    expect(classifyMail(mail)).toEqual({
      isAutoReply: true,
      isBulk: false,
      isBounce: true,
      reason: "multipart/report delivery-status",
    });
    expect(bouncedMessageId(mail)).toBe("heed.conv2001.msg1@heed.example");
  });

  it("finds the bounced Message-ID in a text/rfc822-headers part", async () => {
    const mail = await parseFixture("dsn-rfc822-headers.eml");
    expect(classifyMail(mail).isBounce).toBe(true);
    expect(bouncedMessageId(mail)).toBe("heed.conv2002.msg4@heed.example");
  });

  it("classifies a null return path from a mailer daemon as a bounce", () => {
    const mail = mailWith(
      { "return-path": "< >", "content-type": "text/plain" },
      "mailer-daemon@mx.example.com",
    );
    expect(classifyMail(mail)).toEqual({
      isAutoReply: false,
      isBulk: false,
      isBounce: true,
      reason: "null return path from a mailer daemon",
    });
    expect(classifyMail(mailWith({ "return-path": "<>" }, "postmaster@example.com")).isBounce).toBe(true);
  });

  it("treats other mail with a null return path as automatic, not as a bounce", () => {
    expect(classifyMail(mailWith({ "return-path": "<>" }))).toEqual({
      isAutoReply: true,
      isBulk: false,
      isBounce: false,
      reason: "null return path",
    });
    expect(classifyMail(mailWith({ "return-path": "<someone@example.com>" }))).toEqual(ordinary);
  });

  it("classifies another help desk's acknowledgement sent with a null return path as automatic", async () => {
    const mail = await parseFixture("null-return-path.eml");
    expect(classifyMail(mail)).toMatchObject({
      isAutoReply: true,
      isBounce: false,
      reason: "null return path",
    });
  });

  it("finds the bounced Message-ID in the header block a plain-text bounce quotes", async () => {
    const mail = await parseFixture("qmail-bounce.eml");
    expect(classifyMail(mail)).toMatchObject({
      isBounce: true,
      reason: "null return path from a mailer daemon",
    });
    expect(bouncedMessageId(mail)).toBe("heed.conv5204.msg2@heed.example");
  });

  it("does not treat Auto-Submitted: no as an auto-reply", () => {
    expect(classifyMail(mailWith({ "auto-submitted": "No" }))).toEqual(ordinary);
  });

  it.each([
    [{ "auto-submitted": 'auto-generated; owner-email="a@example.com"' }, "Auto-Submitted: auto-generated"],
    [{ "x-autoreply": "yes" }, "x-autoreply header"],
    [{ "x-autorespond": "Out of office" }, "x-autorespond header"],
    [{ precedence: "auto_reply" }, "Precedence: auto_reply"],
  ])("classifies %j as an auto-reply", (headers, reason) => {
    expect(classifyMail(mailWith(headers))).toEqual({
      isAutoReply: true,
      isBulk: false,
      isBounce: false,
      reason,
    });
  });

  it.each([
    [{ precedence: "bulk" }, "Precedence: bulk"],
    [{ precedence: "Junk" }, "Precedence: junk"],
    [{ "list-id": "<news.example.com>" }, "List-Id header"],
    [{ "list-unsubscribe": "<mailto:leave@example.com>" }, "List-Unsubscribe header"],
  ])("classifies %j as bulk", (headers, reason) => {
    expect(classifyMail(mailWith(headers))).toEqual({
      isAutoReply: false,
      isBulk: true,
      isBounce: false,
      reason,
    });
  });

  it("returns no bounced Message-ID for a message that is not a bounce", () => {
    expect(bouncedMessageId({ ...mailWith({}), embeddedMessageId: "forwarded@example.com" })).toBeNull();
  });
});
