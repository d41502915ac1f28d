// @ts-check
/**
 * Small DOM helpers. Text always goes in as text nodes: the only HTML the page ever inserts is sanitized Markdown
 * (markdown.js).
 * @module
 */

/**
 * @typedef {{ class?: string, text?: string, attrs?: Record<string, string>, on?: Record<string, EventListener> }} Props
 */

/**
 * Creates an element with a class, text, attributes, listeners and children (strings become text nodes).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props} [props]
 * @param {Array<Node | string | null | undefined | false>} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.text !== undefined) element.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  for (const [name, listener] of Object.entries(props.on ?? {})) element.addEventListener(name, listener);
  for (const child of children) if (child) element.append(child);
  return element;
}

/**
 * Replaces the children of `element`.
 * @param {Element} element
 * @param {Array<Node | string | null | undefined | false>} children
 */
export function replaceChildren(element, ...children) {
  element.replaceChildren(...children.filter((child) => child !== null && child !== undefined && child !== false));
}

/**
 * A number of milliseconds as seconds, `1.2 s`.
 * @param {number | undefined} ms
 */
export function seconds(ms) {
  return ms === undefined ? "" : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * An element id safe for any member name.
 * @param {string} text
 */
export function idPart(text) {
  return Array.from(text, (character) =>
    /[A-Za-z0-9_-]/.test(character) ? character : `_${character.codePointAt(0)}`,
  ).join("");
}
