import { renderAudits } from './audits-view';
import { renderCharts } from './charts-view';
import { el, showView } from './dom-helpers';
import { renderEntity } from './entity-view';
import { renderNeighbours, renderPath } from './graph-view';
import { renderSearch } from './search-view';

// The explorer's entry: a hash router (#/search, #/entity/<id>, #/graph/<id>, #/path, #/charts, #/audits)
// so that every view has an address to share and the back button works.

function home(view: HTMLElement): void {
  const card = (href: string, title: string, text: string) =>
    el('li', {}, el('a', { href }, title), ': ', text);
  showView(
    view,
    'Explore the survey’s knowledge graph',
    el(
      'ul',
      { class: 'home-cards' },
      card(
        '#/search',
        'Search',
        'find any model, dataset, task, metric, risk, sector or reference as you type',
      ),
      card('#/graph', 'Neighbourhood graph', 'an entity and everything within one to three relations of it'),
      card('#/path', 'Path', 'the shortest chain of relations between two entities'),
      card(
        '#/charts',
        'Table I as charts',
        'prior art against large models, the leaderboards, the model sizes',
      ),
      card(
        '#/audits',
        'Audits and aggregates',
        'closed datasets and models, unreported sizes, risks without mitigation',
      ),
      card('/paper', 'The paper', 'the text every fact’s source points into'),
    ),
  );
}

async function route(view: HTMLElement): Promise<void> {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path] = hash.split('?');
  const [name, arg] = [path.split('/')[0], path.split('/').slice(1).join('/')];
  const id = arg ? decodeURIComponent(arg) : null;
  switch (name) {
    case 'search':
      return renderSearch(view);
    case 'entity':
      return id ? renderEntity(view, id) : home(view);
    case 'graph':
      return renderNeighbours(view, id);
    case 'path':
      return renderPath(view);
    case 'charts':
      return renderCharts(view, id);
    case 'audits':
      return renderAudits(view);
    default:
      return home(view);
  }
}

function start(): void {
  const view = document.getElementById('view')!;
  const go = () => {
    document.body.dataset.ready = 'false';
    void route(view).then(() => {
      // tests and screen readers: the view has finished loading
      document.body.dataset.ready = 'true';
      if (document.activeElement === document.body)
        view.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
    });
  };
  window.addEventListener('hashchange', go);
  go();
}

start();
