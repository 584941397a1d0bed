import type { DocumentNode } from 'graphql';
import { ByteBoundedCache, BYTES_PER_DOCUMENT_CHAR, DOCUMENT_CACHE_BYTES } from './byte-bounded-cache';

interface ParseDone {
  context: object;
  result: unknown;
  replaceParseResult: (result: unknown) => void;
}

interface Plugin {
  onParse?: unknown;
  onValidate?: unknown;
}

/**
 * Parsed documents, kept in a cache bounded by bytes instead of GraphQL Yoga's own, which keeps 1,024
 * documents (and 1,024 parse errors) for an hour whatever their size, and which the gateway runtime
 * offers no option for. Yoga's cache plugin comes right after the gateway's plugins and stores what the
 * parse ended with unless that is null: this plugin, the last of the gateway's, hides the result from
 * it, and a companion placed right after it puts the result back. Validation results stay cached, as
 * Yoga keys them weakly on the document object, which lives as long as this cache keeps it.
 */
export function useByteBoundedDocumentCache(maxBytes = DOCUMENT_CACHE_BYTES) {
  const cache = new ByteBoundedCache<DocumentNode>(maxBytes, BYTES_PER_DOCUMENT_CHAR);
  const hidden = new WeakMap<object, unknown>();
  const restore = {
    onParse:
      () =>
      ({ context, replaceParseResult }: ParseDone) => {
        if (!hidden.has(context)) return;
        replaceParseResult(hidden.get(context));
        hidden.delete(context);
      },
  };
  const plugin = {
    onPluginInit({ plugins }: { plugins: Plugin[] }) {
      const self = plugins.indexOf(plugin);
      const yogaCache = plugins.findIndex((p, i) => i > self && p?.onParse && p.onValidate);
      // without it this plugin would only hide documents: a dependency upgrade must not pass unnoticed
      if (self < 0 || yogaCache < 0)
        throw new Error("GraphQL Yoga's parser cache was not found after the gateway's document cache");
      plugins.splice(yogaCache + 1, 0, restore);
    },
    onParse({
      params,
      setParsedDocument,
    }: {
      params: { source: string | { body: string } };
      setParsedDocument: (doc: DocumentNode) => void;
    }) {
      const text = typeof params.source === 'string' ? params.source : params.source.body;
      const cached = cache.get(text);
      if (cached) setParsedDocument(cached);
      return ({ context, result, replaceParseResult }: ParseDone) => {
        if (!cached && result && !(result instanceof Error)) cache.set(text, result as DocumentNode);
        hidden.set(context, result);
        replaceParseResult(null);
      };
    },
  };
  return plugin;
}
