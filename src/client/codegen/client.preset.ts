import { preset as clientPreset } from '@graphql-codegen/client-preset';
import { GENERATED_HEADER } from './header';

/**
 * The client preset of GraphQL Code Generator, with two changes the preset cannot be configured for:
 * every generated TypeScript file starts with GENERATED_HEADER (the preset's own files, gql.ts and
 * index.ts, take no user plugins), and the persisted-documents manifest is written to
 * `presetConfig.manifest` instead of next to the generated code.
 */
type PresetOptions = Parameters<typeof clientPreset.buildGeneratesSection>[0];
type GeneratedOutput = Awaited<ReturnType<typeof clientPreset.buildGeneratesSection>>[number];

const MANIFEST_NAME = 'persisted-documents.json';

function withHeader(output: GeneratedOutput): GeneratedOutput {
  if (!output.pluginMap.add) throw new Error(`client.preset: no "add" plugin for ${output.filename}`);
  return { ...output, plugins: [{ add: { content: GENERATED_HEADER } }, ...output.plugins] };
}

export const preset: typeof clientPreset = {
  prepareDocuments: clientPreset.prepareDocuments,
  async buildGeneratesSection(options: PresetOptions) {
    const { manifest, ...presetConfig } = (options.presetConfig ?? {}) as PresetOptions['presetConfig'] & {
      manifest?: string;
    };
    const outputs = await clientPreset.buildGeneratesSection({ ...options, presetConfig });
    return outputs.map((output) => {
      // JSON cannot carry a comment: the manifest is only moved.
      if (output.filename.endsWith(`/${MANIFEST_NAME}`))
        return manifest ? { ...output, filename: manifest } : output;
      return withHeader(output);
    });
  },
};
