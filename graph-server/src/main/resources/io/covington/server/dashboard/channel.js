// The channel view: find a release, show its details, its updates and the newest release it can reach.

import { SYNTHETIC_KEY, api, el, link, status, syntheticBadge } from './api.js';
import { OS_KEY_ID, OS_KEY_VERSION } from './graph.js';

const CHANNELS_KEY = 'io.openshift.upgrades.graph.release.channels';

/** The indices of releases whose version contains the text; an exact match comes first. */
export function findVersions(model, text) {
  const needle = text.trim();
  if (!needle) return [];
  const exact = model.index.get(needle);
  const hits = [];
  model.nodes.forEach((n, i) => {
    if (i !== exact && n.version.includes(needle)) hits.push(i);
  });
  return exact === undefined ? hits : [exact, ...hits];
}

/** Renders the details of release {@code index} into the details panel. */
export function renderDetails(state, index) {
  const { model } = state;
  const node = model.nodes[index];
  const box = document.getElementById('details');
  const releaseButton = (i, extra) =>
    el('button', { type: 'button', class: 'release', 'data-version': model.version(i), onclick: () => state.select(i) },
      model.version(i), extra ? ` ${extra}` : '');
  const updateList = (edges, end) =>
    edges.length === 0
      ? el('p', { class: 'hint' }, 'none')
      : el('ul', { class: 'updates' }, [...edges]
        .sort((a, b) => b[end] - a[end])
        .map((e) => el('li', { class: e.kind }, releaseButton(e[end]),
          e.kind === 'conditional' ? el('span', { class: 'risk' }, ` risk: ${e.risks.map((r) => r.name).join(', ')}`) : '')));
  const os = node.metadata[OS_KEY_ID];
  const channels = (node.metadata[CHANNELS_KEY] || '').split(',').filter(Boolean);
  box.replaceChildren(
    el('h2', { id: 'details-version' }, node.version),
    el('dl', {},
      el('dt', {}, 'Payload'), el('dd', { class: 'mono', id: 'details-payload' }, node.payload || '(abstract release)',
        node.metadata[SYNTHETIC_KEY] ? syntheticBadge(node.metadata[SYNTHETIC_KEY],
          'Synthesized by Covington for the bundled data: not a real release image; the version is real.') : '',
        el('span', { id: 'details-signature' })),
      el('dt', {}, 'Errata'), el('dd', {}, node.metadata.url ? link(node.metadata.url) : '—'),
      el('dt', {}, 'Downloads'), el('dd', { id: 'details-downloads' }, downloads(node)),
      el('dt', {}, 'Machine OS'), el('dd', { id: 'details-os' },
        os ? `${os} ${node.metadata[OS_KEY_VERSION] || ''}`.trim() : 'not stated'),
      el('dt', {}, 'Channels'), el('dd', {}, channels.length ? channels.join(', ') : '—'),
      el('dt', {}, 'Latest upgradeable'), el('dd', { id: 'details-latest' }, 'looking…')),
    el('h3', {}, `Updates to (${model.out[index].length})`), updateList(model.out[index], 'to'),
    el('h3', {}, `Updates from (${model.in[index].length})`), updateList(model.in[index], 'from'),
  );
  markLatest(state, index);
  markSignature(state, index);
}

const SIGNATURE_BADGES = {
  verified: ['signature verified', 'A signature of this payload verifies with the server\'s release keyring: a cluster'
    + ' trusting those keys can install it.'],
  unverified: ['signature not checked', 'Signatures are served for this payload, but the server has no release keyring'
    + ' to check them.'],
  refused: ['signature refused', 'Every signature of this payload failed verification and none is served: a cluster'
    + ' cannot install it from this mirror (see /status on the status port).'],
  none: ['no signature', 'No signature of this payload is served: a disconnected cluster cannot verify it.'],
};

/**
 * Badges the payload with whether a verified signature is served ({@code /v1/signatures}, asked once
 * per channel view); nothing when the server serves no signatures and checks none.
 */
