import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Change } from '../../../common/curation/change.entity';
import { WriteInput, WritePayload } from '../../../common/curation/curation.types';

@InputType({ description: 'Proposes undoing an applied change: the entity as it was before it.' })
export class RevertChangeInput extends WriteInput {
  @Field(() => ID, { description: 'the applied change to undo (changes(since:), history)' })
  change: string;
}

@ObjectType({ simpleResolvers: true })
export class RevertChangePayload extends WritePayload {
  @Field(() => Change, { nullable: true, description: 'the change it undoes' })
  reverted: Change | null;
}
