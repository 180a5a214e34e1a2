import type { ControllerState, RunController } from '../controller/controller';
import {
  describeProblem,
  MIN_POINTS,
  ownData,
  readCell,
  readPointsAsync,
  withoutPoint,
  withPoint,
  type OwnData,
} from '../core/own-data';
import { h, setText } from '../notebook/dom';

/** The performance mark at the end of reading a CSV, before its points start a run. */
export const POINTS_READ = 'simplest-nn:points-read';

/** Rows the table shows: a keyboard edits these; larger sets are edited as a CSV. */
export const TABLE_ROWS = 100;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The points of a state as own data: the reader's, or the post's generated ones (as float32 values). */
export function pointsOf(state: ControllerState): OwnData {
  return state.params.data ?? ownData(state.run.data.x0, state.run.data.y);
}

/** The prose says whose points these are (`DataPart` in cells.ts): the post's generated x, or the reader's. */
export function markWhosePoints(notebook: HTMLElement): (s: ControllerState) => void {
  return (s) => {
    const points = s.params.data ? 'own' : 'post';
    if (notebook.dataset.points !== points) notebook.dataset.points = points;
  };
}

export interface OwnDataView {
  render: (s: ControllerState) => void;
  /** Say why an edit was refused, in the cell's notice. */
  refuse: (reason: string) => void;
  /** New points from the page: set them, or say why not. */
  use: (d: OwnData | null) => void;
}

/**
 * "Your own data": paste or upload a CSV, edit the points in a table, or go back to the post's.
 * Bad input is refused whole, with its line and reason in the notice, and the points stay as they
 * were. The table is redrawn only when the points change, and shows the first TABLE_ROWS.
 */
export function mountOwnDataView(out: HTMLElement, ctl: RunController): OwnDataView {
  const els = cellElements();
  out.append(els.root);
  let latest: ControllerState | null = null;
  let shownKey = '';
  const say = (text: string): void => setText(els.notice, text);
  const use = (d: OwnData | null): void => {
    say('');
    ctl.set({ data: d });
  };
  bindReading(els, use, say);
  bindTable(els, () => (latest ? pointsOf(latest) : null), use, say);

  const render = (state: ControllerState): void => {
    latest = state;
    const d = state.params.data;
    const key = d ? d.key : `post/${state.run.key}`;
    els.back.disabled = !d;
    if (key === shownKey) return;
    shownKey = key;
    const n = state.run.data.x0.length;
    setText(
      els.summary,
      d
        ? `Your ${n.toLocaleString('en-US')} points: the model, a*, the bound, the landscape and every optimizer use them.`
        : `The post\u2019s ${n.toLocaleString('en-US')} points (seed ${String(state.params.seed)}). Edit one, drag it in the data plot, click empty space there to add one, or paste your own.`,
    );
    fillTable(els.tbody, pointsOf(state));
    if (els.tbody.dataset.focusLast) {
      delete els.tbody.dataset.focusLast;
      els.tbody.querySelector<HTMLInputElement>('tr:last-child input')?.focus();
    }
    setText(
      els.more,
      n > TABLE_ROWS ? `The table shows the first ${String(TABLE_ROWS)} of ${n.toLocaleString('en-US')} points.` : '',
    );
  };
  // Filled before the first paint: text arriving later would push everything below it down.
  render(ctl.state);
  return { render, refuse: say, use };
}

type CellEls = ReturnType<typeof cellElements>;

function cellElements() {
  const summary = h('p', { class: 'own-summary', 'aria-live': 'polite' });
  const csv = h('textarea', {
    id: 'own-csv',
    rows: '4',
    spellcheck: 'false',
    placeholder: 'x,y\n-0.9,0.3\n-0.2,1.4\n0.5,3.1',
  });
  const useCsv = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'use-csv' }, 'Use these points');
  const file = h('input', { type: 'file', id: 'own-file', accept: '.csv,.txt,text/csv,text/plain' });
  const back = h(
    'button',
    { type: 'button', class: 'btn btn-small', 'data-action': 'post-data' },
    'Back to the post\u2019s data',
  );
  const notice = h('p', { class: 'own-notice', role: 'alert' });
  const tbody = h('tbody', {});
  const more = h('p', { class: 'own-more' });
  const add = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'add-point' }, 'Add a point');
  const col = (text: string): HTMLElement => h('th', { scope: 'col' }, text);
  const table = h(
    'table',
    { class: 'points-table' },
    h('caption', {}, 'The points: edit x or y, or delete a point'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        col('i'),
        col('x'),
        col('y'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'delete')),
      ),
    ),
    tbody,
  );
  // The tools fold away: the data plot itself is the first editor (drag, click to add).
  const edit = h(
    'details',
    { class: 'own-edit' },
    h('summary', {}, 'Paste, upload or edit the points'),
    h('div', { class: 'own-read' }, h('label', { for: csv.id }, 'Paste x,y rows (a CSV, header optional)'), csv),
    h(
      'div',
      { class: 'own-actions' },
      useCsv,
      h('label', { for: file.id, class: 'own-file-label' }, 'or upload a CSV'),
      file,
    ),
    h('div', { class: 'points-scroll', tabindex: '0', role: 'region', 'aria-label': 'the points' }, table),
    more,
    add,
  );
  const root = h('div', { class: 'own-data' }, h('div', { class: 'own-head' }, summary, back), notice, edit);
  return { root, summary, csv, useCsv, file, back, notice, tbody, more, add, edit };
}

