import { Directive, Field, ObjectType } from 'type-graphql';
import { listSize } from '../../../common/federation';
import { MAX_TRAVERSAL_EDGES, MAX_TRAVERSAL_NODES } from '../../../common/graph/graph-traversal';
import { GraphEdgeType } from './graph-edge.type';
import { Node } from './node.interface';

@ObjectType({ simpleResolvers: true })
export class Neighborhood {
  @Field(() => Node)
  center: Node;

  // a larger neighborhood is refused, so these bound what the gateway's cost limit counts
  @Directive(listSize(MAX_TRAVERSAL_NODES))
  @Field(() => [Node], {
    description: 'the entities within depth of the center, nearest first, the center excluded',
  })
  nodes: Node[];

  @Directive(listSize(MAX_TRAVERSAL_EDGES))
  @Field(() => [GraphEdgeType], { description: 'every relation among the center and its nodes' })
  edges: GraphEdgeType[];
}
