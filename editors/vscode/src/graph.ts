/**
 * The client side of the `ssmc/graph` request, without the vscode API.
 *
 * Contract (served by `ssmc lsp`): request `ssmc/graph` with params
 * `{ textDocument: { uri } }`; result `{ svg, nodes: [{ step, range }] }`,
 * `range` being the LSP range of the step's name; each step's node in the SVG
 * carries `data-step="<step name>"`.
 * Input: the raw result or error. Output: a checked result, the range to
 * reveal for a clicked step, and the webview's HTML.
 * Invariant: the HTML runs only the extension's own script (nonce) and loads
 * nothing from the network.
 */

export const GRAPH_METHOD = "ssmc/graph";
/** JSON-RPC's MethodNotFound. */
export const METHOD_NOT_FOUND = -32601;

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface GraphNode {
  step: string;
  range: Range;
}
export interface GraphResult {
  svg: string;
  nodes: GraphNode[];
}

function isPosition(x: unknown): x is Position {
  const p = x as Position;
  return typeof x === "object" && x !== null && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0;
}

function isRange(x: unknown): x is Range {
  const r = x as Range;
  return typeof x === "object" && x !== null && isPosition(r.start) && isPosition(r.end);
}

/** Checks a reply against the contract; nodes that do not fit are dropped. */
export function parseGraphResult(x: unknown): GraphResult | undefined {
  if (typeof x !== "object" || x === null) {
    return undefined;
  }
  const r = x as { svg?: unknown; nodes?: unknown };
  if (typeof r.svg !== "string") {
    return undefined;
  }
  const nodes = Array.isArray(r.nodes)
    ? r.nodes.filter((n): n is GraphNode => typeof n === "object" && n !== null && typeof (n as GraphNode).step === "string" && isRange((n as GraphNode).range))
    : [];
  return { svg: r.svg, nodes };
}

/** The range of `step`'s name, for a click on its node. */
export function rangeForStep(result: GraphResult, step: string): Range | undefined {
  return result.nodes.find((n) => n.step === step)?.range;
}

export function isMethodNotFound(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === METHOD_NOT_FOUND;
}

/** A message the webview script posts; anything else is ignored. */
export function parseWebviewMessage(msg: unknown): { type: "reveal"; step: string } | undefined {
  if (typeof msg !== "object" || msg === null) {
    return undefined;
  }
  const m = msg as { type?: unknown; step?: unknown };
  return m.type === "reveal" && typeof m.step === "string" ? { type: "reveal", step: m.step } : undefined;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export interface PageParts {
  /** The webview's `cspSource` (its own resource origin). */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  title: string;
  /** The SVG to show, or undefined with `message` set. */
  svg?: string;
  message?: string;
}

/**
 * Content-Security-Policy: nothing by default; scripts only with the nonce
 * (so neither a `<script>` nor an `on…=` attribute inside the SVG runs);
 * styles from the extension, its nonce, and inline (graph renderers put
 * `style` attributes and `<style>` in their SVG); images from the extension
 * and `data:`. No network, no frames, no forms.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "form-action 'none'",
    "base-uri 'none'",
    "frame-src 'none'",
  ].join("; ");
}

export function graphHtml(p: PageParts): string {
  const body =
    p.svg !== undefined
      ? `<div id="graph">${p.svg}</div>`
      : `<p class="message">${escapeHtml(p.message ?? "")}</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(p.title)}</title>
<style nonce="${p.nonce}">
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); }
  /* The SVG draws with fixed light-theme colours: give it a light card in every theme. */
  #graph { display: inline-block; background: #ffffff; padding: 8px; border-radius: 4px; }
  #graph svg { max-width: 100%; height: auto; display: block; }
  [data-step] { cursor: pointer; }
  [data-step]:hover { opacity: 0.8; }
  .message { white-space: pre-wrap; }
</style>
</head>
<body>
${body}
<script nonce="${p.nonce}" src="${escapeHtml(p.scriptUri)}"></script>
</body>
</html>`;
}

/** A nonce of 32 characters from `random` (injected so tests are deterministic). */
export function makeNonce(random: () => number = Math.random): string {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let s = "";
  for (let i = 0; i < 32; i++) {
    s += chars.charAt(Math.floor(random() * chars.length));
  }
  return s;
}
