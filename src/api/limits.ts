// Limits the Support API documents (see the API reference): one definition for the service, the model and the views.

/** Largest `limit` of GET /case: the page size. */
export const PAGE_SIZE = 20;
/** Largest `offset` of GET /case: at most PAGE_SIZE + MAX_OFFSET (2020) cases are reachable. */
export const MAX_OFFSET = 2000;