/** Paste, upload and back: a CSV is read in chunks, so a million rows keep the page responsive. */
function bindReading(els: CellEls, use: (d: OwnData | null) => void, say: (text: string) => void): void {
  const read = async (text: string, source: string): Promise<void> => {
    say(`Reading ${source}\u2026`);
    const result = await readPointsAsync(text, nextTask);
    // Where reading ends and the run on the new points begins (a bench and a test read it).
    performance.mark(POINTS_READ);
    await nextTask();
    if (result.ok) use(result.data);
    else say(`${source}, ${describeProblem(result.problem, 'csv')}. Your points are as they were.`);
  };
  els.useCsv.addEventListener('click', () => void read(els.csv.value, 'The pasted rows'));
  els.file.addEventListener('change', () => {
    const f = els.file.files?.[0];
    if (!f) return;
    void f.text().then((text) => read(text, f.name));
    els.file.value = '';
  });
  els.back.addEventListener('click', () => use(null));
}

/** The table's edits: a cell, a delete, an added point. A bad cell is put back, with the reason. */
function bindTable(
  els: CellEls,
  points: () => OwnData | null,
  use: (d: OwnData) => void,
  say: (text: string) => void,
): void {
  els.add.addEventListener('click', () => {
    const d = points();
    if (!d) return;
    // The new row is the last: its x takes the focus once the table shows it.
    els.tbody.dataset.focusLast = 'true';
    use(withPoint(d, d.x.length, 0, 0));
  });
  els.tbody.addEventListener('change', (e) => {
    const input = e.target as HTMLInputElement;
    const row = Number(input.dataset.row);
    const d = points();
    if (!d || !Number.isInteger(row)) return;
    const v = readCell(input.value);
    const col = input.dataset.col === 'x' ? 'x' : 'y';
    if (typeof v === 'string') {
      say(`Point ${String(row)}, ${col}: ${v}. The point is as it was.`);
      input.value = String(d[col][row]);
      return;
    }
    use(withPoint(d, row, col === 'x' ? v : d.x[row]!, col === 'y' ? v : d.y[row]!));
  });
  els.tbody.addEventListener('click', (e) => {
    const del = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-delete]');
    const d = points();
    if (!del || !d) return;
    const row = Number(del.dataset.delete);
    const left = withoutPoint(d, row);
    if (!left) say(`A line needs at least ${String(MIN_POINTS)} points: point ${String(row)} stays.`);
    else use(left);
  });
}

function fillTable(tbody: HTMLTableSectionElement, d: OwnData): void {
  const count = Math.min(d.x.length, TABLE_ROWS);
  // The same rows (a dragged point, an edited cell): only the values change. Built anew, the
  // table cost a dragged point's every move several ms, and a focused cell its focus.
  if (tbody.rows.length === count) {
    for (const input of tbody.querySelectorAll<HTMLInputElement>('input[data-row]')) {
      const v = String(d[input.dataset.col === 'x' ? 'x' : 'y'][Number(input.dataset.row)]);
      if (input.value !== v) input.value = v;
      if (input.getAttribute('value') !== v) input.setAttribute('value', v);
    }
    return;
  }
  const rows: HTMLElement[] = [];
  for (let i = 0; i < count; i++) {
    const cell = (col: 'x' | 'y'): HTMLElement =>
      h(
        'td',
        {},
        h('input', {
          type: 'text',
          inputmode: 'decimal',
          value: String(d[col][i]),
          'data-row': String(i),
          'data-col': col,
          'aria-label': `${col} of point ${String(i)}`,
        }),
      );
    rows.push(
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, String(i)),
        cell('x'),
        cell('y'),
        h(
          'td',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn-small',
              'data-delete': String(i),
              'aria-label': `Delete point ${String(i)}`,
            },
            '×',
          ),
        ),
      ),
    );
  }
  tbody.replaceChildren(...rows);
}
