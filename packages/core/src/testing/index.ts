export { VirtualClock } from './virtual-clock';
export { describeStorageContract, type StorageContractOptions } from './storage-contract';
