import 'reflect-metadata';
import { buildLiteratureSubgraph } from './src/subgraphs/literature';
buildLiteratureSubgraph().then((s) => console.log(s.sdl)).catch((e) => { console.error(e); process.exit(1); });
