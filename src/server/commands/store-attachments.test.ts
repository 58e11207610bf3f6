import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildConversation } from "../../../test/helpers/factories-conversations.js";
import { buildWorkspace } from "../../../test/helpers/factories.js";
import { storeAttachments, type MessageFile } from "./store-attachments.js";

let t: TestApp;
let workspaceId: string;
let messageId: string;

beforeAll(async () => {
  t = await createTestApp();
  workspaceId = (await buildWorkspace(t.ctx)).workspace.id;
  messageId = (await buildConversation(t.ctx, { workspaceId })).message.id;
});
afterAll(() => t.close());

const file = (fileName: string, text: string): MessageFile => {
  const content = Buffer.from(text);
  return {
    sha256: createHash("sha256").update(content).digest("hex"),
    content,
    fileName,
    contentType: "text/plain",
    contentId: null,
    isInline: false,
  };
};

describe("storeAttachments", () => {
  it("stores one row per file in order, and each content once, keeping a blob stored before", async () => {
    const known = file("known.txt", `stored before ${Date.now()}`);
    await storeAttachments(t.ctx.db, { workspaceId, messageId }, [known]);
    const same = `the same bytes ${Date.now()}`;
    const files = [file("a.txt", same), known, file("b.txt", same), file("c.txt", `other ${Date.now()}`)];
    const rows = await storeAttachments(t.ctx.db, { workspaceId, messageId }, files);
    expect(rows.map((row) => row.file_name)).toEqual(["a.txt", "known.txt", "b.txt", "c.txt"]);
    expect(rows.map((row) => row.blob_sha256)).toEqual(files.map((f) => f.sha256));
    const blobs = await t.ctx.db.query<{ sha256: string; content: Buffer; size: number }>(
      "SELECT sha256, content, size FROM blobs WHERE sha256 = ANY($1::text[]) ORDER BY sha256",
      [files.map((f) => f.sha256)],
    );
    expect(blobs).toHaveLength(3);
    for (const blob of blobs) {
      const of = files.find((f) => f.sha256 === blob.sha256)!;
      expect(Buffer.from(blob.content).equals(of.content)).toBe(true);
      expect(blob.size).toBe(of.content.length);
    }
  });
});
