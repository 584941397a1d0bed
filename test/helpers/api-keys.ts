import { KeyStore, keyStoreTarget } from '../../src/app/api-keys/key-store';
import type { Config } from '../../src/common/config';

/** A new API key of a role in the server's key store. */
export async function keyOf(config: Config, name: string, role: string): Promise<string> {
  const store = await KeyStore.open(keyStoreTarget(config));
  try {
    return (await store.create(name, role)).key;
  } finally {
    await store.close();
  }
}
