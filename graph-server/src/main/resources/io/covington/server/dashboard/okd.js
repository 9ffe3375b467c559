// The OKD view: releases coloured by machine OS, and the updates that move nodes from Fedora
// CoreOS to CentOS Stream CoreOS with their risks.

import { el, link } from './api.js';
import { isOsChange } from './graph.js';

export const OKD_CHANNEL = 'stable-scos-4';

/** Lists every update (served, conditional or removed) that changes the machine OS. */
export function renderOkdSummary(model) {
  const changes = [...model.edges, ...model.removals].filter((e) => isOsChange(e, model));
  const box = document.getElementById('okd-summary');
  const oses = new Map();
  model.nodes.forEach((n, i) => {
    const os = model.osOf(i) || 'not stated';
    oses.set(os, (oses.get(os) || 0) + 1);
  });
  box.replaceChildren(
    el('h2', {}, `Machine OS in ${model.channel}`),
    el('p', {}, [...oses].map(([os, count]) => `${os}: ${count} release${count === 1 ? '' : 's'}`).join(' · ')),
    el('h3', {}, `Updates that change the OS (${changes.length})`),
    changes.length === 0 ? el('p', { class: 'hint' }, 'None in this channel.') : el('ul', { id: 'okd-edges' },
      changes.map((e) => el('li', { class: e.kind },
        `${model.osOf(e.from)} ${model.version(e.from)} → ${model.osOf(e.to)} ${model.version(e.to)}: `,
        el('strong', {}, e.kind === 'blocked' ? 'not offered' : e.kind),
        e.kind === 'conditional' ? el('span', {}, ' — risk ', e.risks.map((r) => el('span', { class: 'risk-name' }, link(r.url, r.name)))) : '',
        e.kind === 'blocked' ? el('span', {}, ` — ${e.removal.source}${e.removal.message ? ': ' + e.removal.message : ''}`) : ''))),
  );
}
