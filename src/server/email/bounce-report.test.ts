import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { readBounceReport } from "./bounce-report.js";

const fixture = (name: string) =>
  fs.readFileSync(new URL(`../../../test/fixtures/email/${name}`, import.meta.url));

describe("readBounceReport", () => {
  it("reads the remote server's diagnostic from a DSN", () => {
    const report = readBounceReport(fixture("dsn-bounce.eml"));
    expect(report.isFailure).toBe(true);
    expect(report.reason).toMatch(/^The recipient's mail server returned it as undeliverable: 5\d\d/);
  });

  it("falls back to the status code, and tells a delay from a failure", () => {
    const failed = readBounceReport(
      Buffer.from("Content-Type: message/delivery-status\r\n\r\nAction: failed\r\nStatus: 5.2.2\r\n"),
    );
    expect(failed).toEqual({ isFailure: true, reason: expect.stringMatching(/status 5\.2\.2$/) });
    const delayed = readBounceReport(
      Buffer.from("Action: delayed\r\nStatus: 4.4.1\r\nDiagnostic-Code: smtp; 451 try later\r\n"),
    );
    expect(delayed).toEqual({ isFailure: false, reason: "Delivery is delayed: 451 try later" });
  });

  it("unfolds a folded diagnostic and says so when nothing is given", () => {
    const folded = readBounceReport(
      Buffer.from(
        "Action: failed\r\nDiagnostic-Code: smtp; 550 5.1.1 <x@example.org>:\r\n    Recipient address rejected\r\n",
      ),
    );
    expect(folded.reason).toMatch(/550 5\.1\.1 <x@example\.org>: Recipient address rejected$/);
    expect(readBounceReport(Buffer.from("hello")).reason).toMatch(/no reason given$/);
  });
});
