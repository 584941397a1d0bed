// Small DOM builders: the explorer renders with plain elements, no framework.

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

/** An element with attributes (`on*` ones become listeners) and children; null, undefined and false are skipped. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') node.addEventListener(name.slice(2).toLowerCase(), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** A table with a caption (its accessible name) and a header row; cells may be elements. */
export function dataTable(caption: string, headers: string[], rows: Child[][]): HTMLTableElement {
  return el(
    'table',
    { class: 'data-table' },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map((row) => el('tr', {}, ...row.map((cell) => el('td', {}, cell))))),
  );
}

/** A chart and the table that is its text alternative, side by side. */
export function chartFigure(
  id: string,
  caption: string,
  chart: Element,
  table: HTMLTableElement,
): HTMLElement {
  return el(
    'figure',
    { class: 'chart', 'data-chart': id },
    el('figcaption', {}, caption),
    el('div', { class: 'chart-body' }, el('div', { class: 'chart-drawing' }, chart), table),
  );
}

/** "[[word]]" marks of a search snippet as <mark> elements. */
export function markedSnippet(snippet: string): HTMLElement {
  const span = el('span', { class: 'snippet' });
  snippet.split(/(\[\[.*?\]\])/).forEach((part) => {
    const marked = /^\[\[(.*)\]\]$/.exec(part);
    append(span, [marked ? el('mark', {}, marked[1]) : part]);
  });
  return span;
}

/** Replaces the content of the view and moves focus to its heading, so keyboard users land on it. */
export function showView(view: HTMLElement, title: string, ...children: (Child | Child[])[]): HTMLElement {
  view.replaceChildren();
  const heading = el('h1', { tabindex: '-1' }, title);
  append(view, [heading, ...children]);
  document.title = `${title} · lam-atlas explorer`;
  return heading;
}

export function errorBox(error: unknown): HTMLElement {
  return el('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error));
}

/** The query of the current hash route (#/view?x=1). */
export function routeParams(): URLSearchParams {
  const hash = location.hash.replace(/^#/, '');
  const query = hash.indexOf('?');
  return new URLSearchParams(query < 0 ? '' : hash.slice(query + 1));
}
