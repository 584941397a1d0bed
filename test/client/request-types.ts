// Uses of the client that must not compile. `tsc` checks that each marked line has an error (a
// directive with no error under it fails it); client.test.ts compiles this file without the
// directives and asserts each line's own error, so a line that fails for another reason fails too.
import { createAtlasClient, ModelPageDocument } from '../../src/client';

export async function misuse() {
  const client = createAtlasClient('http://127.0.0.1/graphql');
  // @ts-expect-error ModelPage requires $slug
  void client.request(ModelPageDocument);
  // @ts-expect-error $slug is a String
  void client.request(ModelPageDocument, { slug: 42 });
  const { model } = await client.request(ModelPageDocument, { slug: 'sam' });
  // @ts-expect-error the display of a quantity is a string
  const display: number | undefined = model?.parameters.display;
  const shown: string | undefined = model?.parameters.display;
  return [display, shown];
}
