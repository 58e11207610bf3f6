import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  MAX_HEADER_BYTES,
  MAX_MAIL_BYTES,
  normalizeMessageId,
  parseMail,
  parseMessageIdList,
} from "./parse-mail.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/email/${name}`, import.meta.url));
const parseFixture = (name: string) => parseMail(fixture(name));

describe("parseMail", () => {
  it("decodes a plain UTF-8 message with an encoded subject and a mixed-case From", async () => {
    const mail = await parseFixture("plain-utf8.eml");
    expect(mail.messageId).toBe("CAF3x9+plain-utf8-0001@mail.example.com");
    expect(mail.from).toEqual({ address: "jana.kovac@example.com", name: "Jana Kovac" });
    expect(mail.to).toEqual([{ address: "support@heed.example", name: "Support" }]);
    expect(mail.subject).toBe("Cannot log in — password reset link expired");
    expect(mail.date?.toISOString()).toBe("2026-03-02T08:13:58.000Z");
    expect(mail.text).toBe(
      "Hello,\n\nthe password reset link says “expired” after 2 minutes. Ünïcödé: ½ € 😀\n\nThanks,\nJana\n",
    );
    expect(mail.html).toBeNull();
    expect(mail.headers["return-path"]).toBe("<jana.kovac@example.com>");
    expect(mail.sizeBytes).toBe(fixture("plain-utf8.eml").length);
    expect(mail.problems).toEqual([]);
  });

  it("decodes a windows-1251 body, subject and sender name", async () => {
    const mail = await parseFixture("windows-1251.eml");
    expect(mail.from).toEqual({ address: "ekaterina@example.ru", name: "Екатерина Смирнова" });
    expect(mail.subject).toBe("Не приходит счёт");
    expect(mail.text).toBe(
      "Здравствуйте!\n\nНе приходит счёт за март. Проверьте, пожалуйста.\n\nС уважением,\nЕкатерина\n",
    );
    expect(mail.problems).toEqual([]);
  });

  it("decodes a KOI8-R body and a Q-encoded KOI8-R subject", async () => {
    const mail = await parseFixture("koi8-r.eml");
    expect(mail.from).toEqual({ address: "igor.volkov@example.ru", name: "Игорь Волков" });
    expect(mail.subject).toBe("Заказ 42: ёлка");
    expect(mail.text).toBe("Добрый день.\n\nЁлка в заказе 42 пришла сломанной. Жду замену.\n\nИгорь\n");
  });

  it("decodes a quoted-printable ISO-8859-2 body with Croatian letters", async () => {
    const mail = await parseFixture("iso-8859-2.eml");
    expect(mail.from).toEqual({ address: "durdica@example.hr", name: "Đurđica Šimić" });
    expect(mail.subject).toBe("Račun nije stigao");
    expect(mail.text).toBe(
      "Poštovani,\n\nračun za Đakovo i Čakovec još nije stigao. Molim provjerite šifru 'žuta'.\n\n" +
        "Lijep pozdrav,\nĐurđica Šimić\n\n",
    );
  });

  it("decodes a windows-1250 body with Slovak letters that differ from ISO-8859-2", async () => {
    const mail = await parseFixture("windows-1250.eml");
    expect(mail.from).toEqual({ address: "lubomir@example.sk", name: "Ľubomír Ťažký" });
    expect(mail.subject).toBe("Faktúra č. 77 — zlá suma");
    expect(mail.text).toBe(
      "Dobrý deň,\n\nťažký problém: faktúra č. 77 má zlú sumu. Ľudia v Žiline ju nevidia. Šťastný nový rok!\n\nĽubomír\n",
    );
  });

  it("joins RFC 2047 encoded words across a folded subject and decodes a Q-encoded From name", async () => {
    const mail = await parseFixture("rfc2047-headers.eml");
    expect(mail.subject).toBe("Žluťoučký kůň úpěl ďábelské ódy (urgent)");
    expect(mail.from).toEqual({ address: "zdenek.sykora@example.cz", name: "Zdeněk Sýkora" });
    expect(mail.to).toEqual([{ address: "support@heed.example", name: "Heed Support" }]);
  });

  it("decodes RFC 2231 file names, continued or not, and hashes the attachment content", async () => {
    const mail = await parseFixture("rfc2231-filename.eml");
    expect(mail.from).toEqual({ address: "martina@example.sk", name: "Martina Hrubá" });
    expect(mail.text).toBe("Dobrý deň, v prílohe posielam žiadosť.\n");
    expect(mail.attachments).toEqual([
      {
        fileName: "Žiadosť o vrátenie peňazí.pdf",
        contentType: "application/pdf",
        size: 45,
        sha256: "5a838678058f6de375e8635b5f2fea47a4e5f07cb1a882a44b10f39abc6f34ff",
        contentId: null,
        isInline: false,
      },
      {
        fileName: "Čísla objednávok – marec.csv",
        contentType: "text/csv",
        size: 34,
        sha256: "4ea93d577f59beac9513f4380f7fec26f5a9ccb626054988787fbb1aa39059ee",
        contentId: null,
        isInline: false,
      },
    ]);
  });

  it("derives text from an HTML-only message and keeps the raw HTML", async () => {
    const mail = await parseFixture("html-only.eml");
    expect(mail.text).toBe("Hello,\n\nWhere is my order #5531? It was due on Friday.\n\nRegards,\nPeža");
    expect(mail.html).toBe(
      "<html><head><style>p{color:red}</style></head><body><p>Hello,</p><p>Where is my order <b>#5531</b>? " +
        "It was due on <i>Friday</i>.</p><p>Regards,<br>Peža</p></body></html>\n",
    );
    expect(mail.from).toEqual({ address: "orders@shop.example.net", name: "Shop Notifications" });
  });

  it("reads threading headers, Cc and the text part of an Outlook multipart/alternative reply", async () => {
    const mail = await parseFixture("outlook-reply.eml");
    expect(mail.messageId).toBe("AM6PR05MB1234ABCD5678EF90@AM6PR05MB1234.eurprd05.prod.outlook.example");
    expect(mail.inReplyTo).toEqual(["heed.conv1042.msg2@heed.example"]);
    expect(mail.references).toEqual(["heed.conv1042.msg1@heed.example", "heed.conv1042.msg2@heed.example"]);
    expect(mail.from).toEqual({ address: "petra.novak@contoso.example", name: "Novak, Petra" });
    expect(mail.to).toEqual([{ address: "support+c7f1.a1b2c3@heed.example", name: "Heed Support" }]);
    expect(mail.cc).toEqual([
      { address: "ivan.horvat@contoso.example", name: "Horvat, Ivan" },
      { address: "finance@contoso.example", name: "" },
    ]);
    expect(mail.subject).toBe("RE: [#1042] Invoice address change");
    expect(
      mail.text.startsWith(
        "Hi,\n\nthe new address is correct, thank you.\n\nPetra\n\n-----Original Message-----\n",
      ),
    ).toBe(true);
    expect(mail.html).toContain('<p class="MsoNormal">the new address is correct, thank you.<o:p></o:p></p>');
  });

  it("keeps the quoted history of a Gmail reply in the text", async () => {
    const mail = await parseFixture("gmail-reply.eml");
    expect(mail.messageId).toBe("CAKx=Yq3w+0Zt8J_gmail_reply_77@mail.gmail.example");
    expect(mail.inReplyTo).toEqual(["heed.conv77.msg1@heed.example"]);
    expect(mail.references).toEqual(["heed.conv77.msg1@heed.example"]);
    expect(mail.text).toBe(
      "Thanks, that fixed it!\n\nOn Wed, Mar 11, 2026 at 5:00\u202fPM Heed Support <support@heed.example> wrote:\n\n" +
        "> Please clear the cache and try again.\n>\n> > I still see the old logo.\n>\n",
    );
  });

  it("keeps the headers that mark an auto-reply", async () => {
    const mail = await parseFixture("auto-reply.eml");
    expect(mail.headers["auto-submitted"]).toBe("auto-replied");
    expect(mail.headers["x-autoreply"]).toBe("yes");
    expect(mail.inReplyTo).toEqual(["heed.conv1042.msg3@heed.example"]);
  });

  it("keeps the list headers of a mailing-list message", async () => {
    const mail = await parseFixture("mailing-list.eml");
    expect(mail.headers["list-id"]).toBe("Example Project announcements <announce.lists.example.org>");
    expect(mail.headers.precedence).toBe("list");
    expect(mail.headers["list-unsubscribe"]).toContain("mailto:announce-leave@lists.example.org");
  });

  it("reads the original Message-ID embedded in a DSN as message/rfc822", async () => {
    const mail = await parseFixture("dsn-bounce.eml");
    expect(mail.from).toEqual({ address: "mailer-daemon@mx.heed.example", name: "Mail Delivery System" });
    expect(mail.headers["return-path"]).toBe("<>");
    expect(mail.embeddedMessageId).toBe("heed.conv2001.msg1@heed.example");
    expect(mail.text).toContain("Status: 5.1.1");
    expect(mail.attachments.map((attachment) => attachment.contentType)).toEqual(["message/rfc822"]);
  });

  it("reads the original Message-ID embedded in a DSN as text/rfc822-headers", async () => {
    const mail = await parseFixture("dsn-rfc822-headers.eml");
    expect(mail.from).toEqual({ address: "postmaster@mail.example.net", name: "" });
    expect(mail.embeddedMessageId).toBe("heed.conv2002.msg4@heed.example");
  });

  it("reads the original Message-ID quoted in the body of a plain-text bounce", async () => {
    const mail = await parseFixture("qmail-bounce.eml");
    expect(mail.attachments).toEqual([]);
    expect(mail.embeddedMessageId).toBe("heed.conv5204.msg2@heed.example");
    expect((await parseFixture("plain-utf8.eml")).embeddedMessageId).toBeNull();
  });

  it("returns a null Message-ID and no threading ids when they are missing or empty", async () => {
    const mail = await parseFixture("no-message-id.eml");
    expect(mail.messageId).toBeNull();
    expect(mail.inReplyTo).toEqual([]);
    expect(mail.references).toEqual([]);
    expect(mail.problems).toEqual([]);
  });

  it("reports a message without From as a problem but still parses it", async () => {
    const mail = await parseFixture("no-from.eml");
    expect(mail.from).toBeNull();
    expect(mail.problems).toEqual(["no From address"]);
    expect(mail.messageId).toBe("no-from-17@scanner.example.com");
    expect(mail.subject).toBe("Test without sender");
  });

  it("marks an image with a Content-ID as inline and leaves the cid: link in the HTML", async () => {
    const mail = await parseFixture("inline-image.eml");
    expect(mail.text).toBe("See the screenshot:\n[image: error.png]\n");
    expect(mail.html).toContain('src="cid:error-shot.18@example.com"');
    expect(mail.attachments).toEqual([
      {
        fileName: "error.png",
        contentType: "image/png",
        size: 70,
        sha256: "6b7fa434f92a8b80aab02d9bf1a12e49ffcae424e4013a1c4f68b67e3d2bbcd0",
        contentId: "error-shot.18@example.com",
        isInline: true,
      },
    ]);
  });

  it("gives the same result for the same bytes parsed twice", async () => {
    for (const name of ["outlook-reply.eml", "rfc2231-filename.eml", "dsn-bounce.eml", "windows-1251.eml"]) {
      expect(await parseFixture(name)).toEqual(await parseFixture(name));
    }
  });

  it("refuses an oversized message with a clear problem instead of parsing it", async () => {
    const raw = Buffer.concat([
      Buffer.from("From: big@example.com\r\n\r\n"),
      Buffer.alloc(MAX_MAIL_BYTES, "a"),
    ]);
    const mail = await parseMail(raw);
    expect(mail.problems).toEqual([`message too large: ${raw.length} bytes, limit ${MAX_MAIL_BYTES}`]);
    expect(mail.from).toBeNull();
    expect(mail.sizeBytes).toBe(raw.length);
    const small = await parseMail(fixture("plain-utf8.eml"), { maxBytes: 100 });
    expect(small.problems[0]).toMatch(/^message too large: \d+ bytes, limit 100$/);
  });

  it("does not throw on garbage bytes or an empty buffer", async () => {
    for (const raw of [randomBytes(64 * 1024), Buffer.alloc(0), Buffer.from("\r\n\r\n\r\n")]) {
      const mail = await parseMail(raw);
      expect(mail.problems).toContain("no From address");
      expect(mail.messageId).toBeNull();
    }
  });

  it("reports too deep MIME nesting within bounded time, keeping the top-level headers", async () => {
    let raw = "From: deep@example.com\r\nSubject: deep\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n";
    for (let depth = 1; depth < 2000; depth++) {
      raw += `--b${depth - 1}\r\nContent-Type: multipart/mixed; boundary=b${depth}\r\n\r\n`;
    }
    const mail = await parseMail(Buffer.from(raw));
    expect(mail.problems).toEqual(["malformed MIME: Max allowed child nodes exceeded"]);
    expect(mail.from).toEqual({ address: "deep@example.com", name: "" });
    expect(mail.subject).toBe("deep");
  });

  it("reports a huge header block, keeping the sender from the first lines", async () => {
    const raw = Buffer.from(`From: flood@example.com\r\nX-Flood: ${"a".repeat(2_000_000)}\r\n\r\nhi\r\n`);
    const mail = await parseMail(raw);
    expect(mail.problems).toEqual(["malformed MIME: Max header size for a MIME node exceeded"]);
    expect(mail.from).toEqual({ address: "flood@example.com", name: "" });
  });

  it("keeps the sender and subject that follow a header flood beyond the limit", async () => {
    const received =
      "Received: from relay.example.net by mx.example.org; Sat, 21 Mar 2026 11:00:00 +0000\r\n";
    const raw = Buffer.from(
      received.repeat(Math.ceil((MAX_HEADER_BYTES * 1.2) / received.length)) +
        "From: Nikola Horvat <nikola@example.net>\r\nSubject: =?UTF-8?Q?Ne_mogu_se_prijaviti_=C5=BE?=\r\n" +
        "Auto-Submitted: auto-replied\r\n\r\nhi\r\n",
    );
    const mail = await parseMail(raw);
    expect(mail.problems).toEqual(["malformed MIME: Max header size for a MIME node exceeded"]);
    expect(mail.from).toEqual({ address: "nikola@example.net", name: "Nikola Horvat" });
    expect(mail.subject).toBe("Ne mogu se prijaviti ž");
    expect(mail.headers["auto-submitted"]).toBe("auto-replied");
  });

  it("parses an unterminated multipart and bad base64 without problems", async () => {
    const unterminated = await parseMail(
      Buffer.from(
        "From: a@example.com\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\n--zz\r\n" +
          "Content-Type: text/plain\r\n\r\nbody without end\r\n",
      ),
    );
    expect(unterminated.text).toBe("body without end\n");
    expect(unterminated.problems).toEqual([]);
    const badBase64 = await parseMail(
      Buffer.from(
        "From: a@example.com\r\nContent-Type: application/pdf; name=x.pdf\r\n" +
          "Content-Transfer-Encoding: base64\r\n\r\n!!!! not base64 ~~~\r\n",
      ),
    );
    expect(badBase64.attachments).toHaveLength(1);
    expect(badBase64.problems).toEqual([]);
  });

  it("keeps an HTML body too long for html-to-text and derives a rough text from it", async () => {
    const html = "<p>x</p>".repeat(400_000);
    const mail = await parseMail(
      Buffer.from(`From: a@example.com\r\nContent-Type: text/html\r\n\r\n${html}\r\n`),
    );
    expect(mail.problems).toEqual([]);
    expect(mail.html?.length).toBeGreaterThan(3_000_000);
    expect(mail.text.startsWith("x x x")).toBe(true);
  });

  it("treats an empty Message-ID and an unparsable Date as missing", async () => {
    const mail = await parseMail(
      Buffer.from(
        "From: a@example.com\r\nMessage-ID: <>\r\nIn-Reply-To: <>\r\nDate: not a date\r\n\r\nhi\r\n",
      ),
    );
    expect(mail.messageId).toBeNull();
    expect(mail.inReplyTo).toEqual([]);
    expect(mail.date).toBeNull();
  });

  it("flattens address groups and drops entries without an address", async () => {
    const mail = await parseMail(
      Buffer.from(
        'From: undisclosed-recipients:;\r\nTo: Team: One <One@x.example>, two@x.example;, "Solo" <solo@x.example>\r\n\r\nhi\r\n',
      ),
    );
    expect(mail.from).toBeNull();
    expect(mail.problems).toEqual(["no From address"]);
    expect(mail.to).toEqual([
      { address: "one@x.example", name: "One" },
      { address: "two@x.example", name: "" },
      { address: "solo@x.example", name: "Solo" },
    ]);
  });

  it("hands over each attachment's content under its hash, and derives text from HTML alone in a multipart", async () => {
    const mail = await parseMail(
      Buffer.from(
        [
          "From: a@example.com",
          'Content-Type: multipart/related; boundary="r"',
          "",
          "--r",
          "Content-Type: text/html; charset=utf-8",
          "",
          "<p>Only <b>HTML</b> here</p>",
          "--r",
          "Content-Type: image/png",
          "Content-ID: <one@example.com>",
          "Content-Transfer-Encoding: base64",
          "",
          Buffer.from("not really a png").toString("base64"),
          "--r--",
          "",
        ].join("\r\n"),
      ),
    );
    expect(mail.text).toBe("Only HTML here");
    const [attachment] = mail.attachments;
    expect(mail.contents.get(attachment!.sha256)?.toString()).toBe("not really a png");
    expect(mail.contents.size).toBe(1);
  });
});

describe("normalizeMessageId", () => {
  it("strips brackets and whitespace and returns null when nothing is left", () => {
    expect(normalizeMessageId(" <abc@example.com> ")).toBe("abc@example.com");
    expect(normalizeMessageId("abc@example.com")).toBe("abc@example.com");
    expect(normalizeMessageId("<>")).toBeNull();
    expect(normalizeMessageId("   ")).toBeNull();
  });
});

describe("parseMessageIdList", () => {
  it("reads bracketed and bare lists in order without duplicates", () => {
    expect(parseMessageIdList("<a@x> <b@x>\r\n <a@x>")).toEqual(["a@x", "b@x"]);
    expect(parseMessageIdList("a@x, b@x")).toEqual(["a@x", "b@x"]);
    expect(parseMessageIdList("")).toEqual([]);
  });
});
