import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.interface';

/** A relation between two entities as its declaring field has it (the graph projection's direction). */
@ObjectType('GraphEdge', { simpleResolvers: true })
export class GraphEdgeType {
  @Field(() => Node)
  from: Node;

  @Field(() => Node)
  to: Node;

  @Field({
    description:
      'the field that relates them on from, e.g. trainedOn, supports, models: the field that declares the relation, whose inverse on to (Model.risks for Risk.models) is the same relation',
  })
  relation: string;
}
