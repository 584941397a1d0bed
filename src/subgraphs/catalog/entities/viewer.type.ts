import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** What a caller may do: read (anyone), propose changes, review them, manage the API keys. */
export enum ViewerRole {
  READER = 'reader',
  CURATOR = 'curator',
  REVIEWER = 'reviewer',
  ADMIN = 'admin',
}
registerEnumType(ViewerRole, {
  name: 'ViewerRole',
  description: 'what a caller may do: READER (anyone, no key), CURATOR, REVIEWER, ADMIN',
});

/** The caller of a request, as the gateway authenticated it; nothing stored. */
@ObjectType({
  description: 'Who is calling: the holder of the API key the request sent, or an anonymous reader.',
})
export class Viewer {
  @Field({ description: 'the name of the API key, or "anonymous" without one' })
  name!: string;

  @Field(() => ViewerRole)
  role!: ViewerRole;

  @Field({ description: 'whether the request sent a valid API key' })
  authenticated!: boolean;
}
