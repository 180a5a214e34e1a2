import './style.css';
import { startApp } from './app';
import { parseParams } from './params';

const { params, notices } = parseParams(location.search);
const byId = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el;
};
startApp(
  { notebook: byId('notebook'), controls: byId('controls'), notices: byId('notices'), backend: byId('backend') },
  params,
  notices,
);
