// Baseline, not product code: the least an ESM Lambda handler can do. The cold-start
// ratio is measured against this, so the fixed cost of starting node cancels out.
export const handler = async (event) => event;
