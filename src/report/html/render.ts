/**
 * `scan --format html`: one self-contained page (inline style, script and data; no network), the
 * view model embedded as JSON and laid out by the page's script.
 */
import type { ReportInput } from '../output';
import type { StackAccess } from './access-data';
import { buildHtmlView } from './view-model';
import { PAGE_SCRIPT } from './page-script';
import { PAGE_STYLE } from './page-style';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON that is safe inside a `<script>` element: no `<` (so no `</script>` or `<!--`), no `>` or
 * `&`, and no line separators that older parsers take for line ends. `JSON.parse` reads it back unchanged.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `stacks`: the access collected per template; without it the page has no access map. */
export function formatHtml(result: ReportInput, stacks?: readonly StackAccess[]): string {
  const view = buildHtmlView(result, stacks);
  const files = result.templates.map((t) => t.file);
  const inputs = files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${files.length - 3} more`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>iamgate report</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header class="top">
<div class="brand">iamgate<span>access and findings report</span></div>
<div class="meta">${escapeHtml(inputs)}</div>
<div class="spacer"></div>
<div class="meta" id="tool"></div>
<div id="verdict" class="verdict"></div>
</header>
<main id="app"><noscript>This report is laid out by its script: open it in a browser with JavaScript enabled.</noscript></main>
<aside id="panel" class="panel" hidden></aside>
<footer>Generated offline by ${escapeHtml(view.tool)}. Access levels follow the AWS Service Authorization Reference.</footer>
<script type="application/json" id="iamgate-data">${scriptSafeJson(view)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