async function markSignature(state, index) {
  const { model } = state;
  const target = document.getElementById('details-signature');
  try {
    model.signatures = model.signatures || api.signatures(state.channel, state.arch);
    const answer = await model.signatures;
    if (state.model !== model || state.focus !== index) return;
    const release = answer.releases.find((r) => r.version === model.version(index));
    const anySigned = answer.releases.some((r) => r.signature !== 'none');
    if (!release || (!answer.verifying && !anySigned)) return;
    const [text, help] = SIGNATURE_BADGES[release.signature];
    const detail = release.signers.length ? `${help} Signed by: ${release.signers.join('; ')}.` : help;
    target.replaceChildren(el('span', { class: `badge signature ${release.signature}`, title: detail,
      'data-signature': release.signature }, text));
  } catch (e) {
    target.replaceChildren();
  }
}

/**
 * Where the release's oc client and installer are published: the OpenShift mirror's directory of
 * the version, or the OKD project's release page.
 */
function downloads(node) {
  if (!node.payload) return '—';
  if (node.version.includes('okd')) {
    return link(`https://github.com/okd-project/okd/releases/tag/${encodeURIComponent(node.version)}`, 'oc and openshift-install (OKD release)');
  }
  const dir = `https://mirror.openshift.com/pub/openshift-v4/clients/ocp/${encodeURIComponent(node.version)}/`;
  return el('span', {}, link(`${dir}openshift-client-linux.tar.gz`, 'oc (Linux)'), ', ',
    link(`${dir}openshift-install-linux.tar.gz`, 'installer (Linux)'), ', ', link(dir, 'all platforms'));
}

/** Asks the path API for the newest release reachable from {@code index} without accepting risks. */
async function markLatest(state, index) {
  const { model } = state;
  const target = document.getElementById('details-latest');
  try {
    const plan = await api.path(state.channel, state.arch, model.version(index), '', []);
    if (state.model !== model || state.focus !== index) return;
    const latest = model.index.get(plan.to);
    state.graph.markLatest(latest === index ? null : latest);
    target.replaceChildren(plan.to === model.version(index)
      ? 'this release (nothing newer is reachable without accepting risks)'
      : el('span', {}, el('button', { type: 'button', class: 'release', onclick: () => state.select(latest) }, plan.to),
        ` in ${plan.hopCount} update${plan.hopCount === 1 ? '' : 's'}`));
  } catch (e) {
    target.textContent = `unknown (${e.message})`;
  }
}

/** What a hovered or clicked update is: its kind, risks or why it was removed. */
export function describeEdge(model, e) {
  const pair = `${model.version(e.from)} → ${model.version(e.to)}`;
  if (e.kind === 'conditional') {
    return { title: `${pair}: conditional`, lines: e.risks.map((r) => [`${r.name}: ${r.message}`, r.url]) };
  }
  if (e.kind === 'cut') {
    return { title: `${pair}: cuts the way`, lines: e.reasons.map((r) => [r.description, r.risk ? r.risk.url : null]) };
  }
  if (e.kind === 'blocked') {
    const r = e.removal;
    return { title: `${pair}: removed (${r.reason})`, lines: [[`${r.source}${r.message ? ': ' + r.message : ''}`, null]] };
  }
  return { title: `${pair}: unconditional update`, lines: [] };
}

export function renderEdgeDetails(model, e) {
  const d = describeEdge(model, e);
  document.getElementById('details').replaceChildren(
    el('h2', {}, d.title),
    el('ul', {}, d.lines.map(([text, url]) => el('li', {}, text, url ? el('span', {}, ' ', link(url, '(details)')) : ''))),
  );
}

export function searchStatus(model, hits, text) {
  if (!text.trim()) return;
  status(hits.length === 0 ? `No release of ${model.channel} matches “${text}”.`
    : `${hits.length} release${hits.length === 1 ? '' : 's'} match “${text}”; showing ${model.version(hits[0])}.`);
}
