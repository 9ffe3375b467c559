// The CoreOS streams view: per stream and architecture, the releases with barriers, dead-ends and
// rollouts, and each rollout's progress now.

import { api, el, link, status, syntheticBadge } from './api.js';

const KEY = 'org.fedoraproject.coreos.';
const STREAM_ORDER = ['stable', 'testing', 'next'];
const ARCHES = ['x86_64', 'aarch64'];

/**
 * A rollout's throttling at {@code nowSeconds}, as the server computes it per request (protocols §3):
 * 0 before the start; with a duration, rising linearly from start_value to 1 over it; without one,
 * start_value once started.
 */
export function throttling(meta, nowSeconds) {
  const start = Number(meta[KEY + 'updates.start_epoch'] || 0);
  const startValue = Number(meta[KEY + 'updates.start_value'] || 0);
  const durationText = meta[KEY + 'updates.duration_minutes'];
  if (nowSeconds < start) return { value: 0, start, end: null, started: false };
  if (durationText === undefined) return { value: startValue, start, end: null, started: true };
  const seconds = Math.max(1, Number(durationText)) * 60;
  const end = start + seconds;
  const value = nowSeconds >= end ? 1 : startValue + (1 - startValue) * (nowSeconds - start) / seconds;
  return { value, start, end, started: true };
}

const date = (seconds) => new Date(seconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

function reasonCell(meta, kind) {
  if (meta[KEY + `updates.${kind}`] !== 'true') return el('td', {}, '');
  const reason = meta[KEY + `updates.${kind}_reason`] || 'generic';
  return el('td', { class: kind }, el('strong', {}, kind === 'deadend' ? 'dead-end' : 'barrier'), ' ',
    /^https?:/.test(reason) ? link(reason, 'reason') : reason);
}

function rolloutCell(meta, now) {
  if (meta[KEY + 'updates.rollout'] !== 'true') return el('td', {}, '');
  const t = throttling(meta, now);
  const percent = (t.value * 100).toFixed(1);
  const when = !t.started ? `starts ${date(t.start)}`
    : t.end === null ? 'no duration: stays at its start value'
      : t.value >= 1 ? `completed ${date(t.end)}` : `completes ${date(t.end)}`;
  return el('td', { class: 'rollout' },
    el('progress', { max: '1', value: String(t.value), 'aria-label': `rollout at ${percent}%` }),
    ` ${percent}% — ${when}`);
}

async function section(stream, basearch, now, synthetic) {
  const body = el('tbody');
  const box = el('section', { class: 'stream', id: `stream-${stream}-${basearch}` },
    el('h3', {}, `${stream} · ${basearch}`, synthetic ? syntheticBadge('checksums',
      `Synthesized by Covington for the bundled data: ${synthetic}. The versions, barriers, dead-ends and rollouts are real.`) : ''),
    synthetic ? el('p', { class: 'synthetic-note' }, `Not real: ${synthetic} are synthesized by Covington (bundled data).`) : '');
  try {
    const graph = await api.coreosGraph(stream, basearch);
    const inbound = graph.nodes.map(() => 0);
    for (const [, to] of graph.edges) inbound[to] += 1;
    const rows = graph.nodes.map((n, i) => ({ n, i })).reverse();
    for (const { n, i } of rows) {
      const m = n.metadata;
      const flagged = ['barrier', 'deadend', 'rollout'].some((k) => m[KEY + `updates.${k}`] === 'true');
      body.append(el('tr', { class: flagged ? 'flagged' : '' },
        el('td', { class: 'mono' }, n.version), el('td', {}, m[KEY + 'releases.age_index']),
        reasonCell(m, 'barrier'), reasonCell(m, 'deadend'), rolloutCell(m, now), el('td', {}, String(inbound[i]))));
    }
    box.append(el('p', { class: 'hint' }, `${graph.nodes.length} releases, ${graph.edges.length} updates (every rollout shown, as at wariness 0).`),
      el('table', {}, el('thead', {}, el('tr', {}, ['Release', 'Age', 'Barrier', 'Dead-end', 'Rollout now', 'Updates into'].map((h) => el('th', { scope: 'col' }, h)))), body));
  } catch (e) {
    box.append(el('p', { class: 'hint' }, `Not served: ${e.message}`));
  }
  return box;
}

export async function renderStreams() {
  const target = document.getElementById('streams');
  target.replaceChildren(el('p', { class: 'hint' }, 'Loading the streams…'));
  const { streams } = await api.streams();
  const names = streams.map((s) => s.name)
    .sort((a, b) => (STREAM_ORDER.indexOf(a) + 1 || 99) - (STREAM_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
  const now = Date.now() / 1000;
  const sections = [];
  for (const name of names) {
    const { basearches, synthetic } = streams.find((s) => s.name === name);
    const arches = ARCHES.filter((a) => basearches.includes(a));
    for (const arch of arches) sections.push(section(name, arch, now, synthetic));
  }
  target.replaceChildren(el('p', {}, `Progress computed at ${date(now)} from each rollout's start, start value and duration.`),
    ...(await Promise.all(sections)));
  status(`${names.length} CoreOS streams.`);
}
