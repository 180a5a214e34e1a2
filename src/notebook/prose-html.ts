import { CELLS, type Part, type ProseCell } from './cells.ts';

/**
 * The notebook's static skeleton as HTML, made at build time (vite.config.ts): prose with its math
 * already typeset, and an empty slot for every code and live cell, which the page fills. The first
 * paint then shows every equation without waiting for any JavaScript. Everything here is our own
 * text, escaped; nothing comes from a URL.
 */
export type TexToHtml = (tex: string, display: boolean) => string;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function mathHtml(tex: string, display: boolean, render: TexToHtml): string {
  const tag = display ? 'div' : 'span';
  const cls = display ? 'math display rendered' : 'math rendered';
  return `<${tag} class="${cls}" data-tex="${escapeHtml(tex)}">${render(tex, display)}</${tag}>`;
}

function partHtml(p: Part, render: TexToHtml): string {
  if (typeof p === 'string') return escapeHtml(p);
  if ('tex' in p) return mathHtml(p.tex, false, render);
  if ('code' in p) return `<code>${escapeHtml(p.code)}</code>`;
  const words = (parts: Part[]): string => parts.map((q) => partHtml(q, render)).join('');
  return `<span class="for-post-data">${words(p.post)}</span><span class="for-own-data">${words(p.own)}</span>`;
}

function proseHtml(cell: ProseCell, index: number, render: TexToHtml): string {
  const parts = [`<section class="cell prose" data-cell="${index}">`];
  if (cell.heading) parts.push(`<h2>${escapeHtml(cell.heading)}</h2>`);
  for (const para of cell.paragraphs) parts.push(`<p>${para.map((p) => partHtml(p, render)).join('')}</p>`);
  if (cell.equations) {
    parts.push(`<div class="equations">${cell.equations.map((t) => mathHtml(t, true, render)).join('')}</div>`);
  }
  parts.push('</section>');
  return parts.join('');
}

export function notebookSkeleton(render: TexToHtml): string {
  return CELLS.map((cell, i) =>
    cell.kind === 'prose' ? proseHtml(cell, i, render) : `<section class="cell-slot" data-cell="${i}"></section>`,
  ).join('\n');
}
