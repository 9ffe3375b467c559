// Wires the views together: tabs, channel and architecture selectors, the graph and the panels.

import { api, el, loadConfig, showError, status } from './api.js';
import { BULK_EDGES, ChannelModel, GraphView, legend } from './graph.js';
import { describeEdge, findVersions, renderDetails, renderEdgeDetails, searchStatus } from './channel.js';
import { findPath, renderRisks } from './path.js';
import { renderStreams } from './streams.js';
import { planUpdate } from './plan.js';
import { renderChanges, showChanges } from './changes.js';
import { OKD_CHANNEL, renderOkdSummary } from './okd.js';

const $ = (id) => document.getElementById(id);

const state = {
  view: 'channel',
  channel: '',
  arch: 'amd64',
  channelBeforeOkd: null,
  model: null,
  focus: null,
  graph: null,
  streamsShown: false,
  started: false,
  select(index) {
    state.focus = index;
    state.graph.select(index);
    if (index !== null) renderDetails(state, index);
  },
};

window.addEventListener('error', (e) => showError(`Unexpected error: ${e.message}`));
window.addEventListener('unhandledrejection', (e) => showError(`Unexpected error: ${e.reason && e.reason.message ? e.reason.message : e.reason}`));

async function start() {
  await loadConfig();
  state.graph = new GraphView($('graph'), {
    onSelectNode: (i) => state.select(i),
    onSelectEdge: (e) => renderEdgeDetails(state.model, e),
    onHover: (e) => {
      $('hover-info').textContent = e ? hoverText(e) : '';
    },
  });
  $('arch').addEventListener('change', () => guarded(loadChannels));
  $('channel').addEventListener('change', () => guarded(() => loadChannel($('channel').value)));
  $('search-form').addEventListener('submit', (evt) => {
    evt.preventDefault();
    search();
  });
  $('show-all-edges').addEventListener('change', () => state.graph.setMode({ all: $('show-all-edges').checked }));
  $('show-blocked').addEventListener('change', () => state.graph.setMode({ blocked: $('show-blocked').checked }));
  $('path-form').addEventListener('submit', (evt) => {
    evt.preventDefault();
    guarded(() => findPath(state));
  });
  $('plan-form').addEventListener('submit', (evt) => {
    evt.preventDefault();
    guarded(() => planUpdate(state.arch));
  });
  $('changes-channel').addEventListener('change', () => guarded(showChanges));
  for (const tab of document.querySelectorAll('[role=tab]')) {
    tab.addEventListener('click', () => guarded(() => showView(tab.dataset.view)));
  }
  await loadArchitectures();
  await loadChannels(linkedChannel());
  // A view can be linked to (/#path, /#plan, /#changes, /#streams, /#okd), also by changing the hash in the same tab.
  window.addEventListener('hashchange', () => guarded(showLinkedView));
  await showLinkedView();
  state.started = true;
}

const VIEWS = ['channel', 'path', 'plan', 'changes', 'streams', 'okd'];
const ARCHES = ['amd64', 'arm64', 'multi', 'ppc64le', 's390x'];

/** The channel a {@code #channel=NAME} link names; empty otherwise. */
function linkedChannel() {
  const hash = location.hash.slice(1);
  return hash.startsWith('channel=') ? decodeURIComponent(hash.slice('channel='.length)) : '';
}

async function showLinkedView() {
  const channel = linkedChannel();
  if (channel) {
    if (state.view !== 'channel') await showView('channel');
    if (channel !== state.channel) {
      if (![...$('channel').options].some((o) => o.value === channel)) throw new Error(`No channel ${channel} on ${state.arch}.`);
      await loadChannel(channel);
    }
    return;
  }
  const linked = location.hash.slice(1) || 'channel';
  if (VIEWS.includes(linked) && linked !== state.view) await showView(linked);
}

/** Offers only the architectures that have releases, so that choosing one never shows an empty graph. */
async function loadArchitectures() {
  const served = [];
  for (const arch of ARCHES) {
    const { channels } = await api.channels(arch);
    if (channels.some((c) => c.releases > 0)) served.push(arch);
  }
  const select = $('arch');
  select.replaceChildren(...(served.length ? served : ['amd64']).map((a) => el('option', { value: a }, a)));
  select.value = served.includes(state.arch) ? state.arch : select.options[0].value;
}

/** A channel's family (stable, fast, eus, candidate, …) and version, for grouping and sorting the list. */
function channelKey(name) {
  const m = /^(.*?)-?(\d+(?:\.\d+)*)$/.exec(name);
  if (!m) return { family: name, version: [] };
  return { family: m[1] || name, version: m[2].split('.').map(Number) };
}

const FAMILY_ORDER = ['stable', 'fast', 'eus', 'candidate'];

function compareChannels(a, b) {
  const x = channelKey(a.name);
  const y = channelKey(b.name);
  for (let i = 0; i < Math.max(x.version.length, y.version.length); i++) {
    const d = (x.version[i] ?? -1) - (y.version[i] ?? -1);
    if (d !== 0) return d;
  }
  return a.name.localeCompare(b.name);
}

