import { entityStub } from '../../../common/entity-stub';

// Types other subgraphs own: Model, Dataset and Sector gain `risks` here; Citation is only referenced.
export const ModelStub = entityStub('Model');
export const DatasetStub = entityStub('Dataset');
export const SectorStub = entityStub('Sector');
export const CitationRef = entityStub('Citation', { resolvable: false });
