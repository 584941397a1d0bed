/** The constant key of the Audits entity, which every subgraph contributes fields to. */
export const AUDITS_ID = 'audits';