/** The channel list: one group per family (stable, fast, eus, candidate first), each by version, oldest first. */
function channelOptions(served) {
  const families = new Map();
  for (const c of served) {
    const { family } = channelKey(c.name);
    if (!families.has(family)) families.set(family, []);
    families.get(family).push(c);
  }
  const rank = (f) => (FAMILY_ORDER.includes(f) ? FAMILY_ORDER.indexOf(f) : FAMILY_ORDER.length);
  return [...families.keys()]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((family) => el('optgroup', { label: family },
      ...families.get(family).sort(compareChannels).map((c) => el('option', { value: c.name }, `${c.name} (${c.releases})`))));
}

function hoverText(e) {
  const d = describeEdge(state.model, e);
  return [d.title, ...d.lines.map(([text]) => text.split(':')[0])].join(' — ');
}

async function guarded(action) {
  try {
    showError('');
    await action();
  } catch (e) {
    showError(e.message);
    status('Failed.');
  }
}

async function loadChannels(linked = '') {
  state.arch = $('arch').value;
  const { channels } = await api.channels(state.arch);
  const served = channels.filter((c) => c.releases > 0);
  const select = $('channel');
  select.replaceChildren(...channelOptions(served));
  if (served.length === 0) {
    throw new Error(`No channel has releases on ${state.arch}.`);
  }
  const preferred = [linked, state.channel, 'stable-4.16'].find((name) => served.some((c) => c.name === name)) || served[0].name;
  await loadChannel(preferred);
}

async function loadChannel(name) {
  $('channel').value = name;
  state.channel = name;
  state.focus = null;
  status(`Loading ${name}…`);
  const [graph, blocked] = await Promise.all([api.graph(name, state.arch), api.blocked(name, state.arch)]);
  graph.channel = name;
  const model = new ChannelModel(graph, blocked);
  if (model.nodes.length === 0) {
    throw new Error(`${name} has no releases on ${state.arch}.`);
  }
  state.model = model;
  state.graph.colourByOs = state.view === 'okd' || model.nodes.some((n, i) => model.osOf(i) && model.osOf(i) !== 'rhcos');
  const small = model.edges.length <= BULK_EDGES;
  $('show-all-edges').checked = small;
  $('show-blocked').checked = state.view === 'okd';
  state.graph.mode = { all: small, blocked: state.view === 'okd' };
  state.graph.show(model, `${name}/${state.arch}`);
  $('versions').replaceChildren(...[...model.nodes].reverse().map((n) => el('option', { value: n.version })));
  renderRisks(model);
  renderOkdSummary(model);
  $('legend').replaceChildren(legend([
    ['unconditional', 'update'], ['conditional', 'conditional update (risk; hover or click)'],
    ['blocked', 'removed by graph-data (on request)'], ['selected', 'selected release'],
    ['latest', 'newest reachable from it'], ['newest', 'newest in this channel'], ['path', 'path'],
    ['cut', 'update that cuts the way to an unreachable target'],
    ...(state.graph.colourByOs ? [['os-fcos', 'Fedora CoreOS (fcos)'], ['os-scos', 'CentOS Stream CoreOS (scos)']] : []),
  ]));
  $('details').replaceChildren(el('p', { class: 'hint' }, 'Click a release, or find one, to see its details.'));
  $('search').value = '';
  // The channel view's address names its channel, so that it can be linked to.
  if (state.started && state.view === 'channel') history.replaceState(null, '', `#channel=${encodeURIComponent(name)}`);
  $('path-result').replaceChildren();
  const conditional = model.edges.filter((e) => e.kind === 'conditional').length;
  status(`${name} on ${state.arch}: ${model.nodes.length} releases, ${model.edges.length} updates `
    + `(${conditional} conditional), ${model.removals.length} removed by graph-data.`
    + (small ? '' : ' Click a release to draw its updates.'));
}

function search() {
  const text = $('search').value;
  const hits = findVersions(state.model, text);
  state.graph.markFound(hits);
  searchStatus(state.model, hits, text);
  if (hits.length) state.select(hits[0]);
}

async function showView(view) {
  const previous = state.view;
  state.view = view;
  // replaceState fires no hashchange, so showing a view never loops back here.
  history.replaceState(null, '', view === 'channel' ? `#channel=${encodeURIComponent(state.channel)}` : `#${view}`);
  // A search's highlights belong to the view it was made in.
  state.graph.markFound([]);
  $('search').value = '';
  for (const tab of document.querySelectorAll('[role=tab]')) {
    tab.setAttribute('aria-selected', String(tab.dataset.view === view));
  }
  for (const panel of document.querySelectorAll('[data-panel]')) panel.hidden = panel.dataset.panel !== view;
  const page = ['streams', 'plan', 'changes'].includes(view);
  $('graph-views').hidden = page;
  $('streams-view').hidden = view !== 'streams';
  $('plan-view').hidden = view !== 'plan';
  $('changes-view').hidden = view !== 'changes';
  if (view === 'streams') {
    await renderStreams();
    return;
  }
  if (view === 'plan') {
    status('Plan a whole update across channels.');
    return;
  }
  if (view === 'changes') {
    await renderChanges([...$('channel').options].map((o) => o.value));
    return;
  }
  if (view === 'okd') {
    if (previous !== 'okd') state.channelBeforeOkd = state.channel;
    const okd = [...$('channel').options].some((o) => o.value === OKD_CHANNEL) ? OKD_CHANNEL : state.channel;
    await loadChannel(okd);
  } else if (previous === 'okd' && state.channelBeforeOkd) {
    const back = state.channelBeforeOkd;
    state.channelBeforeOkd = null;
    await loadChannel(back);
  }
  if (state.focus === null) state.graph.fit();
}

guarded(start);
