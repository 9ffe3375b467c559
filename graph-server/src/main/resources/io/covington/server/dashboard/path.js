// The path finder: the safest shortest way between two releases, or why there is none.

import { api, el, link, status } from './api.js';

/** Fills the accepted-risk checkboxes with the risk names of the channel's conditional updates. */
export function renderRisks(model) {
  const box = document.getElementById('risks');
  const names = [...model.riskNames].sort();
  box.replaceChildren(el('legend', {}, 'Accepted risks'),
    names.length === 0 ? el('p', { class: 'hint' }, 'No conditional updates in this channel.') : '',
    ...names.map((name) => el('label', {}, el('input', { type: 'checkbox', name: 'risk', value: name }), ` ${name}`)));
}

function acceptedRisks() {
  return [...document.querySelectorAll('#risks input[name=risk]:checked')].map((i) => i.value);
}

const riskList = (risks) => risks.map((r) => el('span', { class: 'risk-name' }, link(r.url, r.name)));

/** Runs the query in the form and shows the answer beside the graph and on it. */
export async function findPath(state) {
  const from = document.getElementById('from').value.trim();
  const to = document.getElementById('to').value.trim();
  const out = document.getElementById('path-result');
  if (!from) {
    out.replaceChildren(el('p', { class: 'problem' }, 'Enter the version to update from.'));
    return;
  }
  out.replaceChildren(el('p', { class: 'hint' }, 'Planning…'));
  state.select(null);
  state.graph.markLatest(null);
  const accepted = acceptedRisks();
  let plan;
  try {
    plan = await api.path(state.channel, state.arch, from, to, accepted);
  } catch (e) {
    out.replaceChildren(el('p', { class: 'problem' }, e.message));
    state.graph.showPath([]);
    state.graph.showCut([]);
    return;
  }
  state.graph.showPath(plan.hops);
  // An unreachable target: the updates that cut the way are drawn, not only listed.
  state.graph.showCut(plan.cut ? plan.cut.edges : []);
  const parts = [];
  if (plan.reachable) {
    parts.push(el('p', { class: 'verdict ok', id: 'path-verdict' },
      plan.hopCount === 0 ? `${plan.from} is already the newest reachable release.`
        : `${plan.from} → ${plan.to}: ${plan.hopCount} update${plan.hopCount === 1 ? '' : 's'}`
          + (accepted.length ? ` (accepting ${accepted.join(', ')})` : '')));
    parts.push(el('ol', { id: 'hops' }, plan.hops.map((h) => el('li', { class: h.kind },
      `${h.from} → ${h.to} `, el('span', { class: 'kind' }, h.kind),
      h.risks.length ? el('span', {}, ' risks: ', riskList(h.risks)) : ''))));
  } else {
    parts.push(el('p', { class: 'verdict no', id: 'path-verdict' }, `${plan.to} is not reachable from ${plan.from}`
      + (accepted.length ? ` accepting ${accepted.join(', ')}.` : ' without accepting risks.')));
    if (plan.cut) parts.push(renderCut(plan.cut));
  }
  out.replaceChildren(...parts);
  status(`Path ${plan.from} → ${plan.to}: ${plan.reachable ? plan.hopCount + ' hop(s)' : 'unreachable'}.`);
  const direct = plan.reachable && plan.hopCount === 1 && plan.hops[0].kind === 'unconditional';
  if (to && !direct) out.append(await renderExplanation(state, from, to));
}

function renderCut(cut) {
  return el('div', { class: 'cut', id: 'cut' },
    el('h3', {}, 'Why: the updates that would connect them'),
    el('p', {}, `${cut.totalEdges} update${cut.totalEdges === 1 ? '' : 's'} cross the cut. `,
      cut.risksCanOpen
        ? el('span', {}, 'Accepting these risks would open a path: ', riskList(cut.smallestRiskSet),
          cut.provenMinimal ? ' (the smallest set)' : ' (small, not proven the smallest)')
        : 'No set of risks opens a path: every crossing update is removed.'),
    el('ul', {}, cut.edges.slice(0, 8).map((e) => el('li', {}, `${e.from} → ${e.to}: `,
      e.reasons.map((r) => r.description).join('; ')))),
    cut.edges.length > 8 ? el('p', { class: 'hint' }, `…and ${cut.edges.length - 8} more.`) : '');
}

async function renderExplanation(state, from, to) {
  try {
    const e = await api.explain(state.channel, state.arch, from, to);
    return el('div', { class: 'explain', id: 'explain' },
      el('h3', {}, `The direct update ${from} → ${to}: ${e.offered.replaceAll('_', ' ')}`),
      el('ul', {}, e.reasons.map((r) => el('li', {}, r.description, r.message ? ` — ${r.message}` : '',
        r.risk ? el('span', {}, ' ', link(r.risk.url, '(risk)')) : ''))));
  } catch (err) {
    return el('p', { class: 'problem' }, `Explanation unavailable: ${err.message}`);
  }
}
