import { Field, Float, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../../common/paging';
import { Node } from './node.interface';

@ObjectType({ simpleResolvers: true })
export class TextSearchEdge {
  @Field()
  cursor: string;

  @Field(() => Node)
  node: object;

  @Field(() => Float, { description: 'higher is better; exact name matches first' })
  score: number;

  @Field({
    description: 'where the text matched: name, alias, summary, description, notes, quote or mention',
  })
  field: string;

  @Field({ description: 'the matching passage, the matched words marked with [[ and ]]' })
  snippet: string;
}

@ObjectType({ simpleResolvers: true })
export class TextSearchConnection {
  @Field(() => [TextSearchEdge])
  edges: TextSearchEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  count: () => Promise<number>;

  @Field(() => Int, { description: 'the number of entities that match, not only this page' })
  totalCount(): Promise<number> {
    return this.count();
  }
}
