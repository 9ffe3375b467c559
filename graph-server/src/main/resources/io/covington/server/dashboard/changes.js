// The Changes view: what changed in the served graph, publication by publication (/v1/changes), and the Atom feed.

import { api, el, feedUrl, status } from './api.js';

const $ = (id) => document.getElementById(id);

export async function renderChanges(channels) {
  const select = $('changes-channel');
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '' }, 'every channel'), ...channels.map((c) => el('option', { value: c }, c)));
  select.value = channels.includes(chosen) ? chosen : '';
  await showChanges();
}

export async function showChanges() {
  const channel = $('changes-channel').value;
  $('changes-feed').setAttribute('href', feedUrl(channel));
  status(`Loading the changes of ${channel || 'every channel'}…`);
  const body = await api.changes(channel);
  const publications = [...body.publications].reverse();
  const parts = publications.map((p) => el('article', { class: 'publication', id: `publication-${p.sequence}` },
    el('h3', {}, `#${p.sequence} — ${p.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}`),
    el('p', { class: 'hint mono' }, `${p.baseRevision} → ${p.revision}`),
    el('ul', {}, ...p.changes.map((c) => el('li', { class: c.kind }, c.description)))));
  if (parts.length === 0) {
    parts.push(el('p', { id: 'changes-empty', class: 'hint' },
      'No change recorded yet: each reload that changes a channel is listed here (with git graph-data, also the last commits before the start).'));
  }
  for (const problem of body.problems) parts.push(el('p', { class: 'problem' }, problem));
  $('changes-list').replaceChildren(...parts);
  status(`${publications.length} publication${publications.length === 1 ? '' : 's'} with changes of ${channel || 'every channel'}.`);
}
