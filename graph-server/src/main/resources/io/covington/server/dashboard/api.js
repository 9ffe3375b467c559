// Covington's own APIs, and nothing else: every URL is relative to this page's origin.

let config = null;

/** The API prefixes the server was started with (--path-prefix, --coreos-path-prefix). */
export async function loadConfig() {
  config = await getJson('/dashboard/config.json');
  return config;
}

export async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new Error(`${url}: HTTP ${response.status}, not JSON`);
  }
  if (!response.ok) {
    const detail = body && body.value ? body.value : text;
    const error = new Error(`${response.status} ${body.kind || ''}: ${detail}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') {
      search.set(k, v);
    }
  }
  return search.toString();
}

const openshift = (path, params) => getJson(`${config.openshiftPrefix}${path}?${query(params)}`);
const coreos = (path, params) => getJson(`${config.coreosPrefix}${path}?${query(params)}`);

export const api = {
  channels: (arch) => openshift('/v1/channels', { arch }),
  graph: (channel, arch) => openshift('/v1/graph', { channel, arch }),
  blocked: (channel, arch) => openshift('/v1/blocked', { channel, arch }),
  signatures: (channel, arch) => openshift('/v1/signatures', { channel, arch }),
  path: (channel, arch, from, to, acceptRisks) =>
    openshift('/v1/path', { channel, arch, from, to, acceptRisks: acceptRisks.join(',') }),
  explain: (channel, arch, from, to) => openshift('/v1/explain', { channel, arch, from, to }),
  plan: (params) => openshift('/v1/plan', params),
  changes: (channel) => openshift('/v1/changes', { channel }),
  streams: () => coreos('/v1/streams', {}),
  // Wariness 0 sees every rollout, started or not: the view computes each one's progress itself.
  coreosGraph: (stream, basearch) => coreos('/v1/graph', { stream, basearch, rollout_wariness: 0 }),
};

/** The Atom feed of a channel's changes (every channel when empty), on this origin. */
export function feedUrl(channel) {
  return `${config.openshiftPrefix}/v1/changes.atom${channel ? `?${query({ channel })}` : ''}`;
}

/** Creates an element with attributes and children (strings become text, never HTML). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/**
 * The release metadata key that marks data Covington synthesized (the bundled OKD releases'
 * payload digests); real releases never carry it.
 */
export const SYNTHETIC_KEY = 'covington.io/synthetic';

/** A visible "synthetic" badge for data that is not real, saying what is not and why. */
export function syntheticBadge(what, detail) {
  return el('span', { class: 'badge synthetic', title: detail }, `synthetic ${what}`);
}

/** A link that opens in a new tab without telling the target where it came from. */
export function link(href, text) {
  if (!/^https?:\/\//.test(href)) return el('span', {}, text || href);
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text || href);
}

export function status(text) {
  document.getElementById('status').textContent = text;
}

export function showError(message) {
  const box = document.getElementById('error');
  box.textContent = message;
  box.hidden = !message;
}
