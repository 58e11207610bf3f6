import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldOf, startApiTest, type ErrorBody } from "../../../test/helpers/api-test.js";
import type { ApiClient } from "../../../test/helpers/api.js";
import type { TestApp } from "../../../test/helpers/app.js";
import type { TestActor } from "../../../test/helpers/factories.js";

interface Page {
  kind: string;
  lang: string;
  title: string;
  body: string;
  updatedAt: string;
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let agent: TestActor;
let stranger: TestActor;

beforeAll(async () => {
  ({ t, api, owner, agent, stranger } = await startApiTest());
});
afterAll(() => t.close());

describe("/api/v1/help-center/pages", () => {
  it("answers 401 without a session", async () => {
    expect((await api.get("/api/v1/help-center/pages", null)).status).toBe(401);
    expect(
      (await api.put("/api/v1/help-center/pages/contact/en", null, { title: "x", body: "" })).status,
    ).toBe(401);
  });

  it("lists the starter contact and complaints pages in the four languages", async () => {
    const pages = await api.get<{ data: Page[] }>("/api/v1/help-center/pages", agent);
    expect(pages.body.data.map((p) => `${p.kind}/${p.lang}`)).toEqual([
      "contact/en",
      "contact/ru",
      "contact/hr",
      "contact/sk",
      "complaints/en",
      "complaints/ru",
      "complaints/hr",
      "complaints/sk",
    ]);
    expect(pages.body.data[0]).toMatchObject({ title: "Contact us" });
    expect(pages.body.data.every((p) => p.body.length > 0)).toBe(true);
  });

  it("lets owners and admins rewrite a page, not agents, and keeps each workspace's own", async () => {
    const body = { title: "Reklamacije", body: "Pišite nam **u roku od 14 dana**." };
    expect((await api.put("/api/v1/help-center/pages/complaints/hr", agent, body)).status).toBe(403);
    const saved = await api.put<Page>("/api/v1/help-center/pages/complaints/hr", owner, body);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ kind: "complaints", lang: "hr", ...body });
    const [row] = await t.ctx.db.query<{ body_html: string }>(
      "SELECT body_html FROM help_pages WHERE workspace_id = $1 AND kind = 'complaints' AND lang = 'hr'",
      [owner.workspaceId],
    );
    expect(row!.body_html).toBe("<p>Pišite nam <strong>u roku od 14 dana</strong>.</p>\n");
    const theirs = await api.get<{ data: Page[] }>("/api/v1/help-center/pages", stranger);
    expect(theirs.body.data.find((p) => p.kind === "complaints" && p.lang === "hr")?.title).not.toBe(
      "Reklamacije",
    );
  });

  it("names the field of a bad page", async () => {
    expect(
      (await api.put("/api/v1/help-center/pages/about/en", owner, { title: "x", body: "" })).status,
    ).toBe(400);
    expect(
      (await api.put("/api/v1/help-center/pages/contact/de", owner, { title: "x", body: "" })).status,
    ).toBe(400);
    const untitled = await api.put<ErrorBody>("/api/v1/help-center/pages/contact/en", owner, {
      title: " ",
      body: "",
    });
    expect(fieldOf(untitled.body)).toBe("title");
  });
});

const PNG = Buffer.concat([
  Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex"),
  Buffer.from("0000000d4944415478da63f8cfc0f01f0005000201a2e8a6a90000000049454e44ae426082", "hex"),
]);

/** Sends one file as multipart/form-data, as the web app's FormData does. */
async function upload(
  actor: TestActor | null,
  file: { name: string; type: string; content: Buffer },
  contentType?: string,
) {
  const boundary = "----heedtest7MA4YWxkTrZu0gW";
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await t.app.inject({
    method: "POST",
    url: "/api/v1/help-center/images",
    headers: {
      "content-type": contentType ?? `multipart/form-data; boundary=${boundary}`,
      ...(actor ? { authorization: `Bearer ${actor.token}` } : {}),
    },
    payload,
  });
  return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
}

describe("POST /api/v1/help-center/images", () => {
  it("answers 401 without a session", async () => {
    expect((await upload(null, { name: "a.png", type: "image/png", content: PNG })).status).toBe(401);
  });

  it("stores a raster image by its bytes' type for any member, and it can become the logo", async () => {
    const uploaded = await upload(agent, {
      name: "Снимок экрана.png",
      type: "application/octet-stream",
      content: PNG,
    });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      fileName: "Снимок экрана.png",
      url: `/help/images/${uploaded.body.id as string}`,
    });
    const [row] = await t.ctx.db.query<{ content_type: string; size: number }>(
      "SELECT content_type, size FROM help_images WHERE id = $1",
      [uploaded.body.id],
    );
    expect(row).toEqual({ content_type: "image/png", size: PNG.length });
    const jpeg = Buffer.concat([Buffer.from("ffd8ffe000104a464946", "hex"), Buffer.alloc(32)]);
    const gif = Buffer.concat([Buffer.from("GIF89a"), Buffer.alloc(32)]);
    const webp = Buffer.concat([
      Buffer.from("RIFF"),
      Buffer.alloc(4),
      Buffer.from("WEBPVP8 "),
      Buffer.alloc(32),
    ]);
    for (const content of [jpeg, gif, webp])
      expect((await upload(owner, { name: "x", type: "image/png", content })).status).toBe(201);

    const logo = await api.patch<{ logoImageId: string; logoUrl: string }>("/api/v1/help-center", owner, {
      logoImageId: uploaded.body.id,
    });
    expect(logo.body).toMatchObject({
      logoImageId: uploaded.body.id,
      logoUrl: `/help/images/${uploaded.body.id as string}`,
    });
    const foreign = await api.patch<ErrorBody>("/api/v1/help-center", stranger, {
      logoImageId: uploaded.body.id,
    });
    expect(fieldOf(foreign.body)).toBe("logoImageId");
  });

  it("refuses SVG or HTML disguised as PNG, an empty file, and anything that is not multipart", async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
    );
    const html = Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>");
    for (const content of [svg, html, Buffer.alloc(0), Buffer.from("\x89PN")]) {
      const refused = await upload(owner, { name: "innocent.png", type: "image/png", content });
      expect(refused.status).toBe(400);
      expect(fieldOf(refused.body)).toBe("file");
    }
    const raw = await t.app.inject({
      method: "POST",
      url: "/api/v1/help-center/images",
      headers: { "content-type": "image/png", authorization: `Bearer ${owner.token}` },
      payload: PNG,
    });
    expect(raw.statusCode).toBe(415);
    const [count] = await t.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM help_images WHERE file_name = 'innocent.png'",
    );
    expect(count!.n).toBe(0);
  });

  it("refuses an image over 5 MB", async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const refused = await upload(owner, { name: "big.png", type: "image/png", content: big });
    expect(refused.status).toBe(400);
    expect(fieldOf(refused.body)).toBe("file");
    const huge = await upload(owner, {
      name: "huge.png",
      type: "image/png",
      content: Buffer.alloc(6 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
  });
});
