/** The report page's stylesheet, inlined into the page (no network, no fonts to fetch). */
export const PAGE_STYLE = String.raw`
:root {
  --ink: #1b1f24; --muted: #5b6472; --line: #e3e6ea; --bg: #f5f6f8; --card: #fff;
  --accent: #2f5bd3; --error: #c92a2a; --warning: #d9770f; --info: #3b71ca; --pass: #2b8a3e;
  --lvl-pm: #a61e4d; --lvl-write: #e8590c; --lvl-tagging: #d4a20a; --lvl-read: #1c7ed6; --lvl-list: #8ec5f7; --lvl-none: #c3c8cf;
  --public: #e03131; --cross: #7048e8;
}
* { box-sizing: border-box; }
html, body { margin: 0; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
button { font: inherit; color: inherit; }
.top { display: flex; align-items: center; gap: 16px; padding: 14px 28px; background: #151a23; color: #fff; }
.brand { font-weight: 700; font-size: 18px; letter-spacing: .2px; }
.brand span { font-weight: 400; color: #aab3c2; margin-left: 6px; }
.top .spacer { flex: 1; }
.top .meta { color: #aab3c2; font-size: 12.5px; }
.verdict { font-weight: 700; font-size: 13px; letter-spacing: .6px; padding: 5px 12px; border-radius: 999px; }
.verdict.pass { background: var(--pass); }
.verdict.fail { background: var(--error); }
.verdict.error { background: #862e9c; }
main { max-width: 1440px; margin: 0 auto; padding: 22px 28px 60px; }
section.block { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin-bottom: 20px; box-shadow: 0 1px 2px rgba(16,24,40,.04); }
h2 { font-size: 16px; margin: 0 0 12px; }
h3 { font-size: 13px; margin: 16px 0 6px; text-transform: uppercase; letter-spacing: .5px; color: var(--muted); }
.verdict-line { font-size: 15px; margin: 0 0 16px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(138px, 1fr)); gap: 10px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; background: #fbfcfd; }
.card .value { font-size: 24px; font-weight: 700; }
.card .label { color: var(--muted); font-size: 12px; }
.card.sev-error .value { color: var(--error); }
.card.sev-warning .value { color: var(--warning); }
.card.sev-info .value { color: var(--info); }
.card.mark-public .value { color: var(--public); }
.card.mark-cross .value { color: var(--cross); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; }
table.list th { font-size: 12px; color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--line); padding: 6px 8px; }
table.list td { border-bottom: 1px solid var(--line); padding: 7px 8px; overflow-wrap: anywhere; }
table.list td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.list th.num { text-align: right; }
.sev { display: inline-block; white-space: nowrap; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .4px; padding: 2px 7px; border-radius: 4px; color: #fff; }
.sev.error { background: var(--error); }
.sev.warning { background: var(--warning); }
.sev.info { background: var(--info); }
.tag { display: inline-block; font-size: 11px; padding: 1px 6px; border-radius: 4px; background: #eef0f3; color: var(--muted); margin-left: 4px; }
.tag.public { background: #ffe3e3; color: var(--public); }
.tag.cross-account { background: #ede7ff; color: var(--cross); }
.toolbar { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin-bottom: 12px; }
.toolbar input[type=search], .toolbar select { padding: 6px 9px; border: 1px solid #cfd4da; border-radius: 6px; background: #fff; font: inherit; }
.toolbar input[type=search] { min-width: 260px; }
.toolbar .count { color: var(--muted); margin-left: auto; }
.btn { border: 1px solid #cfd4da; background: #fff; border-radius: 6px; padding: 5px 10px; cursor: pointer; }
.btn:hover { background: #f1f3f5; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; align-items: center; color: var(--muted); font-size: 12px; margin-bottom: 12px; }
.legend .swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: -3px; margin-right: 5px; position: relative; }
.legend .swatch.blank { background: #dee2e6; }
.group { border: 1px solid var(--line); border-radius: 8px; margin-bottom: 10px; overflow: hidden; }
.group-head { width: 100%; display: flex; gap: 10px; align-items: center; border: 0; background: #f8f9fb; padding: 9px 12px; cursor: pointer; text-align: left; }
.group-head:hover { background: #f1f3f6; }
.group-head .chev { width: 14px; color: var(--muted); transition: transform .15s; }
.group.collapsed .chev { transform: rotate(-90deg); }
.group-head .name { font-weight: 600; }
.group-head .file { color: var(--muted); font-size: 12px; }
.group-head .stats { margin-left: auto; color: var(--muted); font-size: 12px; }
.group.collapsed .group-body { display: none; }
.group-body { overflow: auto; max-height: 72vh; border-top: 1px solid var(--line); }
.group-body .empty { padding: 10px 12px; color: var(--muted); }
table.matrix { width: auto; border-collapse: separate; border-spacing: 0; }
table.matrix thead th { position: sticky; top: 0; background: #fff; z-index: 2; border-bottom: 1px solid var(--line); vertical-align: bottom; padding: 6px 2px; }
table.matrix thead th.corner { left: 0; z-index: 3; text-align: left; padding: 6px 12px; color: var(--muted); font-size: 12px; font-weight: 600; min-width: 260px; }
table.matrix tbody th { position: sticky; left: 0; background: #fff; z-index: 1; border-bottom: 1px solid #f0f2f4; border-right: 1px solid var(--line); padding: 0; }
table.matrix td { border-bottom: 1px solid #f0f2f4; padding: 3px; text-align: center; }
.col-head { writing-mode: vertical-rl; transform: rotate(180deg); border: 0; background: none; cursor: pointer; max-height: 170px; overflow: hidden; white-space: nowrap; padding: 4px 0; font-size: 12px; text-align: left; }
.col-head span { display: block; overflow: hidden; text-overflow: ellipsis; }
.col-head .id { font-weight: 600; }
.col-head .type { color: var(--muted); font-size: 11px; }
.col-head:hover, .row-head:hover { color: var(--accent); }
.row-head { display: flex; gap: 6px; align-items: center; width: 100%; border: 0; background: none; cursor: pointer; padding: 5px 12px; text-align: left; white-space: nowrap; }
.principal-name { max-width: 420px; overflow: hidden; text-overflow: ellipsis; }
.kind { font-size: 10.5px; font-weight: 700; text-transform: uppercase; letter-spacing: .4px; padding: 1px 5px; border-radius: 3px; background: #e7ecf5; color: #3d4b63; min-width: 42px; text-align: center; }
.kind.group { background: #e6f4ea; color: #23733a; }
.kind.user { background: #f3e8fd; color: #6b2fa5; }
.kind.service { background: #fff0e0; color: #a34e00; }
.kind.public { background: #ffe3e3; color: var(--public); }
.kind.account, .kind.organization { background: #ede7ff; color: var(--cross); }
.kind.federated, .kind.network { background: #e3f6f8; color: #0c6b78; }
.cell { width: 24px; height: 24px; border-radius: 4px; border: 0; cursor: pointer; position: relative; display: block; margin: 0 auto; }
.cell:hover, .cell:focus-visible { outline: 2px solid var(--ink); outline-offset: 1px; }
.lvl-permissions-management { background: var(--lvl-pm); }
.lvl-write { background: var(--lvl-write); }
.lvl-tagging { background: var(--lvl-tagging); }
.lvl-read { background: var(--lvl-read); }
.lvl-list { background: var(--lvl-list); }
.lvl-none { background: repeating-linear-gradient(45deg, var(--lvl-none) 0 3px, #eef0f2 3px 6px); }
.cell.conditional, .swatch.conditional { background-image: repeating-linear-gradient(135deg, rgba(255,255,255,.55) 0 3px, transparent 3px 7px); }
.cell.mark-public::after, .cell.mark-cross-account::after, .swatch.mark-public::after, .swatch.mark-cross-account::after { content: ""; position: absolute; top: -3px; right: -3px; width: 9px; height: 9px; border-radius: 50%; border: 2px solid #fff; }
.cell.mark-public::after, .swatch.mark-public::after { background: var(--public); }
.cell.mark-cross-account::after, .swatch.mark-cross-account::after { background: var(--cross); border-radius: 2px; }
table.matrix tr.selected th, table.matrix tr.selected td { background: #eef4ff; }
.findings td.msg { max-width: 640px; }
.findings .fix { color: var(--muted); margin-top: 4px; }
.findings .fix b { color: var(--ink); font-weight: 600; }
.findings tr.suppressed { opacity: .6; }
.where { color: var(--muted); font-size: 12px; }
.panel { position: fixed; top: 0; right: 0; height: 100vh; width: min(600px, 94vw); background: #fff; border-left: 1px solid var(--line); box-shadow: -8px 0 24px rgba(16,24,40,.12); overflow: auto; z-index: 10; padding: 18px 22px 40px; }
.panel[hidden] { display: none; }
.panel .close { position: absolute; top: 12px; right: 14px; }
.panel h2 { padding-right: 70px; word-break: break-word; }
.panel .sub { color: var(--muted); margin: -6px 0 10px; }
.entry { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; margin-bottom: 10px; }
.entry .title { font-weight: 600; margin-bottom: 6px; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.level-line { margin: 6px 0 2px; }
.level-line .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
.actions { color: var(--muted); font-size: 12.5px; word-break: break-word; }
ul.refs { margin: 4px 0 0; padding-left: 18px; }
ul.refs li { margin: 2px 0; }
.denied { color: #862e2e; }
.note { color: var(--muted); font-style: italic; }
.errors li { color: var(--error); }
.muted { color: var(--muted); }
footer { color: var(--muted); font-size: 12px; text-align: center; padding: 10px 0 30px; }
`;
