export { createStandIn, type DataValue, type StandIn, type StandInMetadata, type StandInOptions } from './server';
export { metadataOf } from './metadata';
export { startStandIn } from './start';
