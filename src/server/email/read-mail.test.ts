import { describe, expect, it } from "vitest";
import { readMail } from "./read-mail.js";

const mail = (headers: string[], body: string) => Buffer.from([...headers, "", body, ""].join("\r\n"));

describe("readMail", () => {
  it("parses a message and keeps its sanitized HTML and files", async () => {
    const read = await readMail(
      mail(
        ["From: Ana <ana@example.com>", "Subject: Order", 'Content-Type: multipart/mixed; boundary="b"'],
        [
          "--b",
          "Content-Type: text/html; charset=utf-8",
          "",
          '<p onclick="x()">Where is it?</p><script>alert(1)</script>',
          "--b",
          'Content-Type: application/pdf; name="invoice.pdf"',
          "Content-Transfer-Encoding: base64",
          "",
          Buffer.from("%PDF-1.4").toString("base64"),
          "--b--",
        ].join("\r\n"),
      ),
    );
    expect(read.mail.problems).toEqual([]);
    expect(read.content!.html).toBe("<p>Where is it?</p>");
    expect(read.content!.files.map((file) => [file.fileName, file.content.toString()])).toEqual([
      ["invoice.pdf", "%PDF-1.4"],
    ]);
  });

  it("reads nothing more of a message that cannot be used: it is quarantined with the reason", async () => {
    const read = await readMail(mail(["Subject: no sender"], "Hello"));
    expect(read.mail.problems).toEqual(["no From address"]);
    expect(read.content).toBeNull();
  });
});
