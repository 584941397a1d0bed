import { Ctx, Query, Resolver } from 'type-graphql';
import type { Identity } from '../../../common/identity';
import { Viewer, ViewerRole } from '../entities/viewer.type';

/** The signed identity the gateway forwarded (or, in one process, handed over) with the request. */
@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, {
    description: "who is calling, as the gateway authenticated the request (GitHub's viewer)",
  })
  viewer(@Ctx() ctx: { identity: Identity }): Viewer {
    const { sub, role } = ctx.identity;
    return { name: sub, role: role as ViewerRole, authenticated: sub !== 'anonymous' };
  }
}
