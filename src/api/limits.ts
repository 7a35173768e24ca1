// Limits the Support API documents (see the API reference): one definition for the service, the model and the views.

/** Largest `limit` of GET /case: the page size. */
export const PAGE_SIZE = 20;
/** Largest `offset` of GET /case: at most PAGE_SIZE + MAX_OFFSET (2020) cases are reachable. */
export const MAX_OFFSET = 2000;
/** Most `attachment` parts of one POST /note or POST /case. */
export const MAX_ATTACHMENTS = 5;
/** Largest attachment part. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
