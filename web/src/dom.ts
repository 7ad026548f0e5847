/**
 * A tiny element builder instead of a framework. Attributes are set with setAttribute (never
 * innerHTML), so text from the API can't inject markup; "style" is refused because the
 * Content-Security-Policy forbids inline styles anyway.
 */
type Attr = string | number | boolean | undefined | null;
type Listener = (event: Event) => void;
export type Attrs = Record<string, Attr | Listener>;
export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === "function") {
      el.addEventListener(name.replace(/^on/, "").toLowerCase(), value);
    } else if (name === "style") {
      throw new Error("inline styles are not allowed (CSP); use a class");
    } else if (value === true) {
      el.setAttribute(name, "");
    } else if (value !== false && value !== undefined && value !== null) {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
}

/** Announces a short message to screen readers through the page's polite live region. */
export function announce(text: string): void {
  const region = document.getElementById("announcer");
  if (!region) return;
  region.textContent = "";
  // A fresh text node after a tick makes screen readers read the same message again.
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

/** Downloads bytes as a file, without a server round trip. */
export function download(bytes: Uint8Array | string, filename: string, type: string): void {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: filename, class: "visually-hidden" });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function param(name: string): string | undefined {
  return new URLSearchParams(location.search).get(name) ?? undefined;
}
