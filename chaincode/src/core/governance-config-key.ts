/** State key of the governance configuration (a single versioned record; a simple key, not a composite one). */
export const GOVERNANCE_CONFIG_KEY = 'governance~config';
