// The list loads' bundle (dist/listLoads.js): paging a list and asking what changed, with the merge of the answer,
// the loads' reports (log, telemetry) and writing the list to the on-disk cache. Only a load or a refresh needs
// them, so the activation bundle paints the tree from the cache without them. casesModel.ts and caseCache.ts
// require this file on the first load: a sibling in the unit and integration builds, a bundle in dist/.

export { fetchNextPage, fetchParts } from './listPaging';
export { changeQuestion, fetchChanges, mergedState, newestChangeKnown } from './incrementalRefresh';
export { writeCacheFile } from './caseCacheWrite';
export { ListReports } from './listReports';
