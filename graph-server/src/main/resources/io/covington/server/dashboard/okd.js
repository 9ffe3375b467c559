// The OKD view: releases coloured by machine OS, and the updates that move nodes from Fedora
// CoreOS to CentOS Stream CoreOS with their risks.

import { SYNTHETIC_KEY, el, link, syntheticBadge } from './api.js';
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
  const synthetic = model.nodes.filter((n) => n.metadata[SYNTHETIC_KEY]).length;
  box.replaceChildren(
    el('h2', {}, `Machine OS in ${model.channel}`),
    synthetic === 0 ? '' : el('p', { id: 'okd-synthetic', class: 'synthetic-note' },
      syntheticBadge('payloads', 'Synthesized by Covington for the bundled data.'),
      ` The payload digests of ${synthetic} of these ${model.nodes.length} releases are synthesized by Covington`
      + ' (bundled data): the versions and machine OS are real, the images are not.'),
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
