import * as fs from 'fs';

/** off: ids are not accepted; allow: ids and arbitrary documents; only: nothing but the manifest's documents. */
export type TrustedDocumentsMode = 'off' | 'allow' | 'only';

export interface TrustedDocuments {
  mode: TrustedDocumentsMode;
  /** hash ("sha256:<hex>") -> document, as `npm run codegen` writes persisted-documents.json */
  manifest: Record<string, string>;
}

/** Reads a persisted-documents manifest; a missing or malformed one is a startup error that says why. */
export function readManifest(file: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the trusted documents manifest ${file}: ${(err as Error).message}`);
  }
  if (
    !parsed ||
    typeof parsed !== 'object' ||
    Array.isArray(parsed) ||
    !Object.values(parsed).every((v) => typeof v === 'string')
  ) {
    throw new Error(`the trusted documents manifest ${file} must be a JSON object of hash -> document`);
  }
  return parsed as Record<string, string>;
}

type Params = { documentId?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } };

/** The runtime's persisted-documents options for a mode; ids are "sha256:<hex>", or the bare hex of APQ clients. */
export function trustedDocumentsOptions(trusted: TrustedDocuments | undefined) {
  if (!trusted || trusted.mode === 'off') return {};
  const { manifest } = trusted;
  return {
    persistedDocuments: {
      allowArbitraryDocuments: trusted.mode === 'allow',
      extractPersistedOperationId: (params: Params) => {
        const id = params.documentId ?? params.extensions?.persistedQuery?.sha256Hash;
        return typeof id === 'string' ? id : null;
      },
      getPersistedOperation: (id: string) => manifest[id] ?? manifest[`sha256:${id}`] ?? null,
      customErrors: {
        persistedQueryOnly: {
          message:
            'this gateway runs trusted documents only: send {"documentId": "sha256:<hash>"} of persisted-documents.json instead of a query',
          extensions: { code: 'TRUSTED_DOCUMENT_REQUIRED', http: { status: 400 } },
        },
        notFound: {
          message: 'no trusted document has this documentId',
          extensions: { code: 'TRUSTED_DOCUMENT_NOT_FOUND', http: { status: 400 } },
        },
        keyNotFound: {
          message: 'Must provide query string or documentId.',
          extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
        },
      },
    },
  };
}
