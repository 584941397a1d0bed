import DataLoader from 'dataloader';
import { ConnectionArgs, Page, pageRequest, toPage } from '../../../common/connection';
import { loadAll } from '../../../common/loader-utils';
import { CatalogContext, RelationName } from '../loaders';

type Positioned = { position: number };

/** A nested connection: one batched page query per relation, then the nodes through their by-id loader. */
export async function nestedConnection<T extends Positioned, C>(
  ctx: CatalogContext,
  relation: RelationName,
  parentId: string,
  args: ConnectionArgs,
  byId: DataLoader<string, T | null>,
  make: (page: Page<T>, count: () => Promise<number>) => C,
): Promise<C> {
  const request = pageRequest(args);
  const slice = await ctx.loaders.page(relation, request).load(parentId);
  const nodes = await loadAll(byId, slice.childIds);
  return make(
    toPage(nodes, request, (n) => [n.position]),
    () => ctx.loaders.count(relation).load(parentId),
  );
}
