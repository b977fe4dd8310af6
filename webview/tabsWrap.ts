/**
 * The tab headers wrap onto a second line in a narrow side bar instead of running off its
 * edge (vscode-tabs lays them out in one row inside its shadow root, with no part to style).
 * A constructed style sheet is not inline style, so the webview's CSP allows it.
 */
export function wrapTabHeaders(tabs: HTMLElement): void {
  const root = tabs.shadowRoot;
  if (!root || typeof CSSStyleSheet === 'undefined') return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('.tablist { flex-wrap: wrap; row-gap: 2px; } .header { align-items: flex-end; }');
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
