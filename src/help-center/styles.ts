import { createHash } from "node:crypto";

/**
 * The help center's one stylesheet, served at /help/help.css. Dark text on white, the brand colour
 * (custom properties set per workspace by an inline `:root` rule) for the header, links and buttons; one
 * column on phones. Kept small: an article page with its CSS stays under 30 KB.
 */
export const HELP_CSS = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:17px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;color:#1b2230;background:#fff;display:flex;flex-direction:column;min-height:100vh}
a{color:var(--link)}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #f5b400;outline-offset:2px}
img{max-width:100%;height:auto}
.wrap{width:100%;max-width:1080px;margin:0 auto;padding:0 20px}
.vh{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip{position:absolute;left:-9999px;top:0;background:#fff;color:#1b2230;padding:8px 12px;z-index:10}
.skip:focus{left:8px;top:8px}
.top{background:var(--brand);color:var(--on-brand)}
.top a{color:inherit}
.bar{display:flex;flex-wrap:wrap;align-items:center;gap:10px 24px;min-height:64px;padding-top:10px;padding-bottom:10px}
.brand{display:flex;align-items:center;gap:10px;font-weight:650;font-size:1.15rem;line-height:1.3;text-decoration:none;margin-right:auto}
.brand img{height:36px;width:auto;border-radius:4px;background:#fff}
.brand .sub{opacity:.85;font-weight:450;margin-left:4px}
.langs ul{display:flex;gap:4px;list-style:none;margin:0;padding:0;font-size:.9rem}
.langs a{display:block;padding:4px 8px;border-radius:6px;text-decoration:none}
.langs a:hover{text-decoration:underline}
.langs a[aria-current]{font-weight:650;box-shadow:inset 0 -2px 0 currentColor}
.search{display:flex;max-width:640px;width:100%}
.search input{flex:1;min-width:0;font:inherit;padding:10px 14px;border:1px solid #8a94a6;border-right:0;border-radius:8px 0 0 8px;color:#1b2230;background:#fff}
.search button,.btn{font:inherit;font-weight:600;padding:10px 18px;border:1px solid transparent;border-radius:0 8px 8px 0;background:var(--brand);color:var(--on-brand);cursor:pointer}
.top .search button{background:#1b2230;color:#fff}
.find{padding-bottom:16px}
.find .search{max-width:560px;font-size:.95rem}
.find .search input{padding:8px 12px;border-color:transparent}
.find .search button{padding:8px 16px}
.hero{padding:28px 20px 44px}
.hero h1{margin:0 0 16px;font-size:2rem;line-height:1.25}
.hero .search{font-size:1.05rem}
main.wrap{flex:1;padding-top:32px;padding-bottom:56px}
h1{font-size:2rem;line-height:1.25;margin:0 0 12px}
h2{font-size:1.35rem;line-height:1.3;margin:32px 0 10px}
h3{font-size:1.1rem;margin:24px 0 8px}
.lead{color:#4a5568;margin:0 0 20px;max-width:70ch}
.muted{color:#4a5568;font-size:.92rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:20px;margin-top:8px}
.card{border:1px solid #d9dee7;border-radius:12px;padding:18px 22px 20px}
.card h2{margin:0 0 4px;font-size:1.2rem}
.card h2 a{text-decoration:none;color:#1b2230}
.card h2 a:hover{color:var(--link);text-decoration:underline}
.card h3{font-size:.8rem;letter-spacing:.06em;text-transform:uppercase;color:#4a5568;margin:16px 0 4px}
.list{list-style:none;margin:0;padding:0}
.list li{padding:5px 0}
.list a{text-decoration:none}
.list a:hover{text-decoration:underline}
.more{display:inline-block;margin-top:10px;font-weight:600;font-size:.95rem}
.crumbs ol{list-style:none;display:flex;flex-wrap:wrap;gap:4px;margin:0 0 18px;padding:0;font-size:.92rem}
.crumbs li:not(:last-child)::after{content:"›";margin-left:6px;color:#6b7485}
.crumbs [aria-current]{color:#4a5568}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 260px;gap:48px}
.notice{border-left:4px solid #b7791f;background:#fff8e6;padding:12px 16px;border-radius:0 8px 8px 0;margin:0 0 24px}
.notice p{margin:0}
.prose{max-width:72ch;overflow-wrap:break-word}
.prose h2{font-size:1.4rem}
.prose h3{font-size:1.15rem}
.prose ul,.prose ol{padding-left:1.4em}
.prose li{margin:4px 0}
.prose blockquote{margin:16px 0;padding:4px 16px;border-left:4px solid #d9dee7;color:#3d4757}
.prose code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;background:#f1f3f7;padding:1px 5px;border-radius:4px}
.prose pre{background:#f1f3f7;padding:14px;border-radius:8px;overflow-x:auto}
.prose pre code{padding:0;background:none}
.prose table{border-collapse:collapse;width:100%;display:block;overflow-x:auto;margin:16px 0}
.prose th,.prose td{border:1px solid #d9dee7;padding:8px 10px;text-align:left;vertical-align:top}
.prose th{background:#f5f7fa}
.prose hr{border:0;border-top:1px solid #d9dee7;margin:28px 0}
.video{position:relative;padding-top:56.25%;margin:16px 0}
.video iframe{position:absolute;inset:0;width:100%;height:100%;border:0;border-radius:8px}
.feedback{margin-top:40px;padding:20px 22px;border:1px solid #d9dee7;border-radius:12px;background:#f7f9fb;max-width:72ch}
.feedback h2{margin:0 0 10px;font-size:1.15rem}
.feedback label{display:block;font-size:.95rem;margin-bottom:6px}
.feedback textarea{width:100%;font:inherit;font-size:.95rem;padding:8px 10px;border:1px solid #8a94a6;border-radius:8px;resize:vertical}
.feedback .buttons{display:flex;gap:10px;margin-top:12px}
.feedback .btn{border-radius:8px;min-width:88px}
.btn.alt{background:#fff;color:#1b2230;border-color:#8a94a6}
.thanks{font-weight:600;color:#1d6b3a;margin:0 0 8px}
.side h2{font-size:1rem;margin:0 0 8px}
.side{font-size:.95rem}
.help-box{margin-top:28px;padding-top:16px;border-top:1px solid #d9dee7}
.results{list-style:none;padding:0;margin:16px 0 0;max-width:72ch}
.results li{padding:14px 0;border-bottom:1px solid #e6e9ef}
.results a{font-size:1.1rem;font-weight:600}
.results p{margin:4px 0 0;color:#3d4757}
mark{background:#fde68a;color:inherit;padding:0 1px;border-radius:2px}
.channels{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:20px;margin:24px 0}
.channels .card h2{font-size:1.1rem;margin-bottom:8px}
.channels p{margin:6px 0}
.hours{border-collapse:collapse;font-size:.95rem}
.hours th{text-align:left;font-weight:500;padding:2px 16px 2px 0}
.status{font-weight:600}
.status.open{color:#1d6b3a}
/* Said by CSS, not <noscript>: browsers parse <noscript> by their setting, not by whether scripts run. */
.no-js{display:none}
@media (scripting:none){.needs-js{display:none}.no-js{display:block}}
footer{border-top:1px solid #d9dee7;background:#f7f9fb;font-size:.95rem}
footer .wrap{display:flex;flex-wrap:wrap;gap:8px 24px;padding-top:20px;padding-bottom:24px}
footer p{margin:0;margin-right:auto;color:#4a5568}
@media (max-width:760px){
body{font-size:16px}
.layout{grid-template-columns:1fr;gap:8px}
h1,.hero h1{font-size:1.6rem}
.brand .sub{display:none}
.langs ul{gap:0}
main.wrap{padding-top:20px}
.hero{padding:16px 20px 28px}
.grid{grid-template-columns:1fr}
}
@media print{.top,.feedback,footer,.side{display:none}}
`;

/** A short hash of the stylesheet, for its address: it can then be cached for a year. */
export const HELP_CSS_VERSION = createHash("sha256").update(HELP_CSS).digest("hex").slice(0, 10);
