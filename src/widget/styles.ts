/**
 * The widget's styles, inside its shadow root: the host page's CSS cannot reach in, and `all: initial`
 * stops what would otherwise be inherited (font, colour, line height).
 */
export const STYLES = `
:host { all: initial; }
* { box-sizing: border-box; }
.w { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1c2430; }
button, input, textarea { font: inherit; color: inherit; }
.launcher { position: fixed; right: 20px; bottom: 20px; width: 56px; height: 56px; border-radius: 50%;
  border: 0; background: #1f5fbf; color: #fff; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25);
  display: flex; align-items: center; justify-content: center; }
.launcher:focus-visible, .panel :focus-visible { outline: 3px solid #f5b400; outline-offset: 2px; }
.launcher svg { width: 26px; height: 26px; fill: currentColor; }
.badge { position: absolute; top: -2px; right: -2px; min-width: 20px; height: 20px; padding: 0 6px;
  border-radius: 10px; background: #b3261e; color: #fff; font-size: 12px; line-height: 20px; }
.panel { position: fixed; right: 20px; bottom: 88px; width: 360px; max-width: calc(100vw - 24px);
  height: 520px; max-height: calc(100vh - 110px); display: flex; flex-direction: column; background: #fff;
  border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.25); overflow: hidden; }
.panel[hidden] { display: none; }
header { background: #1f5fbf; color: #fff; padding: 12px 16px; display: flex; gap: 8px; align-items: flex-start; }
header div { flex: 1; }
h2 { margin: 0; font-size: 16px; font-weight: 600; }
.status { margin: 2px 0 0; font-size: 13px; opacity: .92; }
.x { background: transparent; border: 0; color: #fff; font-size: 22px; line-height: 1; cursor: pointer; padding: 2px 6px; }
.log { list-style: none; margin: 0; padding: 12px; flex: 1; overflow-y: auto; display: flex; flex-direction: column; gap: 8px; background: #f6f7f9; }
.m { max-width: 85%; padding: 8px 12px; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.m.visitor { align-self: flex-end; background: #1f5fbf; color: #fff; border-bottom-right-radius: 4px; }
.m.agent { align-self: flex-start; background: #fff; border: 1px solid #d9dee5; border-bottom-left-radius: 4px; }
.who { display: block; font-size: 12px; font-weight: 600; margin-bottom: 2px; }
.state { display: block; font-size: 11px; opacity: .85; text-align: right; margin-top: 2px; }
.note { font-size: 13px; color: #56606e; margin: 0; padding: 0 12px; min-height: 1.2em; }
form { border-top: 1px solid #d9dee5; padding: 10px 12px 12px; display: flex; flex-direction: column; gap: 6px; }
label { font-size: 12px; color: #56606e; }
input, textarea { width: 100%; border: 1px solid #b8c0cc; border-radius: 6px; padding: 7px 9px; background: #fff; }
textarea { resize: none; min-height: 44px; max-height: 120px; }
.row { display: flex; gap: 8px; align-items: flex-end; }
.row > div { flex: 1; }
.send { border: 0; border-radius: 6px; background: #1f5fbf; color: #fff; padding: 9px 14px; cursor: pointer; }
.send:disabled { opacity: .6; cursor: default; }
.attach { border: 1px solid #b8c0cc; border-radius: 6px; background: #fff; padding: 7px 9px; cursor: pointer; }
.files { list-style: none; margin: 0; padding: 0; font-size: 13px; }
.x-file { border: 0; background: transparent; cursor: pointer; font-size: 16px; padding: 0 4px; }
.file { display: block; margin-top: 4px; border: 0; padding: 0; background: transparent; color: inherit; text-decoration: underline; cursor: pointer; text-align: left; }
.arts p { margin: 0 0 2px; font-size: 13px; color: #56606e; }
.arts ul { margin: 0; padding-left: 18px; font-size: 14px; }
.arts a { color: #1f5fbf; }
.err { color: #b3261e; font-size: 13px; margin: 0; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 480px) { .panel { right: 0; bottom: 0; width: 100vw; max-width: 100vw; height: 100vh; max-height: 100vh; border-radius: 0; } }
`;
