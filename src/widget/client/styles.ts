// Styles live inside the shadow root, so host styles cannot reach in and these cannot leak out.
// Hosts theme the widget through inherited custom properties (--ledgerdesk-accent, --ledgerdesk-height).
export const CSS = `
:host {
  --bg: #ffffff; --fg: #18181b; --muted: #52525b; --line: #d4d4d8;
  --accent: var(--ledgerdesk-accent, #1d4ed8); --on-accent: #ffffff;
  --mine: #e8eefc; --theirs: #f4f4f5; --warn-bg: #fef3c7; --warn-fg: #713f12;
  --ring: var(--ledgerdesk-focus, #b45309);
  display: block; min-width: 0; max-width: 100%; color-scheme: light dark;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :host {
    --bg: #18181b; --fg: #f4f4f5; --muted: #a1a1aa; --line: #3f3f46;
    --accent: var(--ledgerdesk-accent, #93b4ff); --on-accent: #0b1020;
    --mine: #1e2a4a; --theirs: #27272a; --warn-bg: #422006; --warn-fg: #fde68a;
    --ring: var(--ledgerdesk-focus, #fbbf24);
  }
}
* { box-sizing: border-box; }
.panel {
  display: flex; flex-direction: column; width: 100%; height: var(--ledgerdesk-height, 480px);
  background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 12px;
  overflow: hidden;
}
header { padding: 10px 14px; border-bottom: 1px solid var(--line); }
h2 { margin: 0; font-size: 16px; }
.sub { margin: 2px 0 0; color: var(--muted); font-size: 13px; }
.log { flex: 1; overflow-y: auto; margin: 0; padding: 12px 14px; list-style: none; }
.msg { margin: 0 0 10px; padding: 8px 11px; border-radius: 10px; max-width: 92%;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.user { margin-left: auto; background: var(--mine); }
.assistant { background: var(--theirs); }
.who { display: block; font-size: 12px; color: var(--muted); }
.handoff { margin-top: 6px; padding-top: 6px; border-top: 1px dashed var(--line); font-size: 13px; }
.ref { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 700; user-select: all; }
.status { min-height: 1.45em; margin: 0; padding: 0 14px; color: var(--muted); font-size: 13px; }
.notice { margin: 0 14px 8px; padding: 8px 10px; border-radius: 8px;
  background: var(--warn-bg); color: var(--warn-fg); font-size: 14px; }
.notice[hidden] { display: none; }
form { display: flex; gap: 8px; padding: 10px 14px; border-top: 1px solid var(--line); }
textarea { flex: 1; min-width: 0; resize: none; font: inherit; font-size: 16px; padding: 8px 10px;
  color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 8px; }
button { font: inherit; border-radius: 8px; cursor: pointer; padding: 8px 14px; min-height: 40px; }
.send { border: 0; background: var(--accent); color: var(--on-accent); font-weight: 600; }
.send[aria-disabled="true"] { opacity: .6; cursor: progress; }
.new { align-self: flex-start; margin: 0 14px 10px; padding: 4px 10px; min-height: 32px;
  background: transparent; color: var(--accent); border: 1px solid var(--line); font-size: 13px; }
:focus-visible { outline: 3px solid var(--ring); outline-offset: 2px; }
textarea:focus-visible { outline-offset: 0; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (prefers-reduced-motion: no-preference) { .log { scroll-behavior: smooth; } }
`;
