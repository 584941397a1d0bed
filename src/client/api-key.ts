/** The environment variable the command line reads an API key from, for a server given by --url. */
export const API_KEY_VARIABLE = 'LAM_ATLAS_API_KEY';
