// The Plan view: a whole update across channels (/v1/plan), its steps, risks and oc commands with copy buttons.

import { api, el, status } from './api.js';

const $ = (id) => document.getElementById(id);

/** Copies {@code text}; the button says whether it worked, or selects the command to copy by hand. */
async function copy(button, text, code) {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
    button.dataset.copied = 'true';
  } catch (e) {
    const range = document.createRange();
    range.selectNodeContents(code);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    button.textContent = 'Selected: press Ctrl+C';
    button.dataset.copied = 'selected';
  }
}

function copyButton(label, text, code) {
  const button = el('button', { type: 'button', class: 'copy', 'aria-label': label }, 'Copy');
  button.addEventListener('click', () => copy(button, text, code));
  return button;
}

function stepRow(step, index) {
  const risks = step.risks.map((r) => r.name).join(', ');
  return el('tr', { class: step.kind },
    el('td', {}, String(index + 1)),
    el('td', { class: 'mono' }, step.channel),
    el('td', { class: 'mono' }, step.from),
    el('td', { class: 'mono' }, step.to),
    el('td', {}, step.kind),
    el('td', {}, risks || '—'),
    el('td', {}, step.workersFollow ? 'follow' : 'paused'));
}

function commands(plan) {
  const all = plan.commands.map((c) => c.command).join('\n');
  const allCode = el('code', {}, all);
  const items = plan.commands.map((c, i) => {
    const code = el('code', {}, c.command);
    return el('li', {},
      el('p', { class: 'purpose' }, c.purpose),
      el('div', { class: 'command' }, el('pre', {}, code), copyButton(`Copy command ${i + 1}`, c.command, code)));
  });
  return [
    el('h3', {}, 'Commands ', copyButton('Copy every command', all, allCode)),
    el('ol', { id: 'plan-commands' }, ...items),
  ];
}

export function renderPlan(plan) {
  const parts = [];
  const target = plan.requested && plan.requested !== plan.to ? `${plan.to} (newest ${plan.requested})` : plan.to;
  const verdict = plan.reachable
    ? `${plan.from} → ${target}: ${plan.updateCount} update${plan.updateCount === 1 ? '' : 's'}`
      + (plan.conditionalCount ? `, ${plan.conditionalCount} conditional` : '')
    : `${plan.from} → ${target}: not reachable with the accepted risks`;
  parts.push(el('p', { id: 'plan-verdict', class: `verdict ${plan.reachable ? 'ok' : 'no'}` }, verdict));
  parts.push(el('p', { class: 'hint' }, `Channels: ${plan.channels.join(', ')}; route: ${plan.route}; `
    + `worker pools run ${plan.workerVersions.join(' → ')}.`));
  if (plan.newerWithoutRisk) {
    parts.push(el('p', { id: 'plan-newer', class: 'verdict ok' }, `Note: ${plan.newerWithoutRisk.description}.`));
  }
  if (plan.steps.length) {
    parts.push(el('table', { id: 'plan-steps' },
      el('thead', {}, el('tr', {}, ...['#', 'Channel', 'From', 'To', 'Kind', 'Risks', 'Workers'].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...plan.steps.map(stepRow))));
    parts.push(...commands(plan));
  }
  if (plan.cut) {
    const risks = plan.cut.smallestRiskSet.map((r) => r.name).join(', ');
    parts.push(el('p', { id: 'plan-cut' }, plan.cut.risksCanOpen
      ? `Accepting ${risks} opens a plan${plan.cut.provenMinimal ? ' (the smallest such set)' : ''}.`
      : 'No set of risks opens a plan: the target cannot be reached in these channels.'));
  }
  $('plan-result').replaceChildren(...parts);
}

export async function planUpdate(arch) {
  const from = $('plan-from').value.trim();
  status(`Planning ${from} → ${$('plan-to').value.trim() || 'the newest'}…`);
  const plan = await api.plan({
    arch, from, to: $('plan-to').value.trim(), channels: $('plan-channels').value,
    route: $('plan-route').value, acceptRisks: $('plan-risks').value.trim(),
  });
  renderPlan(plan);
  status(`Plan on ${arch}: ${plan.reachable ? `${plan.updateCount} updates` : 'not reachable'}.`);
}
