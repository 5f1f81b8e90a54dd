/** Small helpers to build DOM nodes without innerHTML (values from the API are never parsed as HTML). */

/**
 * Creates an element. `properties` are assigned (className, textContent, type…), except `dataset`,
 * `attributes` and `on`, which set data-* attributes, plain attributes and event listeners.
 */
export function element(tag, properties = {}, ...children) {
  const node = document.createElement(tag);
  const { dataset, attributes, on, ...rest } = properties;
  Object.assign(node, rest);
  Object.entries(dataset ?? {}).forEach(([key, value]) => { node.dataset[key] = value; });
  Object.entries(attributes ?? {}).forEach(([key, value]) => node.setAttribute(key, value));
  Object.entries(on ?? {}).forEach(([event, listener]) => node.addEventListener(event, listener));
  children.flat().filter((child) => child !== null && child !== undefined && child !== false)
    .forEach((child) => node.append(child instanceof Node ? child : String(child)));
  return node;
}

export function byId(id) {
  const node = document.getElementById(id);
  if (!node) {
    throw new Error(`the page has no #${id}`);
  }
  return node;
}

/** Shows `text` in `node`, or hides it when text is empty. */
export function showMessage(node, text, kind = 'info') {
  node.textContent = text ?? '';
  node.hidden = !text;
  node.classList.toggle('message-error', kind === 'error');
}

/** Runs `work` with `button` disabled, so that a form is not sent twice while the server answers. */
export async function whileDisabled(button, work) {
  button.disabled = true;
  try {
    return await work();
  } finally {
    button.disabled = false;
  }
}
